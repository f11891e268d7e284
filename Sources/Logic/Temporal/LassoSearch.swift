import Foundation

/// Bounded search for a counterexample to a judgement `spec |= claim`: a lasso-shaped execution
/// of at most `bound` states that satisfies the spec and violates the claim at position 0, with
/// values for the judgement's parameters. Lassos of 1, 2, … `bound` states are tried in turn, so
/// the first one found is a shortest. Z3 decides each length: fairness per input (`\A m: WF(A(m))`
/// over an infinite sort) is instantiated for the inputs a candidate lasso violates it for, until
/// a candidate satisfies it for every input (checked by Z3) or none is left; other quantifiers
/// go to MBQI. `unknown` is reported as inconclusive, never as a counterexample or as "none".
public struct LassoSearch: Sendable {
    /// The most states a lasso may have.
    public var bound: Int
    /// The options of each check (MBQI is always switched on).
    public var options: SolverOptions
    /// How hard each length is tried before it is reported undecided.
    public var limits: RefinementLimits
    /// Called after each length is checked (for a progress display).
    public var onLengthChecked: (@Sendable (LassoSearchResult.LengthCheck) -> Void)?

    public static let defaultBound = 8
    /// The default budget of a whole search, in multiples of the rlimit of one check.
    public static let budgetInChecks: UInt64 = 4
    /// The default number of solver checks of a whole search.
    public static let maxSolverChecks = 64
    /// The default wall time of a whole search, in seconds. A check of a lasso of a whole cluster
    /// model can take Z3 many seconds that its rlimit does not count (taking in the query,
    /// checking candidate models against the universals), so the search also stops on time. Its
    /// answer is advice given after a proof has failed, so this does not touch a verdict.
    public static let defaultSeconds = 30.0

    /// The wall time of a whole search, in seconds (0: no limit).
    public var maxSeconds = LassoSearch.defaultSeconds

    /// A search with at most `bound` states per lasso; unless `limits` says otherwise, the whole
    /// search may spend `budgetInChecks` times the rlimit of one check, in at most
    /// `maxSolverChecks` solver checks.
    public init(bound: Int = LassoSearch.defaultBound, options: SolverOptions = .init(), limits: RefinementLimits? = nil) {
        self.bound = bound
        self.options = options
        self.limits = limits ?? RefinementLimits(budget: options.rlimit * Self.budgetInChecks, maxChecks: Self.maxSolverChecks)
    }

    /// The most states of a candidate tried (a longer one is skipped).
    public static let maxCandidateStates = 400

