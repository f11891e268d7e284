import Foundation
import Synchronization
import Testing
@testable import Logic

/// A computation run in a forked copy sends its text back whole, and a crash, an overrun or a
/// blocked copy is reported as such while the test process stays alive.
@Suite struct IsolatedRunTests {
    static let long = String(repeating: "0123456789", count: 30_000)

    @Test(arguments: [
        ("text", IsolatedRun.Outcome.finished("unsat 12 3 4,5\n")),
        ("long text", .finished(long)),
        ("segfault", .crashed(SIGSEGV)),
        ("busy past the deadline", .timedOut),
        ("blocked", .stalled),
    ])
    func theCopyReportsHowItEnded(_ body: String, _ expected: IsolatedRun.Outcome) {
        let outcome = IsolatedRun.run(seconds: body == "blocked" ? nil : 2, stallAfter: 1) { () -> String in
            switch body {
            case "text": return "unsat 12 3 4,5\n"
            case "long text": return Self.long
            case "segfault": raise(SIGSEGV); return ""
            case "busy past the deadline":
                var x = 0
                while true { x &+= 1; if x == 0 { break } }
                return "\(x)"
            default: sleep(30); return ""
            }
        }
        #expect(outcome == expected)
    }

    /// Copies forked side by side (each may inherit the others' pipes) each finish when they end,
    /// not when the slowest one does: the quick ones are not taken for stalled.
    @Test func copiesForkedTogetherFinishOnTheirOwn() {
        let outcomes = Mutex<[Int: IsolatedRun.Outcome]>([:])
        DispatchQueue.concurrentPerform(iterations: 6) { i in
            let outcome = IsolatedRun.run(seconds: 10, stallAfter: 0.5) { () -> String in
                if i == 0 {
                    let end = Date().addingTimeInterval(2)
                    while Date() < end {}
                }
                return "copy \(i)"
            }
            outcomes.withLock { $0[i] = outcome }
        }
        for i in 0..<6 { #expect(outcomes.withLock { $0[i] } == .finished("copy \(i)")) }
    }
}
