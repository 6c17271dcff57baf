import GRDB

/// The tables, as migrations: a database written by an older Portvakt is brought up to date on open.
///
/// Times are Unix nanoseconds (INTEGER), as everywhere in Portvakt.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row per supplier with a sanction or a violation on record: the manual sanction in readable
            // columns, and the whole ladder state (`SupplierSanction.Snapshot`) to restore it exactly.
            try db.execute(
                sql: """
                    CREATE TABLE sanctions (
                        supplier TEXT PRIMARY KEY NOT NULL,
                        level TEXT,
                        since INTEGER,
                        until INTEGER,
                        manual INTEGER NOT NULL DEFAULT 0,
                        reason TEXT,
                        ladder TEXT NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE violations (
                        id INTEGER PRIMARY KEY,
                        supplier TEXT NOT NULL,
                        rule TEXT NOT NULL,
                        product TEXT NOT NULL,
                        route TEXT NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        customers INTEGER NOT NULL,
                        requests INTEGER NOT NULL,
                        median_interval_s REAL,
                        unchanged_ratio REAL,
                        first_seen INTEGER NOT NULL,
                        last_seen INTEGER NOT NULL,
                        periodicity REAL,
                        advisory INTEGER NOT NULL,
                        advice TEXT NOT NULL
                    );
                    CREATE INDEX violations_by_supplier ON violations (supplier, recorded_at);
                    CREATE TABLE standings (
                        supplier TEXT NOT NULL,
                        changed_at INTEGER NOT NULL,
                        level TEXT,
                        until INTEGER,
                        manual INTEGER NOT NULL DEFAULT 0,
                        reason TEXT
                    );
                    CREATE INDEX standings_by_supplier ON standings (supplier, changed_at);
                    -- One row per supplier, hour and product, a column per decision: a report reads the rows in
                    -- key order and sums them as they come.
                    CREATE TABLE usage (
                        supplier TEXT NOT NULL,
                        hour INTEGER NOT NULL,
                        product TEXT NOT NULL,
                        allowed INTEGER NOT NULL DEFAULT 0,
                        shadow INTEGER NOT NULL DEFAULT 0,
                        throttled INTEGER NOT NULL DEFAULT 0,
                        blocked INTEGER NOT NULL DEFAULT 0,
                        maintenance INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (supplier, hour, product)
                    ) WITHOUT ROWID;
                    """)
        }
        return migrator
    }
}
