internal import CZ3

/// A universally quantified constraint `∀ vars. body` kept apart from the ground formulas of a
/// query, so that it can be instantiated on demand.
public struct UniversalConstraint: Sendable, CustomStringConvertible {
    public let variables: [Variable]
    public let body: Term

    public init(_ variables: [Variable], _ body: Term) {
        self.variables = variables
        self.body = body
    }

    public var description: String { "∀ " + variables.map(\.name).joined(separator: ", ") + ". \(body)" }
}

/// An Int constant that the formulas confine to `0 ..< count`, on which a query may be split.
public struct SplitVariable: Sendable {
    public let variable: Variable
    public let count: Int

    public init(_ variable: Variable, count: Int) {
        self.variable = variable
        self.count = count
    }
}

/// How hard `checkSatisfiable(_:universals:splits:…)` tries.
public struct RefinementLimits: Sendable, Hashable {
    /// The rlimit of a check before its query is split further (the last split uses the full rlimit).
    public var probeRlimit: UInt64
    /// Rounds of instantiating universal constraints per check.
    public var maxRounds: Int
    /// Z3 resource units for the whole query (all its checks), before giving up with `unknown`
    /// (0: no limit). Deterministic, like the rlimit of one check.
    public var budget: UInt64
    /// Solver checks for the whole query, before giving up with `unknown` (0: no limit). Each check
    /// builds and internalises the query anew, which Z3's rlimit does not count, so a query whose
    /// formulas are large needs this cap as well as `budget` to end in reasonable time.
    public var maxChecks: Int
    /// When to give up with `unknown` (nil: never); each check gets a Z3 timeout of what is left.
    /// Not deterministic, so only for searches whose answer is advice (a counterexample search
    /// after a proof has already failed), never for a verdict.
    public var deadline: ContinuousClock.Instant?

    public init(probeRlimit: UInt64 = 1_000_000, maxRounds: Int = 100, budget: UInt64 = 0, maxChecks: Int = 0,
                deadline: ContinuousClock.Instant? = nil) {
        self.probeRlimit = probeRlimit
        self.maxRounds = maxRounds
        self.budget = budget
        self.maxChecks = maxChecks
        self.deadline = deadline
    }
}

/// Satisfiability of ground formulas with universal constraints and case splits.
///
/// Universals, by counterexample-guided instantiation: they start out dropped; each model of the
/// ground part (plus the instances so far) is checked against every universal with the model's
/// values fixed, and a value of the bound variables that falsifies the body adds that instance
/// (a consequence of the universal, kept for every later check).
///
/// Splits, when Z3 cannot decide a query within `probeRlimit`: the first undecided split variable
/// is fixed to each of its values in turn (depth first), which lets Z3 ignore what the other values
/// would constrain. Hence
/// - `unsat` is exact: every value of a split was refuted, and instances follow from universals;
/// - `sat` is returned only for a model of the ground formulas that satisfies every universal
///   (each check of a universal's negation under the model's values answered `unsat`);
/// - anything else (a Z3 `unknown` with every split fixed, the budget spent) is `unknown`.
extension Z3Session {
    func checkSatisfiable(_ formulas: [Term], universals: [UniversalConstraint], splits: [SplitVariable], options: SolverOptions,
                          limits: RefinementLimits) throws(SolverError) -> (result: SatResult, rlimitUsed: UInt64, checks: Int) {
        try withCheck { () throws(SolverError) in
            var search = RefinementSearch(session: self, formulas: formulas, universals: universals, splits: splits,
                                          options: options, limits: limits)
            let result = try search.node(0, fixed: [])
            return (result, search.rlimitUsed, search.checks)
        }
    }

