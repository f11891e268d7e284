/// `ENABLED A` without a quantifier over states, where the action names its successor.
extension ActionPred {
    /// `ENABLED A` at `current`, equivalent to `enabled(at:)`: the successor `s'` is eliminated by
    /// the one-point rule wherever the body fixes it (`… ∧ s' = e ∧ …`, also under `∨`, an
    /// existential over inputs, or a label), so a deterministic action becomes its guard. Where the
    /// body does not fix `s'`, the existential over the successor state stays.
    public func enabledEliminatingSuccessor(at current: Term) -> Term {
        precondition(current.sort == stateSort, "action predicate '\(name)' applied to \(current.sort)")
        guard !current.freeVariables.contains(nextStateVariable) else { return enabled(at: current) }
        let inner = body.substituting([stateVariable: current])
        return Self.eliminating(nextStateVariable, from: inner) ?? enabled(at: current)
    }

    /// `∃v. t` without the quantifier, or nil when `t` does not fix `v` in a shape recognised here.
    /// Each case is an equivalence: `∃v. t ⇔ t` when `v` is not free in `t` (sorts are inhabited);
    /// `∃` distributes over `∨` and commutes with `∃` over other variables; and
    /// `∃v. (v = e ∧ rest) ⇔ rest[v := e]` when `e` does not mention `v`.
    static func eliminating(_ v: Variable, from t: Term) -> Term? {
        guard t.freeVariables.contains(v) else { return t }
        switch t.node {
        case .labeled(let label, let body):
            return eliminating(v, from: body).map { Term.labeled(label, $0) }
        case .apply(.or, let args):
            var out: [Term] = []
            for a in args {
                guard let e = eliminating(v, from: a) else { return nil }
                out.append(e)
            }
            return Term(sort: .bool, node: .apply(.or, out))
        case .exists(let vars, let body, _) where !vars.contains(v):
            return eliminating(v, from: body).map { Term(sort: .bool, node: .exists(vars, $0, triggers: [])) }
        case .apply(.eq, _):
            return definition(of: v, in: t) != nil ? .true : nil
        case .apply(.and, let args):
            // Any conjunct `v = e`, also inside nested conjunctions, fixes v in the whole conjunction.
            guard let e = definition(of: v, amongConjunctsOf: t) else { return nil }
            return Term(sort: .bool, node: .apply(.and, args.map { $0.substituting([v: e]) }))
        default:
            return nil
        }
    }

    /// `e` when `t` is `v = e` or `e = v` with `e` free of `v`.
    private static func definition(of v: Variable, in t: Term) -> Term? {
        guard case .apply(.eq, let sides) = t.node else { return nil }
        for (lhs, rhs) in [(sides[0], sides[1]), (sides[1], sides[0])] {
            if case .variable(let x) = lhs.node, x == v, !rhs.freeVariables.contains(v) { return rhs }
        }
        return nil
    }

    /// A definition of `v` among the conjuncts of `t`, nested conjunctions included.
    private static func definition(of v: Variable, amongConjunctsOf t: Term) -> Term? {
        if let e = definition(of: v, in: t) { return e }
        guard case .apply(.and, let args) = t.node else { return nil }
        for a in args { if let e = definition(of: v, amongConjunctsOf: a) { return e } }
        return nil
    }
}
