/// A symbolic lasso of `length` positions, for bounded counterexample search.
///
/// Positions `0 ..< n` hold the states `lasso.state[0]` … `lasso.state[n-1]`, constants of the
/// state sort; `lasso.loop`, an Int with `0 ≤ loop < n`, is the position the last one steps back
/// to, and `lasso.state[n]` is the state after the last position, equal to `lasso.state[loop]`
/// (`frame` says so). `values(p)` translates a temporal formula into one Bool term per position,
/// true exactly when `p` holds there on the execution `s_0 … s_{n-1} (s_loop … s_{n-1})^ω`; so
/// `frame ∧ holds(p)` is satisfiable iff some lasso of this length satisfies `p` at position 0.
///
/// From position `i` the execution visits the positions `j ≥ i` and, through the loop, `j ≥ loop`;
/// hence `[]p` at the last position is "p throughout the loop", and `[]p` at `i < n-1` is
/// `p_i ∧ ([]p)_{i+1}` (likewise `<>`). Parameters of the formula stay free: they become
/// constants of the query. `\A` / `\E` over a small finite sort are expanded, others become
/// quantifiers (MBQI is needed for those).
public struct LassoEncoding {
    public let stateSort: Sort
    public let length: Int
    /// `lasso.state[0]` … `lasso.state[n]`; the last is the successor of position `n-1`.
    public let states: [Variable]
    /// `lasso.loop`: where the loop starts.
    public let loopStart: Variable
    /// Expand `\A` / `\E` over finite sorts of at most this many values into conjunctions and
    /// disjunctions (0: always quantify).
    public var finiteExpansionLimit: Int
    /// The constants that replaced existentials of asserted step relations (see `assertion`).
    public private(set) var stepWitnesses: [StepWitness] = []
    /// The choices among the disjuncts of asserted step relations (see `assertion`).
    public private(set) var stepChoices: [StepChoice] = []

    /// Which disjunct of a step relation a step takes: `selector` (an Int constant) is the index
    /// of the disjunct, in `0 ..< alternatives.count`.
    public struct StepChoice: Sendable {
        public let step: Int
        public let selector: Variable
        /// Each disjunct's label (for a state machine's `next`: the action, or `stutter`) and the
        /// variables its existentials bound (the action's inputs).
        public let alternatives: [(label: String?, bound: [Variable])]
    }

    /// An existential of the step relation at one step, replaced by a constant of the query.
    public struct StepWitness: Sendable {
        /// The step: from position `step` to its successor.
        public let step: Int
        /// The variable the existential bound (for a state machine's step, an action input).
        public let bound: Variable
        /// The constant standing for it at this step.
        public let constant: Variable
    }

    public init(stateSort: Sort, length: Int, finiteExpansionLimit: Int = 64) {
        precondition(length >= 1, "a lasso has at least one position")
        self.stateSort = stateSort
        self.length = length
        self.states = (0...length).map { Variable("lasso.state[\($0)]", stateSort) }
        self.loopStart = Variable("lasso.loop", .int)
        self.finiteExpansionLimit = finiteExpansionLimit
    }

    /// The shape of a lasso: `0 ≤ loop < n` and `state[n] = state[loop]`.
    public var frame: [Term] {
        get throws(KernelError) {
            try checked("frame") { () throws(SortError) in
                var parts = [try Term.int(0) <= loopStart.term, try loopStart.term < Term.int(length)]
                for j in 0..<length {
                    parts.append(try (loopStart.term .== Term.int(j)) ==> (states[length].term .== states[j].term))
                }
                return parts
            }
        }
    }

    /// Constraints that make the symbolic lasso the concrete `lasso` (its positions must number `length`).
    public func fixing(_ lasso: Lasso) throws(KernelError) -> [Term] {
        guard lasso.count == length else {
            throw KernelError("LassoEncoding", "the lasso has \(lasso.count) positions, the encoding \(length)")
        }
        return try checked("fixing") { () throws(SortError) in
            var parts = [try loopStart.term .== Term.int(lasso.prefix.count)]
            for (i, v) in lasso.states.enumerated() { parts.append(try states[i].term .== Term.literal(v, sort: stateSort)) }
            return parts
        }
    }

    /// `p` at position 0.
    public func holds(_ p: TempPred) throws(KernelError) -> Term { try values(p)[0] }

