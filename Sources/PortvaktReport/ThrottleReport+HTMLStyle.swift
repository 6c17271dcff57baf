extension ThrottleReport {
    /// The HTML report's style sheet: system fonts only, sized for a laptop screen, printable.
    static let styleSheet = """
        :root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--paper:#f4f6fa;--card:#fff;--accent:#1e3a8a}
        *{box-sizing:border-box}
        body{margin:0;background:var(--paper);color:var(--ink);font:14px/1.5 system-ui,-apple-system,"Segoe UI",\
        Roboto,"Helvetica Neue","DejaVu Sans",Arial,sans-serif}
        .wrap{max-width:1180px;margin:0 auto;padding:0 24px}
        .masthead{background:linear-gradient(100deg,#0b1f4d,#1e3a8a 60%,#2563eb);color:#fff;padding:22px 0 20px}
        .masthead .wrap{display:flex;align-items:baseline;gap:18px;flex-wrap:wrap}
        .brand{margin:0;font-weight:700;letter-spacing:.14em;text-transform:uppercase;font-size:12px;opacity:.8}
        h1{margin:0;font-size:26px;font-weight:650}
        .period{margin:0 0 0 auto;font-variant-numeric:tabular-nums;opacity:.9}
        main.wrap{padding-top:22px}
        .tiles{display:grid;grid-template-columns:repeat(6,1fr);gap:12px;margin-bottom:18px}
        .tile{background:var(--card);border-radius:10px;padding:12px 16px;box-shadow:0 1px 2px rgba(15,23,42,.08);\
        border-top:3px solid #94a3b8;color:var(--muted);font-size:12.5px}
        .tile .value{display:block;color:var(--ink);font-size:24px;font-weight:650;font-variant-numeric:tabular-nums}
        .tile.warn{border-top-color:#f59e0b}.tile.bad{border-top-color:#dc2626}
        .card{background:var(--card);border-radius:12px;padding:18px 22px 20px;margin-bottom:18px;\
        box-shadow:0 1px 3px rgba(15,23,42,.08)}
        h2{margin:0 0 12px;font-size:18px}
        h3{margin:20px 0 8px;font-size:14px;text-transform:uppercase;letter-spacing:.06em;color:var(--muted)}
        .supplier-head{display:flex;align-items:center;gap:12px;flex-wrap:wrap;border-bottom:1px solid var(--line);\
        padding-bottom:10px;margin-bottom:12px}
        .supplier-head h2{margin:0;font-variant-numeric:tabular-nums}
        .figures{margin:0 0 0 auto;color:var(--muted);font-variant-numeric:tabular-nums}
        table.data{width:100%;border-collapse:collapse;font-variant-numeric:tabular-nums}
        table.narrow{width:auto;min-width:50%}
        .data th{text-align:left;font-weight:600;color:var(--muted);font-size:12px;border-bottom:2px solid var(--line);\
        padding:6px 8px;white-space:nowrap}
        .data td{font-size:13.5px;padding:7px 8px;border-bottom:1px solid var(--line);vertical-align:top}
        .data .n{text-align:right;white-space:nowrap}
        .data .time{white-space:nowrap;color:#334155}
        .violation code{white-space:nowrap}
        .data tbody tr:hover{background:#f8fafc}
        .data a{color:var(--accent);font-weight:600;text-decoration:none}
        .violation tr:first-child td{border-bottom:0}
        .advice td{color:#334155;padding-top:0;padding-bottom:10px}
        code{font:12.5px/1.4 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace}
        .quiet{color:var(--muted)}
        .badge{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:600;\
        line-height:1.6;border:1px solid transparent}
        .badge.none{background:#ecfdf5;color:#047857;border-color:#a7f3d0}
        .badge.notice{background:#fef9c3;color:#854d0e;border-color:#fde047}
        .badge.throttle{background:#ffedd5;color:#9a3412;border-color:#fdba74}
        .badge.cutoff{background:#b91c1c;color:#fff}
        .badge.advisory{background:#eef2ff;color:#3730a3;border-color:#c7d2fe;font-weight:500}
        figure{margin:0}
        svg.chart{display:block;width:100%;height:auto}
        svg .tick{font-size:11px;fill:#64748b}
        svg .axis-title{font-size:11px;fill:#94a3b8}
        svg .band-label{font-size:10.5px;fill:#fff;font-weight:600}
        .legend{display:flex;flex-wrap:wrap;gap:4px 16px;color:var(--muted);font-size:12px;margin:2px 0 0 56px}
        .legend i{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;vertical-align:-1px}
        .legend .gap{margin-left:14px}
        .legend i.clean{background:#e8f5e9;border:1px solid #c8e6c9}
        .legend i.hatched{background:repeating-linear-gradient(45deg,#b91c1c 0 3px,#e9a3a3 3px 6px)}
        .letter{margin:22px 0 4px;border:1px solid #fecaca;border-left:5px solid #b91c1c;border-radius:8px;\
        background:#fffdfa;padding:16px 24px 10px;max-width:880px;\
        font-family:Charter,"Bitstream Charter",Georgia,"DejaVu Serif",serif;font-size:14.5px;line-height:1.6}
        .letter .letter-kind{margin:0;font:600 11.5px/1.4 system-ui,"DejaVu Sans",sans-serif;color:#b91c1c;\
        text-transform:uppercase;letter-spacing:.08em}
        .letter h3{margin:4px 0 10px;color:var(--ink);text-transform:none;letter-spacing:0;font-size:17px}
        .letter p{margin:0 0 10px}
        .letter .lead{margin-bottom:2px;font-weight:600}
        .letter ul{margin:0 0 10px;padding-left:22px}
        .letter li{margin-bottom:2px}
        .notes{margin:0;padding-left:20px}
        footer{color:var(--muted);font-size:12px;padding-top:4px;padding-bottom:28px}
        @media (max-width:900px){.tiles{grid-template-columns:repeat(3,1fr)}}
        @media print{body{background:#fff}.card{box-shadow:none;border:1px solid var(--line)}}
        """
}
