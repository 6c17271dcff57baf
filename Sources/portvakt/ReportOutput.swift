import Foundation

extension String {
    /// A rendered report to standard output, or to the file `out` names (replacing it).
    func writeReport(to out: String?) throws {
        guard let out else { return print(self, terminator: "") }
        do {
            try self.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw CommandFailure(reason: "\(out): cannot write the report: \(error.localizedDescription)")
        }
    }
}