    /// A model value as a self-contained term: arrays given as `as-array` function graphs or
    /// lambdas become `store` chains over a constant array, inside datatype values too.
    func materialised(_ ast: Z3_ast, model: Z3_model) throws(SolverError) -> Z3_ast {
        let sort = Z3_get_sort(context, ast)
        try check()
        if Z3_get_sort_kind(context, sort) == Z3_ARRAY_SORT {
            let graph = try arrayGraph(ast, model: model)
            guard let domain = Z3_get_array_sort_domain(context, sort) else { try check(); throw SolverError("an array sort without a domain") }
            var result = try retain(Z3_mk_const_array(context, domain, materialised(graph.otherwise, model: model)))
            for (key, value) in graph.entries.reversed() {
                result = try retain(Z3_mk_store(context, result, materialised(key, model: model), materialised(value, model: model)))
            }
            return result
        }
        guard let (decl, _, args) = application(ast), !args.isEmpty else { return ast }
        var parts: [Z3_ast?] = []
        for a in args { parts.append(try materialised(a, model: model)) }
        return try retain(Z3_mk_app(context, decl, UInt32(parts.count), parts))
    }
}

/// The state of one `checkSatisfiable(_:universals:splits:…)`: the instances learnt so far and the cost.
private struct RefinementSearch {
    let session: Z3Session
    let formulas: [Term]
    let universals: [UniversalConstraint]
    let splits: [SplitVariable]
    let options: SolverOptions
    let limits: RefinementLimits
    /// Each universal's body lowered, its bound constants, and its other free variables.
    var lowered: [(body: Z3_ast, bound: [Z3_ast], free: [Variable])] = []
    var instances: [Z3_ast] = []
    var rlimitUsed: UInt64 = 0
    var checks = 0

    init(session: Z3Session, formulas: [Term], universals: [UniversalConstraint], splits: [SplitVariable],
         options: SolverOptions, limits: RefinementLimits) {
        self.session = session
        self.formulas = formulas
        self.universals = universals
        self.splits = splits
        self.options = options
        self.limits = limits
    }

    var context: Z3_context { session.context }

    var isPastDeadline: Bool { limits.deadline.map { ContinuousClock.now >= $0 } ?? false }

    var isSpent: Bool {
        (limits.budget > 0 && rlimitUsed >= limits.budget) || (limits.maxChecks > 0 && checks >= limits.maxChecks) || isPastDeadline
    }

    var spentReason: String {
        if isPastDeadline { return "the search's time is up" }
        return limits.maxChecks > 0 && checks >= limits.maxChecks ? "the search's budget of \(limits.maxChecks) solver checks is spent"
            : "the search's budget of \(limits.budget) rlimit units is spent"
    }

    /// `options` with the rlimit cut to what is left of the budget.
    func withinBudget(_ options: SolverOptions) -> SolverOptions {
        var cut = options
        if limits.budget > 0 {
            let left = limits.budget > rlimitUsed ? limits.budget - rlimitUsed : 1
            if cut.rlimit == 0 || cut.rlimit > left { cut.rlimit = left }
        }
        if let deadline = limits.deadline {
            let left = ContinuousClock.now.duration(to: deadline).components
            let milliseconds = UInt32(clamping: max(1, left.seconds * 1000 + left.attoseconds / 1_000_000_000_000_000))
            cut.timeoutMilliseconds = min(cut.timeoutMilliseconds ?? .max, milliseconds)
        }
        return cut
    }

    /// Decides the query with the first `depth` splits fixed as in `fixed`, splitting further when undecided.
    mutating func node(_ depth: Int, fixed: [Z3_ast]) throws(SolverError) -> SatResult {
        let isLeaf = depth == splits.count
        var probe = options
        if !isLeaf && (options.rlimit == 0 || options.rlimit > limits.probeRlimit) { probe.rlimit = limits.probeRlimit }
        let here = try attempt(fixed, probe)
        switch here {
        case .sat, .unsat: return here
        case .unknown, .resourceExhausted: break
        }
        if isLeaf { return here }
        var undecided: SatResult?
        for value in 0..<splits[depth].count {
            if isSpent { return .unknown(reason: spentReason) }
            let pick = try session.retain(Z3_mk_eq(context, session.constant(splits[depth].variable), session.lower(Term.int(value))))
            let child = try node(depth + 1, fixed: fixed + [pick])
            switch child {
            case .sat: return child
            case .unsat: continue
            case .unknown, .resourceExhausted: if undecided == nil { undecided = child }
            }
        }
        return undecided ?? .unsat
    }

