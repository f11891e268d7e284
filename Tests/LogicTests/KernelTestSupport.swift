@testable import Logic

/// A small finite world for checking the kernel's rules semantically: an enumeration of states,
/// a two-valued parameter sort, and a set of lassos over the states.
struct KernelModel: Sendable {
    let name: String
    let stateSort: Sort
    let states: [Value]
    let lassos: [Lasso]
    /// A parameter of a finite sort, for the quantifier rules.
    let x: Variable
    let y: Variable

    static let param = DatatypeDecl.enumeration("KernelParam", ["p0", "p1"])
    /// The Int values rank parameters take in the checks: enough for ranks up to 3 and one below 0.
    static let intDomain = -1...3

    /// Three states; every lasso with a prefix of at most 2 and a loop of at most 3 states.
    static let exhaustive = KernelModel(name: "3 states, all lassos", stateCount: 3) { states, _ in
        Lasso.all(over: states, maxPrefix: 2, maxLoop: 3)
    }

    /// Four states; random lassos with a prefix of at most 4 and a loop of at most 5 states.
    static let sampled = KernelModel(name: "4 states, random lassos", stateCount: 4) { states, rng in
        (0..<200).map { _ in
            Lasso(prefix: (0..<rng.below(5)).map { _ in rng.pick(states) }, loop: (0...rng.below(5)).map { _ in rng.pick(states) })
        }
    }

    static let all = [exhaustive, sampled]

    init(name: String, stateCount: Int, lassos: ([Value], inout SplitMix64) -> [Lasso]) {
        let decl = DatatypeDecl.enumeration("KernelState\(stateCount)", (0..<stateCount).map { "q\($0)" })
        self.name = name
        self.stateSort = .datatype(decl)
        self.states = stateSort.allValues!
        var rng = SplitMix64(state: 7)
        self.lassos = lassos(states, &rng)
        self.x = Variable("x", .datatype(Self.param))
        self.y = Variable("y", .datatype(Self.param))
    }

    var paramValues: [Value] { x.sort.allValues! }
}

// MARK: Semantic checks

/// Semantic judgements on a model's lassos; it caches predicate values, so use one per thread.
struct KernelChecker {
    let model: KernelModel
    let semantics: LassoSemantics

    init(_ model: KernelModel) {
        self.model = model
        self.semantics = LassoSemantics(states: model.states, intDomain: KernelModel.intDomain)
    }

    /// Every assignment of values to the variables (each of a finite sort, or an Int from `KernelModel.intDomain`).
    func valuations(_ variables: Set<Variable>) -> [[Variable: Value]] {
        variables.sorted { $0.name < $1.name }.reduce([[:]]) { acc, v in
            let values = v.sort.allValues ?? (v.sort == .int ? KernelModel.intDomain.map(Value.int) : [])
            return acc.flatMap { env in values.map { value in env.merging([v: value]) { $1 } } }
        }
    }

    /// Whether `spec |= claim` holds on every lasso.
    func entails(_ spec: TempPred, _ claim: TempPred) throws -> Bool { try check(spec: spec, claim: claim).counterexample == nil }

    /// Whether `p` holds at every position of every lasso (validity, for the suffix-closed lasso sets).
    func isValid(_ p: TempPred) throws -> Bool {
        for env in valuations(p.freeVariables) {
            if try semantics.holds([.always(p)], onEach: model.lassos, parameters: env)[0].contains(false) { return false }
        }
        return true
    }

    /// Whether an obligation's goal holds for every value of its free variables where the hypotheses hold.
    func holds(_ o: Obligation) throws -> Bool {
        let free = o.hypotheses.reduce(o.goal.freeVariables) { $0.union($1.term.freeVariables) }
        for env in valuations(free) {
            if try o.hypotheses.allSatisfy({ try $0.term.evaluate(env) == .bool(true) }), try o.goal.evaluate(env) != .bool(true) {
                return false
            }
        }
        return true
    }
}

// MARK: Random predicates

