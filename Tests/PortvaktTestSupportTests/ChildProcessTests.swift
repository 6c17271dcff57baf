import PortvaktTestSupport
import Testing

@Suite struct ChildProcessTests {
    @Test func capturesMoreThanAPipeHoldsAndTheExitStatus() throws {
        // 1 MiB on standard output before the child can end: read as it comes, it never waits on the test.
        let child = try ChildProcess("/bin/sh", ["-c", "head -c 1048576 /dev/zero; echo gone >&2; exit 3"])
        #expect(child.terminationStatus == 3)
        #expect(child.output.count == 1 << 20)
        #expect(child.errorOutput == Array("gone\n".utf8))
    }

    @Test func givesInputEnvironmentAndDirectory() throws {
        let child = try ChildProcess(
            "/bin/sh", ["-c", "read line; echo \"$line $GREETING $(pwd)\""], environment: ["GREETING": "hei"],
            directory: "/tmp", input: Array("input\n".utf8))
        #expect(child.terminationStatus == 0)
        #expect(String(decoding: child.output, as: UTF8.self) == "input hei /tmp\n")
    }

    /// The child has its three standard streams and nothing else of this process: no test's pipe or socket.
    @Test func theChildInheritsNoOtherDescriptor() throws {
        let child = try ChildProcess("/bin/sh", ["-c", "ls /proc/$$/fd"])
        #expect(child.terminationStatus == 0)
        #expect(String(decoding: child.output, as: UTF8.self).split(separator: "\n").sorted() == ["0", "1", "2"])
    }

    @Test func aTerminatedChildReportsTheSignal() throws {
        let child = try ChildProcess("/bin/sleep", ["30"], output: .discard, error: .discard)
        #expect(child.isRunning)
        child.terminate()
        #expect(child.terminationStatus == 15)
        #expect(!child.isRunning)
    }

    @Test func aMissingProgramIsAnError() {
        #expect(throws: ChildProcess.SpawnFailure.self) { try ChildProcess("/nonexistent/program", []) }
    }
}
