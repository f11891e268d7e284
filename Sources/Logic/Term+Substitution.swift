/// Capture-avoiding substitution of terms for free variables.
extension Term {
    /// Replaces the free occurrences of each variable in `map` by its term, all at once.
    ///
    /// A binder (quantifier, `let`, `match` arm) that would capture a free variable of a replacement
    /// is renamed to a fresh variable first. Every replacement must have its variable's sort.
    public func substituting(_ map: [Variable: Term]) -> Term {
        for (v, t) in map {
            precondition(v.sort == t.sort, "substituting \(t) of sort \(t.sort) for \(v.name) of sort \(v.sort)")
        }
        let relevant = map.filter { freeVariables.contains($0.key) }
        return relevant.isEmpty ? self : substitutingRelevant(relevant)
    }

    private func substitutingRelevant(_ map: [Variable: Term]) -> Term {
        switch node {
        case .bool, .int, .string:
            return self
        case .variable(let v):
            return map[v] ?? self
        case .apply(let op, let args):
            return Term(sort: sort, node: .apply(op, args.map { $0.substituting(map) }))
        case .uninterpreted(let f, let args):
            return Term(sort: sort, node: .uninterpreted(f, args.map { $0.substituting(map) }))
        case .ite(let c, let a, let b):
            return Term(sort: sort, node: .ite(c.substituting(map), a.substituting(map), b.substituting(map)))
        case .forall(let vs, let body, let triggers), .exists(let vs, let body, let triggers):
            let (bound, inner) = Term.renamingBinders(vs, avoiding: map)
            let newBody = body.substituting(inner)
            let newTriggers = triggers.map { group in group.map { $0.substituting(inner) } }
            if case .forall = node { return Term(sort: sort, node: .forall(bound, newBody, triggers: newTriggers)) }
            return Term(sort: sort, node: .exists(bound, newBody, triggers: newTriggers))
        case .labeled(let label, let body):
            return Term(sort: sort, node: .labeled(label, body.substituting(map)))
        case .letIn(let v, let value, let body):
            let (bound, inner) = Term.renamingBinders([v], avoiding: map)
            return Term(sort: sort, node: .letIn(bound[0], value.substituting(map), body.substituting(inner)))
        case .match(let scrutinee, let arms):
            let newArms = arms.map { arm in
                let (bound, inner) = Term.renamingBinders(arm.bindings, avoiding: map)
                return MatchCase(constructor: arm.constructor, bindings: bound, body: arm.body.substituting(inner))
            }
            return Term(sort: sort, node: .match(scrutinee.substituting(map), newArms))
        }
    }

    /// The binders to use under a substitution, and the substitution to apply beneath them: a bound
    /// variable shadows its own entry, and is renamed when a replacement mentions it free.
    private static func renamingBinders(_ binders: [Variable], avoiding map: [Variable: Term]) -> ([Variable], [Variable: Term]) {
        var inner = map
        for v in binders { inner[v] = nil }
        let captured = inner.values.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
        var bound: [Variable] = []
        for v in binders {
            if captured.contains(v) {
                let renamed = Variable("\(v.name)#\(fresh())", v.sort)
                inner[v] = renamed.term
                bound.append(renamed)
            } else {
                bound.append(v)
            }
        }
        return (bound, inner)
    }
}
