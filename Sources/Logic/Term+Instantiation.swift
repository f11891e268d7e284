/// Instantiating a formula's universal quantifiers with given terms (a hypothesis instance).
extension Term {
    /// The formula with its outermost universal quantifiers in positive positions instantiated, in
    /// order, with `terms`: `∀x ∀y. P` at `[a, b]` is `P[x := a, y := b]`, also where the quantifiers
    /// sit under conjunctions, disjunctions, the right of an implication, `ite` and `match` branches
    /// and `let` bodies (`∀k. map[k] = some(v) ⇒ ∀m. …` at `[k0, m0]`). Each such step replaces a
    /// positive subformula by a weaker one, so the result is implied by the formula: a valid
    /// hypothesis stays valid. Nil unless some quantifier took every term (a sort that does not
    /// match, or a binder on the way that a term mentions, stops the descent there).
    public func instantiatingForalls(_ terms: [Term]) -> Term? {
        guard sort == .bool, !terms.isEmpty else { return nil }
        let mentioned = terms.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
        return instantiated(terms[...], mentioned)
    }

    private func instantiated(_ terms: ArraySlice<Term>, _ mentioned: Set<Variable>) -> Term? {
        switch node {
        case .forall(let vars, let body, _):
            guard vars.count <= terms.count, zip(vars, terms).allSatisfy({ $0.sort == $1.sort }) else { return nil }
            let instance = body.substituting(Dictionary(uniqueKeysWithValues: zip(vars, terms)))
            let rest = terms.dropFirst(vars.count)
            return rest.isEmpty ? instance : instance.instantiated(rest, mentioned)
        case .labeled(let label, let body):
            return body.instantiated(terms, mentioned).map { Term(sort: sort, node: .labeled(label, $0)) }
        case .apply(let op, let args) where op == .and || op == .or:
            let parts = args.map { $0.instantiated(terms, mentioned) }
            guard parts.contains(where: { $0 != nil }) else { return nil }
            return Term(sort: sort, node: .apply(op, zip(args, parts).map { $1 ?? $0 }))
        case .apply(.implies, let args):
            return args[1].instantiated(terms, mentioned).map { Term(sort: sort, node: .apply(.implies, [args[0], $0])) }
        case .ite(let c, let a, let b):
            let (a2, b2) = (a.instantiated(terms, mentioned), b.instantiated(terms, mentioned))
            guard a2 != nil || b2 != nil else { return nil }
            return Term(sort: sort, node: .ite(c, a2 ?? a, b2 ?? b))
        case .letIn(let v, let value, let body):
            guard !mentioned.contains(v) else { return nil }
            return body.instantiated(terms, mentioned).map { Term(sort: sort, node: .letIn(v, value, $0)) }
        case .match(let scrutinee, let arms):
            let bodies = arms.map { arm in
                arm.bindings.contains(where: mentioned.contains) ? nil : arm.body.instantiated(terms, mentioned)
            }
            guard bodies.contains(where: { $0 != nil }) else { return nil }
            let newArms = zip(arms, bodies).map { arm, body in
                MatchCase(constructor: arm.constructor, bindings: arm.bindings, body: body ?? arm.body)
            }
            return Term(sort: sort, node: .match(scrutinee, newArms))
        default:
            return nil
        }
    }
}
