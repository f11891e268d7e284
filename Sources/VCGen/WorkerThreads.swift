import Foundation

/// Worker threads for checks run side by side. Not `DispatchQueue.concurrentPerform`: libdispatch
/// runs an apply nested in another one on as many threads as the outer one leaves it, so a proof's
/// discharge inside `--all`'s loop over proofs ran its cases one at a time on a 2-core machine once
/// the other proofs were done (measured: FluentBit's ESR chain, one busy thread of three).
enum WorkerThreads {
    /// Stack of each new thread: room for Z3's recursion on the largest queries (a main thread's 8 MB, and more).
    static let stackSize = 64 << 20

    /// Runs `body` on `count` threads, the caller's and `count - 1` new ones, and returns when every
    /// one has returned.
    static func run(_ count: Int, _ body: @escaping @Sendable () -> Void) {
        guard count > 1 else { body(); return }
        let finished = DispatchSemaphore(value: 0)
        for _ in 1..<count {
            let thread = Thread {
                body()
                finished.signal()
            }
            thread.stackSize = stackSize
            thread.start()
        }
        body()
        for _ in 1..<count { finished.wait() }
    }
}
