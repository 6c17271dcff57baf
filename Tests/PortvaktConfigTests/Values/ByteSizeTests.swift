import Testing

@testable import PortvaktConfig

@Suite struct ByteSizeTests {
    @Test(arguments: [
        ("512KiB", 512 << 10), ("100MiB", 100 << 20), ("1GiB", 1 << 30), ("2TiB", 2 << 40),
        ("10KB", 10_000), ("5MB", 5_000_000), ("1GB", 1_000_000_000), ("4096", 4096), ("64B", 64),
    ])
    func readsUnits(text: String, bytes: Int) {
        #expect(ByteSize.bytes(configText: text) == bytes)
    }

    @Test(arguments: ["", "MiB", "1.5MiB", "100 MiB", "100mib", "1PiB", "-1KiB", "99999999999GiB"])
    func refusesAnythingElse(text: String) {
        #expect(ByteSize.bytes(configText: text) == nil)
    }
}