/// Random predicates over a model, built from explicit sets so that tests can also reason about them.
struct KernelGen {
    let model: KernelModel
    var rng: SplitMix64
    private var counter = 0

    init(_ model: KernelModel, seed: UInt64) {
        self.model = model
        self.rng = SplitMix64(state: seed)
    }

    var n: Int { model.states.count }
    var x: Variable { model.x }
    var stateSort: Sort { model.stateSort }

    mutating func chance(_ p: Double) -> Bool { Double(rng.below(1_000_000)) < p * 1_000_000 }
    mutating func subset(_ size: Int, density: Double = 0.5) -> Set<Int> { Set((0..<size).filter { _ in chance(density) }) }
    mutating func name(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(counter)"
    }

    func literal(_ v: Value, _ sort: Sort) -> Term { try! Term.literal(v, sort: sort) }
    func stateLiteral(_ i: Int) -> Term { literal(model.states[i], stateSort) }
    func paramLiteral(_ i: Int) -> Term { literal(model.paramValues[i], x.sort) }

    /// The state predicate true exactly on the listed states.
    func statePred(_ members: Set<Int>, _ name: String) -> StatePred {
        try! StatePred(name, state: stateSort) { s throws(SortError) in
            try Term.or(members.sorted().map { i throws(SortError) in try s .== stateLiteral(i) })
        }
    }

    /// A state predicate over `s` and a parameter: true on the listed (state, parameter value) pairs.
    func paramPred(_ pairs: Set<[Int]>, _ param: Variable, _ name: String) -> StatePred {
        try! StatePred(name, state: stateSort) { s throws(SortError) in
            try Term.or(pairs.sorted { $0.lexicographicallyPrecedes($1) }.map { p throws(SortError) in
                try (s .== stateLiteral(p[0])) && (param.term .== paramLiteral(p[1]))
            })
        }
    }

    /// The action predicate true exactly on the listed steps.
    func action(_ steps: Set<[Int]>, _ name: String) -> ActionPred {
        try! ActionPred(name, state: stateSort) { s, t throws(SortError) in
            try Term.or(steps.sorted { $0.lexicographicallyPrecedes($1) }.map { p throws(SortError) in
                try (s .== stateLiteral(p[0])) && (t .== stateLiteral(p[1]))
            })
        }
    }

    mutating func stateSet(density: Double = 0.5) -> Set<Int> { subset(n, density: density) }
    mutating func steps(density: Double = 0.4) -> Set<[Int]> {
        Set((0..<n).flatMap { a in (0..<n).map { [a, $0] } }.filter { _ in chance(density) })
    }

    mutating func statePred(density: Double = 0.5) -> StatePred { statePred(stateSet(density: density), name("P")) }
    mutating func action(density: Double = 0.4) -> ActionPred { action(steps(density: density), name("A")) }
    /// A state predicate mentioning the parameter `param`.
    mutating func paramPred(_ param: Variable, density: Double = 0.5) -> StatePred {
        let pairs = Set((0..<n).flatMap { s in (0..<2).map { [s, $0] } }.filter { _ in chance(density) })
        return paramPred(pairs, param, name("Q"))
    }

    /// A random state-level formula (lifted predicates, ENABLED, Boolean connectives).
    mutating func stateLevel(depth: Int = 1, param: Variable? = nil) -> TempPred {
        if depth == 0 || chance(0.4) {
            if let param, chance(0.6) { return .lift(paramPred(param)) }
            return chance(0.85) ? .lift(statePred()) : .enabled(action(density: 0.25))
        }
        switch rng.below(4) {
        case 0: return .not(stateLevel(depth: depth - 1, param: param))
        case 1: return stateLevel(depth: depth - 1, param: param).and(stateLevel(depth: depth - 1, param: param))
        case 2: return stateLevel(depth: depth - 1, param: param).or(stateLevel(depth: depth - 1, param: param))
        default: return .implies(stateLevel(depth: depth - 1, param: param), stateLevel(depth: depth - 1, param: param))
        }
    }

