import Foundation
import PortvaktConfig
import Testing

@Suite struct ConfigFileWatchTests {
    private static func version(_ modified: Int64, size: Int64 = 100, inode: UInt64 = 7) -> ConfigFileWatch.Signature {
        ConfigFileWatch.Signature(device: 1, inode: inode, size: size, modified: modified)
    }

    /// What the watch says at each look.
    private static func looks(_ watch: inout ConfigFileWatch, _ versions: [ConfigFileWatch.Signature?]) -> [Bool] {
        versions.map { watch.look($0) }
    }

    @Test func aChangeReloadsOnceItHasSettled() {
        var watch = ConfigFileWatch(loaded: Self.version(1))
        // Unchanged, being written, still being written, settled, and reloaded only once.
        let said = Self.looks(
            &watch, [Self.version(1), Self.version(2, size: 50), Self.version(3), Self.version(3), Self.version(3)])
        #expect(said == [false, false, false, true, false])
    }

    @Test func aFileMovedIntoPlaceIsAChange() {
        var watch = ConfigFileWatch(loaded: Self.version(1))
        #expect(Self.looks(&watch, [Self.version(1, inode: 8), Self.version(1, inode: 8)]) == [false, true])
    }

    @Test func aVanishedFileIsNotReloadedUntilItComesBack() {
        var watch = ConfigFileWatch(loaded: Self.version(1))
        let said = Self.looks(&watch, [nil, nil, nil, Self.version(1), Self.version(1)])
        #expect(said == [false, false, false, false, true])
    }

    @Test func aChangeLoadedBySIGHUPIsNotReloadedAgain() {
        var watch = ConfigFileWatch(loaded: Self.version(1))
        #expect(Self.looks(&watch, [Self.version(2)]) == [false])
        watch.loaded(Self.version(2))
        #expect(Self.looks(&watch, [Self.version(2), Self.version(2)]) == [false, false])
    }

    @Test func theSignatureTellsVersionsOfARealFileApart() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("watch-\(UUID()).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(ConfigFileWatch.Signature(ofFile: path) == nil)
        try "listen: 127.0.0.1:1\n".write(toFile: path, atomically: false, encoding: .utf8)
        let first = try #require(ConfigFileWatch.Signature(ofFile: path))
        #expect(ConfigFileWatch.Signature(ofFile: path) == first)
        try "listen: 127.0.0.1:12\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(ConfigFileWatch.Signature(ofFile: path) != first)
    }
}
