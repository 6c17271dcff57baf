import Foundation
import PortvaktTestSupport
import PortvaktThreads
import Synchronization
import Testing

@Suite struct ThreadNameTests {
    /// Every new thread that names itself is known by that name at once. Named through Foundation's
    /// `Thread.current.name` instead, about one in forty kept its creator's name, so among 200 some would.
    @Test func everyNewThreadThatNamesItselfHasTheName() async {
        let names = Mutex<[String]>([])
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            let left = Mutex(200)
            for _ in 0..<200 {
                Thread {
                    nameThisThread("pv-named")
                    let name = currentThreadName()
                    names.withLock { $0.append(name) }
                    if left.withLock({
                        $0 -= 1; return $0 == 0
                    }) {
                        finished.resume()
                    }
                }.start()
            }
        }
        #expect(names.withLock { $0 } == Array(repeating: "pv-named", count: 200))
    }
}