    /// A random action-level formula.
    mutating func actionLevel(param: Variable? = nil) -> TempPred {
        switch rng.below(5) {
        case 0: return .liftAction(action())
        case 1: return stateLevel(param: param).and(.later(stateLevel(param: param)))
        case 2: return .implies(.liftAction(action(density: 0.6)), .later(stateLevel(param: param)))
        case 3: return stateLevel(param: param).or(.liftAction(action()))
        default: return stateLevel(param: param)
        }
    }

    /// A random temporal formula of the given depth.
    mutating func temporal(depth: Int = 2, param: Variable? = nil) -> TempPred {
        if depth == 0 || chance(0.25) {
            switch rng.below(8) {
            case 0: return .liftAction(action())
            case 1: return .enabled(action(density: 0.25))
            case 2 where param != nil: return .lift(paramPred(param!))
            default: return .lift(statePred())
            }
        }
        let d = depth - 1
        switch rng.below(12) {
        case 0: return .not(temporal(depth: d, param: param))
        case 1: return temporal(depth: d, param: param).and(temporal(depth: d, param: param))
        case 2: return temporal(depth: d, param: param).or(temporal(depth: d, param: param))
        case 3: return .implies(temporal(depth: d, param: param), temporal(depth: d, param: param))
        case 4, 5: return .always(temporal(depth: d, param: param))
        case 6, 7: return .eventually(temporal(depth: d, param: param))
        case 8: return .later(temporal(depth: d, param: param))
        case 9: return .leadsTo(temporal(depth: d, param: param), temporal(depth: d, param: param))
        case 10: return .stable(temporal(depth: d, param: param))
        default: return .weakFairness(action())
        }
    }

    /// Usually a formula that `p` entails (p itself, a weakening, a conjunct), sometimes a random one.
    mutating func entailed(by p: TempPred, param: Variable? = nil) -> TempPred {
        guard chance(0.6) else { return temporal(depth: 1, param: param) }
        switch rng.below(4) {
        case 0: return p
        case 1: return p.or(temporal(depth: 1, param: param))
        case 2: return p.conjuncts[rng.below(p.conjuncts.count)]
        default: return .implies(temporal(depth: 1, param: param), p)
        }
    }

    /// Usually a stable formula (`[]p`, a leads-to, WF, TRUE, FALSE), sometimes a random one.
    mutating func maybeStable(param: Variable? = nil) -> TempPred {
        switch rng.below(7) {
        case 0: return .always(temporal(depth: 1, param: param))
        case 1: return .leadsTo(temporal(depth: 1, param: param), temporal(depth: 1, param: param))
        case 2: return .weakFairness(action())
        case 3: return chance(0.5) ? .true : .false
        case 4: return .and([.always(temporal(depth: 1, param: param)), .weakFairness(action())])
        default: return temporal(depth: 2, param: param)
        }
    }

    /// A random spec: a few random conjuncts (possibly none).
    mutating func specConjuncts() -> [TempPred] {
        (0..<rng.below(3)).map { _ in
            switch rng.below(4) {
            case 0: return .lift(statePred(density: 0.7))
            case 1: return .always(.liftAction(action(density: 0.6)))
            case 2: return .weakFairness(action())
            default: return temporal(depth: 2)
            }
        }
    }
}

// MARK: Rule trials

/// A premise of a rule instance.
enum Premise {
    /// `spec |= p`: p becomes a conjunct of the spec (so the fact is true by construction).
    case spec(TempPred)
    /// `spec |= p(x)` for every x: `\A x: p(x)` becomes a conjunct of the spec.
    case forAll(Variable, TempPred)
    /// `p |= q` between formulas: checked on every lasso.
    case entails(TempPred, TempPred)
    /// `|= p`: checked on every lasso.
    case valid(TempPred)
}