    /// What to assert for a formula at position 0: ground formulas, and universal constraints
    /// (a top-level `\A` over a sort too large to expand), which a solver may instantiate on demand.
    public struct Assertion {
        public var ground: [Term] = []
        public var universals: [UniversalConstraint] = []

        /// Everything as formulas, the universals as quantifiers.
        public var formulas: [Term] {
            get throws(SortError) {
                var out = ground
                for u in universals { out.append(try Term.forall(u.variables, u.body)) }
                return out
            }
        }
    }

    /// `p` at position 0 as conjuncts to assert. For a top-level conjunct `[]q` every position is
    /// reachable from 0, so it is `q` at every position, asserted as a step relation: each
    /// existential in positive position is replaced by a fresh constant per step (listed in
    /// `stepWitnesses`), and a disjunction by a choice (`stepChoices`): `choice = j ⇒ c` for each
    /// conjunct `c` of disjunct `j`. Both preserve satisfiability, a model names the action and
    /// input each step took, and a disjunct not chosen constrains nothing (the solver need not
    /// refute its state equation). A top-level `\A x1 … xk: q` (sorts not expanded) becomes the
    /// universal constraint `∀ x1 … xk. q@0`.
    public mutating func assertion(_ p: TempPred) throws(KernelError) -> Assertion {
        var out = Assertion()
        for c in p.conjuncts {
            var bound: [Variable] = [], body = c
            while case .tlaForall(let x, let inner) = body, expansion(of: x) == nil {
                bound.append(x)
                body = inner
            }
            if !bound.isEmpty {
                guard !bound.contains(where: { Variable.isStateName($0.name) }) else {
                    throw KernelError("LassoEncoding", "\(c) quantifies a state variable")
                }
                out.universals.append(UniversalConstraint(bound, try holds(body)))
            } else if case .always(let q) = c {
                for (step, t) in try values(q).enumerated() { out.ground += try asserted(t, step: step, under: nil, choosing: true) }
            } else {
                out.ground.append(try holds(c))
            }
        }
        return out
    }

    /// The values `\A x` / `\E x` is expanded over, when x's sort is finite and small enough.
    private func expansion(of x: Variable) -> [Value]? {
        guard let domain = x.sort.allValues, domain.count <= finiteExpansionLimit else { return nil }
        return domain
    }

    // MARK: Translation

    /// `p` at each position `0 ..< length`.
    public func values(_ p: TempPred) throws(KernelError) -> [Term] {
        let n = length
        switch p {
        case .true: return Array(repeating: .true, count: n)
        case .false: return Array(repeating: .false, count: n)
        case .lift(let q):
            try sortMatches(q.stateSort, p)
            return (0..<n).map { q.at(states[$0].term) }
        case .liftAction(let a):
            try sortMatches(a.stateSort, p)
            return (0..<n).map { a.at(states[$0].term, states[$0 + 1].term) }
        case .enabled(let a):
            try sortMatches(a.stateSort, p)
            return (0..<n).map { a.enabledEliminatingSuccessor(at: states[$0].term) }
        case .not(let q):
            let v = try values(q)
            return try pointwise(p) { () throws(SortError) in try v.map { t throws(SortError) in try !t } }
        case .and(let qs), .or(let qs):
            var parts: [[Term]] = []
            for q in qs { parts.append(try values(q)) }
            let isAnd: Bool
            if case .and = p { isAnd = true } else { isAnd = false }
            return try pointwise(p) { () throws(SortError) in
                try (0..<n).map { i throws(SortError) in
                    let column = parts.map { $0[i] }
                    return isAnd ? try Term.and(column) : try Term.or(column)
                }
            }
        case .implies(let a, let b):
            let x = try values(a), y = try values(b)
            return try pointwise(p) { () throws(SortError) in try (0..<n).map { i throws(SortError) in try x[i] ==> y[i] } }
        case .always(.eventually(let q)):
            // Infinitely often: at every position, q somewhere in the loop.
            let v = try values(q)
            return Array(repeating: try pointwise(p) { () throws(SortError) in [try someInLoop(v)] }[0], count: n)
        case .eventually(.always(let q)):
            // Eventually forever: at every position, q throughout the loop.
            let v = try values(q)
            return Array(repeating: try pointwise(p) { () throws(SortError) in [try allOfLoop(v)] }[0], count: n)
        case .always(let q): return try always(values(q), p)
        case .eventually(let q): return try eventually(values(q), p)
        case .later(let q):
            let v = try values(q)
            return try pointwise(p) { () throws(SortError) in Array(v.dropFirst()) + [try atLoopStart(v)] }
        case .leadsTo(let a, let b):
            return try values(.always(.implies(a, .eventually(b))))
        case .weakFairness(let a):
            // `[]([]ENABLED A => <>A)` is `<>[]ENABLED A => []<>A`: the same at every position.
            let enabled = try values(.enabled(a)), taken = try values(.liftAction(a))
            let wf = try pointwise(p) { () throws(SortError) in [try allOfLoop(enabled) ==> someInLoop(taken)] }[0]
            return Array(repeating: wf, count: n)
        case .stable(let q):
            return try values(.implies(q, .always(q)))
        case .tlaForall(let x, let q), .tlaExists(let x, let q):
            let isForall: Bool
            if case .tlaForall = p { isForall = true } else { isForall = false }
            guard !Variable.isStateName(x.name) else { throw KernelError("LassoEncoding", "\(p) quantifies the state variable '\(x.name)'") }
            if let domain = expansion(of: x) {
                var instances: [[Term]] = []
                for value in domain {
                    let literal = try checked("\(p)") { () throws(SortError) in try Term.literal(value, sort: x.sort) }
                    instances.append(try values(q.substituting(x, with: literal)))
                }
                return try pointwise(p) { () throws(SortError) in
                    try (0..<n).map { i throws(SortError) in
                        let column = instances.map { $0[i] }
                        return isForall ? try Term.and(column) : try Term.or(column)
                    }
                }
            }
            let v = try values(q)
            return try pointwise(p) { () throws(SortError) in
                try v.map { t throws(SortError) in isForall ? try Term.forall([x], t) : try Term.exists([x], t) }
            }
        }
    }