    /// One query: the formulas, the instances so far and `fixed`, refined against the universals.
    mutating func attempt(_ fixed: [Z3_ast], _ options: SolverOptions) throws(SolverError) -> SatResult {
        if lowered.isEmpty && !universals.isEmpty {
            for u in universals {
                guard u.body.sort == .bool else { throw SolverError("the universal constraint \(u) is not Bool") }
                var bound: [Z3_ast] = []
                for v in u.variables { bound.append(try session.constant(v)) }
                let free = u.body.freeVariables.subtracting(u.variables).sorted { ($0.name, $0.sort.description) < ($1.name, $1.sort.description) }
                lowered.append((try session.lower(u.body), bound, free))
            }
        }
        if isSpent { return .unknown(reason: spentReason) }
        let mark = session.solverMark
        defer { session.release(since: mark) }
        let options = withinBudget(options)
        let solver = try session.makeSolver(options)
        for f in formulas { try session.assert(f, in: solver) }
        for a in instances + fixed {
            Z3_solver_assert(context, solver, a)
            try session.check()
        }
        for _ in 0..<max(1, limits.maxRounds) {
            if isSpent { return .unknown(reason: spentReason) }
            checks += 1
            let run = try session.run(solver, options)
            rlimitUsed += run.rlimitUsed
            let model: Z3_model
            switch run.outcome {
            case .unsat: return .unsat
            case .unknown(let reason): return .unknown(reason: reason)
            case .resourceExhausted: return .resourceExhausted
            case .sat(nil): return .unknown(reason: "Z3 gave no model")
            case .sat(let m?): model = m
            }
            var violated = false
            for (i, u) in lowered.enumerated() {
                let instance: Z3_ast
                switch try violation(of: u, in: model) {
                case .holds: continue
                case .undecided(let reason): return .unknown(reason: "checking a model against \(universals[i]): \(reason)")
                case .violated(let ast): instance = ast
                }
                instances.append(instance)
                Z3_solver_assert(context, solver, instance)
                try session.check()
                violated = true
            }
            if !violated { return .sat(try decode(model)) }
        }
        return .unknown(reason: "no model survived \(limits.maxRounds) rounds of instantiating the universal constraints")
    }

    /// Whether the model satisfies a universal: it does, or this instance is false in it, or Z3 cannot tell.
    enum Violation {
        case holds
        case violated(Z3_ast)
        case undecided(String)
    }

