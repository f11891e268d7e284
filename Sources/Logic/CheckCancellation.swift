internal import CZ3
import Synchronization

/// Stops the checks of a batch once their answers no longer matter: when one case of a mutant's
/// step has failed, the others running beside it are interrupted (`Z3_solver_interrupt`, as the
/// `CheckWatchdog` does), and a check that has not started yet does not start. An interrupted
/// check answers `unknown` with `reason`, which is never a proof.
public final class CheckCancellation: Sendable, Hashable {
    private struct Armed: @unchecked Sendable {  // the raw Z3 handles, used only under the lock
        let context: Z3_context
        let solver: Z3_solver
    }
    private let state = Mutex<(cancelled: Bool, next: Int, armed: [Int: Armed])>((false, 0, [:]))

    /// The reason an interrupted check gives.
    public static let reason = "canceled: another case of the batch failed"

    public init() {}

    /// Interrupts every check running under this cancellation; later ones do not start.
    public func cancel() {
        state.withLock { s in
            s.cancelled = true
            for handles in s.armed.values { Z3_solver_interrupt(handles.context, handles.solver) }
        }
    }

    public var isCancelled: Bool { state.withLock { $0.cancelled } }

    /// Registers a check about to run: its ticket, or nil when the batch is already cancelled.
    func register(_ context: Z3_context, _ solver: Z3_solver) -> Int? {
        state.withLock { s in
            guard !s.cancelled else { return nil }
            s.next += 1
            s.armed[s.next] = Armed(context: context, solver: solver)
            return s.next
        }
    }

    /// The check of `ticket` has returned: it is not interrupted after this.
    func unregister(_ ticket: Int) {
        _ = state.withLock { $0.armed.removeValue(forKey: ticket) }
    }

    public static func == (a: CheckCancellation, b: CheckCancellation) -> Bool { a === b }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
}
