/// Checks terms with Z3. One per thread: it owns a Z3 context and is not `Sendable`.
/// Each check uses a fresh solver; sorts and declarations are cached across checks.
public final class Prover {
    /// The context checks run in; replaced by a fresh one after Z3 crashes in it.
    private var current: Z3Session

    public init() throws(SolverError) {
        current = try Z3Session()
    }

    /// The session, a fresh one if Z3 crashed in the last.
    private var session: Z3Session {
        get throws(SolverError) {
            if current.crashSignal != nil { current = try Z3Session() }
            return current
        }
    }

    /// Valid iff `hypotheses ⇒ goal` holds for all values of the free variables. Hypotheses are named for unsat cores.
    /// When Z3 crashes on the query (`SolverError.crashSignal`), it is checked once more in a fresh
    /// context with relevancy propagation off (where Z3 4.8.12's crashes are); any answer then is
    /// Z3's answer to the same query, and the result records the crash.
    public func checkValid(_ goal: Term, hypotheses: [(name: String, term: Term)] = [], options: SolverOptions = .init()) throws(SolverError) -> CheckResult {
        let start = ContinuousClock.now
        var crash: Int32?
        let result: (verdict: Verdict, rlimitUsed: UInt64, instantiations: UInt64, unsatCore: [String])
        do {
            result = try session.checkValid(goal, hypotheses: hypotheses, options: options)
        } catch let error where error.crashSignal != nil && options.relevancy != 0 {
            crash = error.crashSignal
            var fallback = options
            fallback.relevancy = 0
            result = try session.checkValid(goal, hypotheses: hypotheses, options: fallback)
        }
        let stats = SolverStats(seconds: Self.seconds(since: start), rlimitUsed: result.rlimitUsed, quantifierInstantiations: result.instantiations)
        var out = CheckResult(verdict: result.verdict, stats: stats, unsatCore: result.unsatCore)
        out.recoveredCrashSignal = crash
        return out
    }

    /// Satisfiability of a conjunction of Bool terms, with a model when sat (used for vacuity checks).
    public func checkSatisfiable(_ formulas: [Term], options: SolverOptions = .init()) throws(SolverError) -> (SatResult, SolverStats) {
        let start = ContinuousClock.now
        let result = try session.checkSatisfiable(formulas, options: options)
        return (result.result, SolverStats(seconds: Self.seconds(since: start), rlimitUsed: result.rlimitUsed, quantifierInstantiations: result.instantiations))
    }

    /// Satisfiability of `formulas ∧ universals`, each universal instantiated only where a candidate
    /// model violates it and the query split on `splits` where Z3 cannot decide it whole; `sat`
    /// comes with a model checked against every universal (see `Z3Session+Refinement.swift`).
    public func checkSatisfiable(_ formulas: [Term], universals: [UniversalConstraint], splits: [SplitVariable] = [],
                                 options: SolverOptions = .init(), limits: RefinementLimits = .init())
        throws(SolverError) -> (SatResult, SolverStats, checks: Int) {
        let start = ContinuousClock.now
        let result = try session.checkSatisfiable(formulas, universals: universals, splits: splits, options: options, limits: limits)
        return (result.result, SolverStats(seconds: Self.seconds(since: start), rlimitUsed: result.rlimitUsed, quantifierInstantiations: 0),
                result.checks)
    }

    /// Evaluates a closed term (no free variables) with Z3 and decodes the result.
    public func evaluateClosed(_ term: Term) throws(SolverError) -> Value {
        try session.evaluateClosed(term)
    }

    /// The version of the linked Z3 library, e.g. "4.8.12".
    public static var z3Version: String { Z3Session.version }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}

@available(*, unavailable, message: "a Prover owns a Z3 context, which is not thread-safe; create one per thread")
extension Prover: Sendable {}