    /// `[]p` from p's values: the loop's conjunction at the last position, then backwards.
    private func always(_ v: [Term], _ p: TempPred) throws(KernelError) -> [Term] {
        try pointwise(p) { () throws(SortError) in
            var out = v
            out[length - 1] = try allOfLoop(v)
            for i in stride(from: length - 2, through: 0, by: -1) { out[i] = try v[i] && out[i + 1] }
            return out
        }
    }

    /// `<>p` from p's values: the loop's disjunction at the last position, then backwards.
    private func eventually(_ v: [Term], _ p: TempPred) throws(KernelError) -> [Term] {
        try pointwise(p) { () throws(SortError) in
            var out = v
            out[length - 1] = try someInLoop(v)
            for i in stride(from: length - 2, through: 0, by: -1) { out[i] = try v[i] || out[i + 1] }
            return out
        }
    }

    /// `p` at every position of the loop: `∧_j (loop ≤ j ⇒ v_j)`.
    private func allOfLoop(_ v: [Term]) throws(SortError) -> Term {
        var parts: [Term] = []
        for j in 0..<length { parts.append(j == length - 1 ? v[j] : try (loopStart.term <= Term.int(j)) ==> v[j]) }
        return try Term.and(parts)
    }

    /// `p` at some position of the loop: `∨_j (loop ≤ j ∧ v_j)`.
    private func someInLoop(_ v: [Term]) throws(SortError) -> Term {
        var parts: [Term] = []
        for j in 0..<length { parts.append(j == length - 1 ? v[j] : try (loopStart.term <= Term.int(j)) && v[j]) }
        return try Term.or(parts)
    }

    /// The value at the loop's first position: `∨_j (loop = j ∧ v_j)`.
    private func atLoopStart(_ v: [Term]) throws(SortError) -> Term {
        if length == 1 { return v[0] }
        var cases: [Term] = []
        for j in 0..<length { cases.append(try (loopStart.term .== Term.int(j)) && v[j]) }
        return try Term.or(cases)
    }

    // MARK: Asserting step relations

