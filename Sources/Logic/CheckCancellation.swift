internal import CZ3
import Dispatch
import Synchronization

/// Stops the checks of a batch once their answers no longer matter: when one case of a mutant's
/// step has failed, the others running beside it are interrupted (`Z3_solver_interrupt`, as the
/// `CheckWatchdog` does), and a check that has not started yet does not start. An interrupted
/// check answers `unknown` with `reason`, which is never a proof.
///
/// One interrupt is not always enough: a CI run saw a check go on to its 60 s limit after it (Z3
/// 4.8.12 clears its cancel flag at points of a check). So the interrupt is sent again every
/// `repeatMilliseconds` until every check registered before the cancellation has returned.
public final class CheckCancellation: Sendable, Hashable {
    private struct Armed: @unchecked Sendable {  // the raw Z3 handles, used only under the lock
        let context: Z3_context
        let solver: Z3_solver
    }
    private let state = Mutex<(cancelled: Bool, next: Int, armed: [Int: Armed])>((false, 0, [:]))

    /// The reason an interrupted check gives.
    public static let reason = "canceled: another case of the batch failed"

    public init() {}

    /// How often the interrupt is sent again to the checks that have not returned yet.
    static let repeatMilliseconds = 50

    /// The repeated interrupts run here, on a queue of their own (as `CheckWatchdog`'s timers do).
    private static let repeats = DispatchQueue(label: "anvil.check-cancellation")

    /// Interrupts every check running under this cancellation; later ones do not start.
    public func cancel() {
        state.withLock { $0.cancelled = true }
        interruptArmed()
    }

    /// Interrupts the checks still registered, and again later while any is.
    private func interruptArmed() {
        let remaining = state.withLock { s in
            for handles in s.armed.values { Z3_solver_interrupt(handles.context, handles.solver) }
            return s.armed.count
        }
        guard remaining > 0 else { return }
        Self.repeats.asyncAfter(deadline: .now() + .milliseconds(Self.repeatMilliseconds)) { [self] in interruptArmed() }
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