/// What applying a rule produced.
enum Outcome {
    case fact(Fact)
    /// A pending fact, with the labels of the obligations the rule must issue.
    case pending(PendingFact, expecting: [String])
    case facts([Fact])
}

/// One random instance of a rule: the premises and how to apply the rule to their facts.
struct RuleTrial {
    var base: [TempPred] = []
    var premises: [Premise] = []
    var apply: (_ spec: TempPred, _ facts: [Fact]) throws -> Outcome
}

/// A defect of a rule found by the harness (as opposed to a rule refusing its premises).
struct TrialFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension RuleTrial {
    /// The trial with premise `i` reshaped: one subformula replaced by a random formula or negated.
    /// Spec premises stay true (they remain conjuncts of the spec); the rule must refuse the new
    /// shape or still conclude something true.
    func reshaping(premise i: Int, _ g: inout KernelGen) -> RuleTrial {
        var copy = self
        switch premises[i] {
        case .spec(let q): copy.premises[i] = .spec(g.mutate(q))
        case .forAll(let v, let q): copy.premises[i] = .forAll(v, g.mutate(q, param: v.sort == g.x.sort ? v : nil))
        case .entails(let a, let b): copy.premises[i] = g.chance(0.5) ? .entails(g.mutate(a), b) : .entails(a, g.mutate(b))
        case .valid(let q): copy.premises[i] = .valid(g.mutate(q))
        }
        return copy
    }
}

extension KernelGen {
    /// `p` with one random subformula replaced by a random formula, or negated.
    mutating func mutate(_ p: TempPred, param: Variable? = nil) -> TempPred {
        var k = rng.below(p.size)
        return replace(p, &k, param)
    }

    private mutating func replace(_ p: TempPred, _ k: inout Int, _ param: Variable?) -> TempPred {
        if k == 0 { return chance(0.5) ? .not(p) : temporal(depth: 1, param: param) }
        k -= 1
        func go(_ q: TempPred, _ k: inout Int) -> TempPred {
            guard k >= 0 else { return q }
            let size = q.size
            if k < size { let r = replace(q, &k, param); k = -1; return r }
            k -= size
            return q
        }
        switch p {
        case .true, .false, .lift, .liftAction, .enabled, .weakFairness: return p
        case .not(let q): return .not(go(q, &k))
        case .always(let q): return .always(go(q, &k))
        case .eventually(let q): return .eventually(go(q, &k))
        case .later(let q): return .later(go(q, &k))
        case .stable(let q): return .stable(go(q, &k))
        case .tlaForall(let x, let q): return .tlaForall(x, go(q, &k))
        case .tlaExists(let x, let q): return .tlaExists(x, go(q, &k))
        case .and(let qs): return .and(qs.map { go($0, &k) })
        case .or(let qs): return .or(qs.map { go($0, &k) })
        case .implies(let a, let b):
            let a2 = go(a, &k)
            return .implies(a2, go(b, &k))
        case .leadsTo(let a, let b):
            let a2 = go(a, &k)
            return .leadsTo(a2, go(b, &k))
        }
    }
}

extension TempPred {
    /// The number of subformulas, the formula included.
    var size: Int {
        switch self {
        case .true, .false, .lift, .liftAction, .enabled, .weakFairness: return 1
        case .not(let q), .always(let q), .eventually(let q), .later(let q), .stable(let q), .tlaForall(_, let q), .tlaExists(_, let q):
            return 1 + q.size
        case .and(let qs), .or(let qs): return qs.reduce(1) { $0 + $1.size }
        case .implies(let a, let b), .leadsTo(let a, let b): return 1 + a.size + b.size
        }
    }
}

/// A premise or an obligation that a dropped-premise check assumes without making it true.
enum Dropped: Hashable, CustomStringConvertible {
    case premise(Int)
    case obligation(String)

    var description: String {
        switch self {
        case .premise(let i): return "premise \(i + 1)"
        case .obligation(let label): return "obligation '\(label)'"
        }
    }
}

