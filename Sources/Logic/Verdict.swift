/// What a validity check established. Only `proved` is a success: `unknown` and
/// `resourceExhausted` are failures, never passes.
public enum Verdict: Sendable, CustomStringConvertible {
    /// The negated goal is unsatisfiable under the hypotheses.
    case proved
    /// The goal is false for some values; the model, decoded when possible.
    case refuted(Counterexample?)
    /// Z3 gave up (incompleteness, quantifiers, timeout).
    case unknown(reason: String)
    /// The check ran out of its rlimit.
    case resourceExhausted

    public var isProved: Bool {
        if case .proved = self { return true }
        return false
    }

    /// One word or phrase for the verdict, without the counterexample.
    public var word: String {
        switch self {
        case .proved: return "proved"
        case .refuted: return "refuted"
        case .unknown(let reason): return "unknown (\(reason))"
        case .resourceExhausted: return "rlimit exhausted"
        }
    }

    public var description: String {
        switch self {
        case .proved: return "proved"
        case .refuted(let counterexample?): return "refuted by\n\(counterexample)"
        case .refuted(nil): return "refuted (the counterexample could not be decoded)"
        case .unknown(let reason): return "unknown (\(reason))"
        case .resourceExhausted: return "resource limit exhausted"
        }
    }
}

/// The outcome of a satisfiability check; `sat` carries the model of the formulas' free variables.
public enum SatResult: Sendable {
    case sat(Counterexample)
    case unsat
    case unknown(reason: String)
    case resourceExhausted
}

/// Telemetry of one check.
public struct SolverStats: Sendable, Hashable {
    /// Wall-clock time of the whole call (lowering, solving, decoding).
    public var seconds: Double
    /// Z3 resource units spent by the check ("rlimit count" difference).
    public var rlimitUsed: UInt64
    /// Z3's "quant instantiations".
    public var quantifierInstantiations: UInt64

    public init(seconds: Double, rlimitUsed: UInt64, quantifierInstantiations: UInt64) {
        self.seconds = seconds
        self.rlimitUsed = rlimitUsed
        self.quantifierInstantiations = quantifierInstantiations
    }
}

/// A verdict with its statistics and, when proved, the names of the hypotheses the proof used.
public struct CheckResult: Sendable {
    public let verdict: Verdict
    public let stats: SolverStats
    /// Names of the hypotheses in Z3's unsat core, in hypothesis order; empty unless proved.
    public let unsatCore: [String]
    /// The signal with which Z3 crashed on the query before it was checked again in a fresh
    /// context with relevancy 0 (nil: it did not crash).
    public var recoveredCrashSignal: Int32?

    public init(verdict: Verdict, stats: SolverStats, unsatCore: [String]) {
        self.verdict = verdict
        self.stats = stats
        self.unsatCore = unsatCore
    }
}