    /// Searches for a counterexample to `entailment`: first among `candidates` (concrete
    /// executions, each checked with its states fixed; for a spec without an initial condition,
    /// each one's loop alone first), then lasso by lasso up to the bound.
    public func run(_ entailment: Entailment, prover: Prover, candidates: [LassoCandidate] = []) -> LassoSearchResult {
        let start = ContinuousClock.now
        var checks: [LassoSearchResult.LengthCheck] = []
        func result(_ outcome: LassoSearchResult.Outcome) -> LassoSearchResult {
            LassoSearchResult(entailment: entailment, bound: bound, outcome: outcome, seconds: Self.seconds(since: start), checks: checks)
        }
        let sorts = entailment.spec.stateSorts.union(entailment.claim.stateSorts)
        guard sorts.count == 1, let stateSort = sorts.first else {
            return result(.error(sorts.isEmpty ? "the statement mentions no state predicate, so there is no state sort to search over"
                                               : "the statement mixes state sorts: " + sorts.map(\.description).sorted().joined(separator: ", ")))
        }
        var options = self.options
        options.modelBasedQuantifiers = true
        var limits = self.limits
        if maxSeconds > 0 && limits.deadline == nil { limits.deadline = start + .milliseconds(Int(maxSeconds * 1000)) }
        var firstUnknown: (length: Int, reason: String)?
        let tried = candidates.flatMap { c in Self.hasInitialCondition(entailment.spec) ? [c] : [c.loopOnly, c].compactMap { $0 } }
            .filter { $0.lasso.count <= Self.maxCandidateStates }
        let attempts = tried.map { Optional($0) } + Array(repeating: nil, count: max(1, bound))
        var symbolicLength = 0
        for candidate in attempts {
            if candidate == nil { symbolicLength += 1 }
            let length = candidate?.lasso.count ?? symbolicLength
            // What an exhausted budget leaves undecided: the symbolic search from its next length.
            let undecided = candidate == nil ? length : symbolicLength + 1
            var encoding = LassoEncoding(stateSort: stateSort, length: length)
            var ground: [Term], universals: [UniversalConstraint]
            do {
                let spec = try encoding.assertion(entailment.spec)
                ground = try encoding.frame + spec.ground + [!encoding.holds(entailment.claim)]
                universals = spec.universals
                if let candidate {
                    let values = try encoding.substitution(for: candidate.lasso)
                    ground = ground.map { $0.substituting(values) } + (try encoding.fixing(candidate))
                    universals = universals.map { UniversalConstraint($0.variables, $0.body.substituting(values)) }
                }
            } catch {
                return result(.error("\(error)"))
            }
            let answer: SatResult, stats: SolverStats
            let checkStart = ContinuousClock.now
            let splits = encoding.stepChoices.map { SplitVariable($0.selector, count: $0.alternatives.count) }
            let checked: Int
            // The budget is for the whole search: each length gets what the shorter ones left.
            var left = limits
            if limits.budget > 0 {
                let spent = checks.reduce(0) { $0 + $1.rlimitUsed }
                guard spent < limits.budget else {
                    firstUnknown = firstUnknown ?? (undecided, "the search's budget of \(limits.budget) rlimit units is spent")
                    break
                }
                left.budget = limits.budget - spent
            }
            if let deadline = limits.deadline, ContinuousClock.now >= deadline {
                firstUnknown = firstUnknown ?? (undecided, "the search's time is up")
                break
            }
            if limits.maxChecks > 0 {
                let made = checks.reduce(0) { $0 + $1.solverChecks }
                guard made < limits.maxChecks else {
                    firstUnknown = firstUnknown ?? (undecided, "the search's budget of \(limits.maxChecks) solver checks is spent")
                    break
                }
                left.maxChecks = limits.maxChecks - made
            }
            do { (answer, stats, checked) = try prover.checkSatisfiable(ground, universals: universals, splits: splits, options: options, limits: left) } catch {
                return result(.error("\(error)"))
            }
            checks.append(.init(length: length, answer: Self.word(answer), seconds: Self.seconds(since: checkStart),
                                rlimitUsed: stats.rlimitUsed, solverChecks: checked, candidate: candidate?.origin))
            onLengthChecked?(checks[checks.count - 1])
            switch answer {
            case .sat(let model):
                return result(.counterexample(LassoCounterexample(model, encoding, origin: candidate?.origin)))
            case .unsat:
                continue
            case _ where candidate != nil:
                continue  // an undecided candidate leaves the symbolic search's verdict as it is
            case .unknown(let reason):
                let budgetSpent = reason.hasPrefix("the search's ")
                if firstUnknown == nil { firstUnknown = (length, budgetSpent ? reason : "Z3: unknown, \(reason)") }
            case .resourceExhausted:
                if firstUnknown == nil { firstUnknown = (length, "Z3: rlimit \(options.rlimit) exhausted") }
            }
        }
        if let firstUnknown { return result(.inconclusive(length: firstUnknown.length, reason: firstUnknown.reason)) }
        return result(.none)
    }

    /// Whether a spec constrains the first state: some conjunct is a state predicate.
    static func hasInitialCondition(_ spec: TempPred) -> Bool {
        spec.conjuncts.contains { $0.isStateLevel && $0 != .true }
    }

    private static func word(_ answer: SatResult) -> String {
        switch answer {
        case .sat: return "sat"
        case .unsat: return "unsat"
        case .unknown: return "unknown"
        case .resourceExhausted: return "rlimit"
        }
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = start.duration(to: .now).components
        return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    }
}

