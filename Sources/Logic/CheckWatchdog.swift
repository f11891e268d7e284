internal import CZ3
import Dispatch
import Foundation
import Synchronization

/// Stops one Z3 check at its wall-clock limit: a timer of ours that interrupts that solver alone
/// (`Z3_solver_interrupt`, which acts only while the solver is checking, so it can never cancel a
/// later check of the same context).
///
/// It stands in for Z3's own `timeout` parameter. In 4.8.12 that parameter arms a timer taken from
/// a process-wide pool of threads whose hand-over between the timer's thread and the checking
/// thread has known data races (fixed upstream after 4.8.12); a copy made by `IsolatedRun` could
/// not use it at all, since threads do not survive a fork.
final class CheckWatchdog: Sendable {
    private struct Armed: @unchecked Sendable {  // the raw Z3 handles, used only under the lock
        let context: Z3_context
        let solver: Z3_solver
    }
    /// The solver while its check runs; nil once the check has returned.
    private let armed: Mutex<Armed?>
    private let fired = Atomic<Bool>(false)

    /// The watchdogs' timers run here, on a queue of their own: the shared pool's threads may all be
    /// checking (Swift concurrency's cooperative threads are that pool on Linux), and a timer
    /// that waits for one of them would never interrupt the checks that hold them.
    private static let timers = DispatchQueue(label: "anvil.check-watchdog")

    /// How long a check may go on after its interrupt before the process gives up on it.
    static let graceSeconds = 60

    /// Arms the timer for `milliseconds` from now. Z3 sees the interrupt where it counts its
    /// rlimit; a check still running `graceSeconds` after it cannot be stopped from this process,
    /// so the run ends there with an error rather than hang (`--isolate` kills such a check).
    init(context: Z3_context, solver: Z3_solver, milliseconds: UInt32) {
        armed = Mutex(Armed(context: context, solver: solver))
        Self.timers.asyncAfter(deadline: .now() + .milliseconds(Int(milliseconds))) { [self] in
            let interrupted = armed.withLock { handles in
                guard let handles else { return false }
                fired.store(true, ordering: .sequentiallyConsistent)
                Z3_solver_interrupt(handles.context, handles.solver)
                return true
            }
            guard interrupted else { return }
            Self.timers.asyncAfter(deadline: .now() + .seconds(Self.graceSeconds)) { [self] in
                guard armed.withLock({ $0 != nil }) else { return }
                FileHandle.standardError.write(Data("""
                    error: a Z3 check went on \(Self.graceSeconds) s past its wall-clock limit (\(milliseconds / 1000) s) without \
                    stopping at the interrupt; the run cannot stop it and ends here. Run again with --isolate, \
                    which checks each case in a copy of the process and kills such a check.\n
                    """.utf8))
                exit(3)
            }
        }
    }

    /// Called once the check has returned: the timer does nothing after this. True when it had
    /// already interrupted the check (the check ran out of time).
    func disarm() -> Bool {
        armed.withLock { $0 = nil }
        return fired.load(ordering: .sequentiallyConsistent)
    }
}
