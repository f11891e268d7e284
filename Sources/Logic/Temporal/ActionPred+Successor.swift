/// Deterministic actions name their successor: `… ∧ s' = e ∧ …` with `e` free of `s'`.
extension ActionPred {
    /// The successor `e` at `current` when the body has a top-level conjunct `s' = e` (or `e = s'`)
    /// whose `e` does not mention `s'`; nil otherwise. It is a witness for `ENABLED`: wherever the
    /// body holds with `s' := e`, a successor exists.
    public func successor(at current: Term) -> Term? {
        let conjuncts: [Term]
        if case .apply(.and, let args) = body.node { conjuncts = args } else { conjuncts = [body] }
        for c in conjuncts {
            guard case .apply(.eq, let sides) = c.node else { continue }
            for (lhs, rhs) in [(sides[0], sides[1]), (sides[1], sides[0])] {
                if case .variable(let v) = lhs.node, v == nextStateVariable, !rhs.freeVariables.contains(nextStateVariable) {
                    return rhs.substituting([stateVariable: current])
                }
            }
        }
        return nil
    }
}