/// How one attempt went.
enum TrialResult {
    /// A premise (fact or obligation) does not hold: nothing to check.
    case premisesFail
    /// The premises hold and the conclusion holds on every lasso; its spec held on `checked` lassos.
    case sound(checked: Int)
    /// The conclusion fails on a lasso (with parameter values) that satisfies its spec.
    case refuted(Fact, Lasso, [Variable: Value])
}

extension KernelChecker {
    /// Whether `spec |= claim` fails on some lasso, and on how many (lasso, valuation) pairs the spec holds.
    func check(spec: TempPred, claim: TempPred) throws -> (counterexample: (Lasso, [Variable: Value])?, specHeld: Int) {
        var held = 0
        for env in valuations(spec.freeVariables.union(claim.freeVariables)) {
            let both = try semantics.holds([spec, claim], onEach: model.lassos, parameters: env)
            let specs = both[0], claims = both[1]
            for i in model.lassos.indices where specs[i] {
                held += 1
                if !claims[i] { return ((model.lassos[i], env), held) }
            }
        }
        return (nil, held)
    }

    /// Applies the rule of a trial to facts for its premises (premise `dropped` is assumed, not made true).
    /// Nil when a checked premise does not hold.
    func apply(_ trial: RuleTrial, dropping dropped: Dropped? = nil, checkingPremises: Bool = true) throws -> Outcome? {
        var conjuncts = trial.base
        for (i, p) in trial.premises.enumerated() where dropped != .premise(i) {
            switch p {
            case .spec(let q): conjuncts.append(q)
            case .forAll(let v, let q): conjuncts.append(.tlaForall(v, q))
            case .entails(let a, let b): if try checkingPremises && !entails(a, b) { return nil }
            case .valid(let q): if try checkingPremises && !isValid(q) { return nil }
            }
        }
        let spec = TempPred.and(conjuncts)
        let facts: [Fact] = trial.premises.map { p in
            switch p {
            case .spec(let q), .forAll(_, let q): return Fact(Entailment(spec: spec, claim: q), rule: "premise")
            case .entails(let a, let b): return Fact(Entailment(spec: a, claim: b), rule: "premise")
            case .valid(let q): return Fact(Entailment(spec: .true, claim: q), rule: "premise")
            }
        }
        return try trial.apply(spec, facts)
    }

    /// Runs a trial: applies the rule, checks its obligations (except a dropped one) on every
    /// state, completes the fact with receipts, and checks the conclusion on every lasso.
    func run(_ trial: RuleTrial, rule: String, dropping dropped: Dropped? = nil) throws -> TrialResult {
        guard let outcome = try apply(trial, dropping: dropped) else { return .premisesFail }
        let conclusions: [Fact]
        switch outcome {
        case .fact(let f): conclusions = [f]
        case .facts(let fs): conclusions = fs
        case .pending(let pending, let expected):
            guard pending.obligations.map(\.label).sorted() == expected.sorted() else {
                throw TrialFailure("\(rule) issued the obligations \(pending.obligations.map(\.label)), expected \(expected)")
            }
            for o in pending.obligations where dropped != .obligation(o.label) {
                if try !holds(o) { return .premisesFail }
            }
            conclusions = [try pending.complete(with: pending.obligations.map { DischargeReceipt($0) })]
        }
        var checked = 0
        for f in conclusions {
            guard f.rule == rule else { throw TrialFailure("the conclusion of \(rule) was made by \(f.rule)") }
            let (cex, held) = try check(spec: f.spec, claim: f.claim)
            if let (lasso, env) = cex { return .refuted(f, lasso, env) }
            checked += held
        }
        return .sound(checked: checked)
    }

    /// What a trial can drop: each premise, and each obligation the rule issues.
    func droppable(_ trial: RuleTrial) throws -> [Dropped] {
        var items = trial.premises.indices.map { Dropped.premise($0) }
        if case .pending(let p, _)? = try apply(trial, checkingPremises: false) { items += p.obligations.map { .obligation($0.label) } }
        return items
    }
}
