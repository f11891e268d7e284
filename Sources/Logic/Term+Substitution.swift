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
        guard map.keys.contains(where: freeVariables.contains) else { return self }
        var memo: [ObjectIdentifier: Term] = [:]
        return substituted(map, &memo)
    }

    /// Substitution over the term as a DAG: a shared subterm is rewritten once (`memo`, valid for
    /// one `map`), so sharing is kept and the cost stays linear in the number of distinct nodes.
    private func substituted(_ map: [Variable: Term], _ memo: inout [ObjectIdentifier: Term]) -> Term {
        guard map.keys.contains(where: freeVariables.contains) else { return self }
        if let done = memo[ObjectIdentifier(self)] { return done }
        let result: Term
        switch node {
        case .bool, .int, .string:
            result = self
        case .variable(let v):
            result = map[v] ?? self
        case .apply(let op, let args):
            result = Term(sort: sort, node: .apply(op, args.map { $0.substituted(map, &memo) }))
        case .uninterpreted(let f, let args):
            result = Term(sort: sort, node: .uninterpreted(f, args.map { $0.substituted(map, &memo) }))
        case .ite(let c, let a, let b):
            result = Term(sort: sort, node: .ite(c.substituted(map, &memo), a.substituted(map, &memo), b.substituted(map, &memo)))
        case .forall(let vs, let body, let triggers), .exists(let vs, let body, let triggers):
            let (bound, inner) = Term.renamingBinders(vs, in: [body] + triggers.flatMap { $0 }, avoiding: map)
            let newBody = body.substituting(inner)
            let newTriggers = triggers.map { group in group.map { $0.substituting(inner) } }
            if case .forall = node {
                result = Term(sort: sort, node: .forall(bound, newBody, triggers: newTriggers))
            } else {
                result = Term(sort: sort, node: .exists(bound, newBody, triggers: newTriggers))
            }
        case .labeled(let label, let body):
            result = Term(sort: sort, node: .labeled(label, body.substituted(map, &memo)))
        case .opaque(let definition, let args, let instance):
            result = Term(sort: sort, node: .opaque(definition, args.map { $0.substituted(map, &memo) },
                                                    instance: instance.substituted(map, &memo)))
        case .letIn(let v, let value, let body):
            let (bound, inner) = Term.renamingBinders([v], in: [body], avoiding: map)
            result = Term(sort: sort, node: .letIn(bound[0], value.substituted(map, &memo), body.substituting(inner)))
        case .match(let scrutinee, let arms):
            let newArms = arms.map { arm in
                let (bound, inner) = Term.renamingBinders(arm.bindings, in: [arm.body], avoiding: map)
                return MatchCase(constructor: arm.constructor, bindings: bound, body: arm.body.substituting(inner))
            }
            result = Term(sort: sort, node: .match(scrutinee.substituted(map, &memo), newArms))
        }
        memo[ObjectIdentifier(self)] = result
        return result
    }

    /// The binders to use under a substitution, and the substitution to apply beneath them: a bound
    /// variable shadows its own entry, and is renamed when a replacement mentions it free. The new
    /// name is the first `name#i` free in neither the replacements nor the binders' scope, so the
    /// result depends only on the term and the map (obligation cases are recomputed to be checked).
    private static func renamingBinders(_ binders: [Variable], in scope: [Term],
                                        avoiding map: [Variable: Term]) -> ([Variable], [Variable: Term]) {
        var inner = map
        for v in binders { inner[v] = nil }
        let captured = inner.values.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
        var taken = Set(captured.map(\.name))
        for t in scope { taken.formUnion(t.freeVariables.map(\.name)) }
        taken.formUnion(binders.map(\.name))
        var bound: [Variable] = []
        for v in binders {
            if captured.contains(v) {
                var i = 1
                while taken.contains("\(v.name)#\(i)") { i += 1 }
                taken.insert("\(v.name)#\(i)")
                let renamed = Variable("\(v.name)#\(i)", v.sort)
                inner[v] = renamed.term
                bound.append(renamed)
            } else {
                bound.append(v)
            }
        }
        return (bound, inner)
    }
}