/// What a bounded lasso search found.
public struct LassoSearchResult: Sendable {
    public enum Outcome: Sendable {
        /// A lasso that satisfies the spec and violates the claim: the statement is false.
        case counterexample(LassoCounterexample)
        /// No lasso of at most `bound` states violates the claim.
        case none
        /// Z3 could not decide lassos of `length` states (nor found one of any length up to the bound).
        case inconclusive(length: Int, reason: String)
        /// The search could not be set up or run.
        case error(String)
    }

    /// One Z3 check: lassos of `length` states, what Z3 answered (`sat`, `unsat`, `unknown`, `rlimit`), its cost.
    public struct LengthCheck: Sendable {
        public let length: Int
        public let answer: String
        public let seconds: Double
        public let rlimitUsed: UInt64
        /// Z3 checks it took (instantiation rounds, splits on the steps' choices).
        public let solverChecks: Int
        /// The candidate checked, by origin (nil: all lassos of `length` states).
        public var candidate: String? = nil
    }

    public let entailment: Entailment
    public let bound: Int
    public let outcome: Outcome
    /// The whole search (building the queries included).
    public let seconds: Double
    /// Each length checked, in order.
    public let checks: [LengthCheck]

    /// Whether the spec constrains the first state: some conjunct is a state predicate (an initial condition).
    public var hasInitialCondition: Bool { LassoSearch.hasInitialCondition(entailment.spec) }
}

/// A counterexample lasso decoded from a model: the state at each position (nil where the model's
/// value could not be decoded), where the loop starts, the judgement's parameters, and per step the
/// disjunct of the step relation it took with the values its existentials took (for a state
/// machine: the action and its inputs).
public struct LassoCounterexample: Sendable {
    public let states: [Value?]
    public let loopStart: Int
    public let parameters: [(variable: Variable, value: Value)]
    /// For step `i` (from position `i` to its successor), the witness of each bound variable.
    public let stepInputs: [[Variable: Value]]
    /// For step `i`, the label of the disjunct of the step relation it took (nil if unlabelled or
    /// the spec has no step relation), with the inputs bound in that disjunct, in order.
    public let steps: [TakenDisjunct?]

    /// A labelled disjunct of a step relation, with the values of the variables it binds.
    public struct TakenDisjunct: Sendable {
        public let label: String
        public let inputs: [(variable: Variable, value: Value)]
    }

    /// The candidate it was confirmed from ("a simulated run, seed 3"), or nil when the search found it.
    public let origin: String?

    /// The position after position `i`.
    public func successor(of i: Int) -> Int { i + 1 < states.count ? i + 1 : loopStart }

    init(_ model: Counterexample, _ encoding: LassoEncoding, origin: String? = nil) {
        self.origin = origin
        var byVariable: [Variable: Value] = [:]
        for (v, value) in model.assignments { byVariable[v] = value }
        let n = encoding.length
        states = (0..<n).map { byVariable[encoding.states[$0]].map { $0.normalized(as: encoding.stateSort) } }
        if case .int(let l)? = byVariable[encoding.loopStart], (0..<n).contains(l) { loopStart = l } else { loopStart = 0 }
        var inputs = Array(repeating: [Variable: Value](), count: n)
        var searchVariables = Set(encoding.states + [encoding.loopStart])
        for w in encoding.stepWitnesses {
            searchVariables.insert(w.constant)
            if inputs[w.step][w.bound] == nil, let value = byVariable[w.constant] { inputs[w.step][w.bound] = value.normalized(as: w.bound.sort) }
        }
        var steps = Array(repeating: TakenDisjunct?.none, count: n)
        for choice in encoding.stepChoices {
            searchVariables.insert(choice.selector)
            guard steps[choice.step] == nil, case .int(let j)? = byVariable[choice.selector], choice.alternatives.indices.contains(j),
                  let label = choice.alternatives[j].label else { continue }
            let taken = inputs[choice.step]
            steps[choice.step] = TakenDisjunct(label: label, inputs: choice.alternatives[j].bound.compactMap { v in taken[v].map { (v, $0) } })
        }
        stepInputs = inputs
        self.steps = steps
        parameters = model.assignments.filter { !searchVariables.contains($0.variable) }.map { ($0.variable, $0.value.normalized(as: $0.variable.sort)) }
    }
}