    /// Whether the model satisfies the universal `u`, and if not an instance it falsifies. The
    /// body is checked with the model's values put in for its free variables, so Z3's rewriter
    /// computes what it can (a whole cluster's step on a known state): first at each tuple of the
    /// values of the bound variables' sorts that occur in it (the keys and messages of the
    /// states), each decided by rewriting or a small check; then, for every other tuple, by one
    /// check, in which an input that occurs nowhere in the states mostly enables nothing.
    mutating func violation(of u: (body: Z3_ast, bound: [Z3_ast], free: [Variable]), in model: Z3_model) throws(SolverError) -> Violation {
        var constants: [Z3_ast?] = [], values: [Z3_ast?] = []
        for v in u.free {
            let value = try session.materialised(session.evaluate(session.constant(v), in: model), model: model)
            guard !session.containsUnboundVariable(value) else {
                return .undecided("the model's value of \(v.name) could not be read (a free variable was left in it)")
            }
            constants.append(try session.constant(v))
            values.append(value)
        }
        let known = try session.retain(Z3_simplify(context, session.retain(
            Z3_substitute(context, u.body, UInt32(constants.count), constants, values))))
        let candidates = try u.bound.map { b throws(SolverError) in try session.closedSubterms(of: Z3_get_sort(context, b), in: known) }
        var tuples: [[Z3_ast]] = [[]]
        for values in candidates { tuples = tuples.flatMap { t in values.map { t + [$0] } } }
        if tuples.count <= Self.maxCandidateTuples {
            for tuple in tuples where !tuple.isEmpty {
                switch try decide(known, at: tuple, bound: u.bound) {
                case .holds: continue
                case .undecided(let reason): return .undecided(reason)
                case .violated:
                    return .violated(try session.retain(Z3_substitute(context, u.body, UInt32(u.bound.count), u.bound.optionals, tuple.optionals)))
                }
            }
        }
        // Every other tuple: some bound variable outside its candidates.
        var outside: [Z3_ast] = []
        if tuples.count <= Self.maxCandidateTuples && !tuples.contains(where: \.isEmpty) {
            for (b, values) in zip(u.bound, candidates) {
                var differs: [Z3_ast?] = []
                for c in values { differs.append(try session.retain(Z3_mk_not(context, session.retain(Z3_mk_eq(context, b, c))))) }
                outside.append(try session.retain(Z3_mk_and(context, UInt32(differs.count), differs)))
            }
        }
        let answer = try check(outside.isEmpty ? [known] : [known, try session.retain(Z3_mk_or(context, UInt32(outside.count), outside.optionals))])
        switch answer {
        case .unsat: return .holds
        case .sat(let witness?):
            var values: [Z3_ast?] = []
            for b in u.bound {
                let value = try session.materialised(session.evaluate(b, in: witness), model: witness)
                guard !session.containsUnboundVariable(value) else { return .undecided("a witness could not be read (a free variable was left in it)") }
                values.append(value)
            }
            return .violated(try session.retain(Z3_substitute(context, u.body, UInt32(u.bound.count), u.bound.optionals, values)))
        case .sat(nil): return .undecided("Z3 gave no witness")
        case .unknown(let reason): return .undecided(reason)
        case .resourceExhausted: return .undecided("the rlimit ran out")
        }
    }

    /// Checks `¬body ∧ side conditions` within the budget: `sat` is an input that falsifies `body`.
    mutating func check(_ bodyAndConditions: [Z3_ast]) throws(SolverError) -> SolverOutcome {
        let checker = try session.makeSolver(withinBudget(options))
        Z3_solver_assert(context, checker, try session.retain(Z3_mk_not(context, bodyAndConditions[0])))
        for condition in bodyAndConditions.dropFirst() { Z3_solver_assert(context, checker, condition) }
        try session.check()
        checks += 1
        let answer = try session.run(checker, options)
        rlimitUsed += answer.rlimitUsed
        return answer.outcome
    }

    /// The most tuples of candidate values tried one by one before the single check of the rest.
    static let maxCandidateTuples = 256

    /// Whether the ground body `known` holds with `tuple` for the bound variables: by rewriting,
    /// or else by a check of that instance alone.
    mutating func decide(_ known: Z3_ast, at tuple: [Z3_ast], bound: [Z3_ast]) throws(SolverError) -> Violation {
        let instance = try session.retain(Z3_simplify(context, session.retain(
            Z3_substitute(context, known, UInt32(bound.count), bound.optionals, tuple.optionals))))
        switch Z3_get_bool_value(context, instance) {
        case Z3_L_TRUE: return .holds
        case Z3_L_FALSE: return .violated(instance)
        default: break
        }
        switch try check([instance]) {
        case .unsat: return .holds
        case .sat: return .violated(instance)
        case .unknown(let reason): return .undecided(reason)
        case .resourceExhausted: return .undecided("the rlimit ran out")
        }
    }

    /// The model's values of the free variables of the formulas and of the universals' bodies
    /// (not of their bound variables).
    func decode(_ model: Z3_model) throws(SolverError) -> Counterexample {
        let bound = Set(universals.flatMap(\.variables))
        let inFormulas = formulas.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
        let variables = Z3Session.sortedFreeVariables(formulas + universals.map(\.body)).filter { !bound.contains($0) || inFormulas.contains($0) }
        var decoded: [(variable: Variable, value: Value)] = [], undecodable: [Variable] = []
        for v in variables {
            if let assignment = try? session.assignments([v], in: model) { decoded += assignment } else { undecodable.append(v) }
        }
        return Counterexample(assignments: decoded, undecodable: undecodable)
    }
}
