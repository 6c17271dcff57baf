import Crypto
import NIOCore
import PortvaktCore

/// The stand-in's Dialogporten dialogs. The list a supplier reads changes only when a dialog is created or
/// updated, so repeated reads give byte-identical bodies and the same ETag: exactly what polling looks like.
struct DialogLedger {
    struct Dialog: Equatable {
        var id: String
        /// Dialogporten's `revision`: a new UUID on every change, sent bare as the details' `ETag`.
        var revision: String
        var sequence: Int
        var updateCount: Int
        var createdAt: String
        var updatedAt: String
    }

    /// A rendered list answer, kept until the next change so a poll costs no rendering.
    struct RenderedList {
        var body: ByteBuffer
        /// A strong entity-tag, quoted: the first 32 hex digits of the body's SHA-256.
        var etag: String
    }

    /// The dialogs, newest first.
    private(set) var dialogs: [Dialog] = []
    /// Counts every change; part of revision seeds so revisions never repeat.
    private(set) var changeCount = 0
    private var renderedLists: [String: RenderedList] = [:]

    /// Bounds the rendered-list cache; a demo with many parties just renders again.
    private static let renderedListLimit = 4096

    init(initialDialogs: Int = 4) {
        for _ in 0..<initialDialogs {
            _ = self.create()
        }
    }

    /// Adds a dialog and returns it.
    mutating func create() -> Dialog {
        let sequence = (self.dialogs.first?.sequence ?? 0) + 1
        self.changeCount += 1
        let timestamp = FakeClock.timestamp(secondsAfterStart: self.changeCount * 60)
        let dialog = Dialog(
            id: DeterministicUUID.make("dialog-\(sequence)"),
            revision: DeterministicUUID.make("dialog-\(sequence)-revision-\(self.changeCount)"),
            sequence: sequence,
            updateCount: 0,
            createdAt: timestamp,
            updatedAt: timestamp
        )
        self.dialogs.insert(dialog, at: 0)
        self.renderedLists.removeAll(keepingCapacity: true)
        return dialog
    }

    /// Gives dialog `id` a new revision; nil when there is no such dialog.
    mutating func update(id: String) -> Dialog? {
        guard let index = self.dialogs.firstIndex(where: { $0.id == id }) else { return nil }
        self.changeCount += 1
        self.dialogs[index].updateCount += 1
        self.dialogs[index].revision = DeterministicUUID.make("dialog-\(id)-revision-\(self.changeCount)")
        self.dialogs[index].updatedAt = FakeClock.timestamp(secondsAfterStart: self.changeCount * 60)
        self.renderedLists.removeAll(keepingCapacity: true)
        return self.dialogs[index]
    }

    func dialog(id: String) -> Dialog? {
        self.dialogs.first { $0.id == id }
    }

    /// The search answer for `party`: `limit` items from `offset`, newest first, with a continuation token
    /// (the next offset) when more remain.
    mutating func list(party: String, limit: Int, offset: Int) -> RenderedList {
        let key = "\(limit)|\(offset)|\(party)"
        if let rendered = self.renderedLists[key] {
            return rendered
        }
        let page = self.dialogs.dropFirst(offset).prefix(limit)
        let hasNextPage = offset + page.count < self.dialogs.count
        let items = page.map { Self.json(for: $0, party: party, detailed: false) }
        let token = hasNextPage ? JSONText.quoted(String(offset + page.count)) : "null"
        let text =
            "{\"items\":[\(items.joined(separator: ","))],\"hasNextPage\":\(hasNextPage),"
            + "\"continuationToken\":\(token),\"orderBy\":\"contentupdatedat_desc\"}"
        let body = ByteBuffer(string: text)
        var hash = SHA256()
        body.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
        let rendered = RenderedList(body: body, etag: "\"" + String(hash.finalize().hexString.prefix(32)) + "\"")
        if self.renderedLists.count >= Self.renderedListLimit {
            self.renderedLists.removeAll(keepingCapacity: true)
        }
        self.renderedLists[key] = rendered
        return rendered
    }

    /// A dialog as Dialogporten's end-user API shows it (a plausible subset of the fields).
    static func json(for dialog: Dialog, party: String, detailed: Bool) -> String {
        let title = "Melding \(dialog.sequence)"
        let summary = "Oppdatert \(dialog.updateCount) ganger."
        var fields = [
            "\"id\":\(JSONText.quoted(dialog.id))",
            "\"revision\":\(JSONText.quoted(dialog.revision))",
            "\"org\":\"digdir\"",
            "\"serviceResource\":\"urn:altinn:resource:stand-in\"",
            "\"party\":\(JSONText.quoted(party))",
            "\"progress\":\(dialog.sequence * 10 % 100)",
            "\"status\":\"RequiresAttention\"",
            "\"createdAt\":\(JSONText.quoted(dialog.createdAt))",
            "\"updatedAt\":\(JSONText.quoted(dialog.updatedAt))",
            "\"contentUpdatedAt\":\(JSONText.quoted(dialog.updatedAt))",
            "\"hasUnopenedContent\":true",
            "\"content\":{\"title\":{\"value\":[{\"value\":\(JSONText.quoted(title)),\"languageCode\":\"nb\"}]},"
                + "\"summary\":{\"value\":[{\"value\":\(JSONText.quoted(summary)),\"languageCode\":\"nb\"}]}}",
        ]
        if detailed {
            fields.append("\"dialogToken\":\"stand-in.dialog-token.\(dialog.sequence)\"")
            fields.append("\"transmissions\":[]")
            fields.append("\"activities\":[]")
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
}