    /// Conjuncts equisatisfiable with `condition ⇒ t` (just `t` without a condition), with
    /// conjunctions split, positive existentials replaced by constants, and (when `choosing`)
    /// disjunctions replaced by choices.
    private mutating func asserted(_ t: Term, step: Int, under condition: Term?, choosing: Bool) throws(KernelError) -> [Term] {
        switch t.node {
        case .labeled(_, let body):
            return try asserted(body, step: step, under: condition, choosing: choosing)
        case .apply(.and, let args):
            var out: [Term] = []
            for a in args { out += try asserted(a, step: step, under: condition, choosing: choosing) }
            return out
        case .exists(let vars, let body, _):
            return try asserted(skolemisedBinder(vars, body, step: step), step: step, under: condition, choosing: choosing)
        case .apply(.or, let args) where choosing && args.count >= 2:
            let selector = Variable("lasso.choice[\(step)]#\(stepChoices.count)", .int)
            let index = stepChoices.count
            stepChoices.append(StepChoice(step: step, selector: selector, alternatives: []))
            var out = try checked("choice") { () throws(SortError) in
                var bounds: [Term] = []
                for t in [try Term.int(0) <= selector.term, try selector.term < Term.int(args.count)] {
                    if let condition { bounds.append(try condition ==> t) } else { bounds.append(t) }
                }
                return bounds
            }
            var alternatives: [(label: String?, bound: [Variable])] = []
            for (j, a) in args.enumerated() {
                let chosen = try checked("choice") { () throws(SortError) in
                    let pick = try selector.term .== Term.int(j)
                    if let condition { return try condition && pick }
                    return pick
                }
                let before = stepWitnesses.count
                out += try asserted(a, step: step, under: chosen, choosing: false)
                var label: String?
                if case .labeled(let l, _) = a.node { label = l }
                alternatives.append((label, stepWitnesses[before...].map(\.bound)))
            }
            stepChoices[index] = StepChoice(step: step, selector: selector, alternatives: alternatives)
            return out
        default:
            let leaf = skolemised(t, step: step, positive: true)
            guard let condition else { return [leaf] }
            return [try checked("step") { () throws(SortError) in try condition ==> leaf }]
        }
    }

    /// The body of `∃ vars. body` with the variables replaced by fresh constants for this step.
    private mutating func skolemisedBinder(_ vars: [Variable], _ body: Term, step: Int) -> Term {
        var map: [Variable: Term] = [:]
        for v in vars {
            let constant = freshWitness(for: v, step: step)
            map[v] = constant.term
            stepWitnesses.append(StepWitness(step: step, bound: v, constant: constant))
        }
        return body.substituting(map)
    }

    /// `t` with each existential in positive position (not under a universal) replaced by fresh
    /// constants for this step.
    private mutating func skolemised(_ t: Term, step: Int, positive: Bool) -> Term {
        guard t.sort == .bool else { return t }
        switch t.node {
        case .labeled(let label, let body):
            return Term.labeled(label, skolemised(body, step: step, positive: positive))
        case .apply(.and, let args):
            return Term(sort: .bool, node: .apply(.and, args.map { skolemised($0, step: step, positive: positive) }))
        case .apply(.or, let args):
            return Term(sort: .bool, node: .apply(.or, args.map { skolemised($0, step: step, positive: positive) }))
        case .apply(.not, let args):
            return Term(sort: .bool, node: .apply(.not, [skolemised(args[0], step: step, positive: !positive)]))
        case .apply(.implies, let args):
            return Term(sort: .bool, node: .apply(.implies, [skolemised(args[0], step: step, positive: !positive),
                                                            skolemised(args[1], step: step, positive: positive)]))
        case .exists(let vars, let body, _) where positive:
            return skolemised(skolemisedBinder(vars, body, step: step), step: step, positive: true)
        default:
            return t
        }
    }

    private func freshWitness(for v: Variable, step: Int) -> Variable {
        let base = "\(v.name)@\(step)"
        var name = base, i = 1
        while stepWitnesses.contains(where: { $0.constant.name == name }) { i += 1; name = "\(base)#\(i)" }
        return Variable(name, v.sort)
    }

    // MARK: Checks

    private func sortMatches(_ sort: Sort, _ p: TempPred) throws(KernelError) {
        guard sort == stateSort else {
            throw KernelError("LassoEncoding", "\(p) is over \(sort), but the lasso's states have sort \(stateSort)")
        }
    }

    private func pointwise(_ p: TempPred, _ build: () throws(SortError) -> [Term]) throws(KernelError) -> [Term] {
        try checked("\(p)", build)
    }

    func checked<T>(_ what: @autoclosure () -> String, _ build: () throws(SortError) -> T) throws(KernelError) -> T {
        do { return try build() } catch { throw KernelError("LassoEncoding", "\(what()): \(error.message)") }
    }
}
