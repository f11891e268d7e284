/// One case of an obligation after a sound case split, with what the split learned.
public struct ObligationCase: Hashable, Sendable {
    public let obligation: Obligation
    /// The labels of the disjuncts this case took (for example the action of a `next` step).
    public let path: [String]
    /// Variables the one-point rule eliminated, with the terms they equal (for example `s'` and the
    /// action's effect), so a counterexample can show their values too.
    public let definitions: [NamedTerm]
}

extension Obligation {
    /// At most this many cases; a bigger split is not taken.
    static let maximumCases = 4096

    /// Splits the obligation into cases whose conjunction is equivalent to it, so each can be checked
    /// (and blamed) separately. For a goal `A1 ∧ … ∧ An ⇒ C1 ∧ … ∧ Cm` with the named hypotheses:
    /// - a disjunct antecedent `D1 ∨ … ∨ Dk` gives one case per disjunct (named by its label);
    /// - an existential antecedent `∃x. P` gives `P` with `x` as a new free (so universal) variable;
    /// - an antecedent `v = e` for a free variable `v` not in `e` is eliminated by putting `e` for `v`
    ///   everywhere (the one-point rule: `∀v. v = e ∧ P(v) ⇒ Q(v)` iff `P(e) ⇒ Q(e)`);
    /// - an existential conclusion with a conjunct `x = e` (x quantified, not in e) is proved with e
    ///   for x (the one-point rule again);
    /// - a conjunctive conclusion gives one case per conjunct;
    /// - a requested `CaseSplit` whose variables are all free gives one case per listed case (as an
    ///   antecedent), plus the case that the listed cases cover everything.
    /// Every step is an equivalence, so the obligation is valid exactly when every case is.
    public var cases: [ObligationCase] {
        var antecedents: [Term] = [], conclusion = goal
        if case .apply(.implies, let parts) = goal.node {
            antecedents = [parts[0]]
            conclusion = parts[1]
        }
        var out: [ObligationCase] = []
        var splitter = CaseSplitter(base: self)
        guard splitter.split(antecedents, conclusion, hypotheses, [], [], [], into: &out) else {
            return [ObligationCase(obligation: self, path: [], definitions: [])]
        }
        return out
    }
}

extension DischargeReceipt {
    /// A receipt for an obligation every one of whose cases has a receipt.
    public static func combining(_ receipts: [DischargeReceipt], for obligation: Obligation) -> DischargeReceipt? {
        let proved = Set(receipts.map(\.obligation))
        return obligation.cases.allSatisfy { proved.contains($0.obligation) } ? DischargeReceipt(obligation) : nil
    }
}

/// The case split of one obligation.
private struct CaseSplitter {
    /// `∃x. … ∧ x = e ∧ …` (x not in e) as the body with e for x: the one-point rule for an
    /// existential conclusion (the witness is e). Nil when no quantified variable has such a conjunct.
    static func witnessed(_ conclusion: Term) -> Term? {
        guard case .exists(let vars, let body, _) = conclusion.node else { return nil }
        var conjuncts = [body]
        if case .apply(.and, let parts) = body.node { conjuncts = parts }
        for part in conjuncts {
            guard case .apply(.eq, let sides) = part.node else { continue }
            for (lhs, rhs) in [(sides[0], sides[1]), (sides[1], sides[0])] {
                guard case .variable(let v) = lhs.node, vars.contains(v), !rhs.freeVariables.contains(v),
                      !rhs.freeVariables.contains(where: vars.contains) else { continue }
                let inner = body.substituting([v: rhs])
                let rest = vars.filter { $0 != v }
                return rest.isEmpty ? inner : Term(sort: .bool, node: .exists(rest, inner, triggers: []))
            }
        }
        return nil
    }

    let base: Obligation
    var taken: Set<String>

    init(base: Obligation) {
        self.base = base
        var names: Set<String> = Set(base.goal.freeVariables.map(\.name))
        for h in base.hypotheses { names.formUnion(h.term.freeVariables.map(\.name)) }
        taken = names
    }

    /// Appends the cases to `out`; false when there would be too many.
    mutating func split(_ antecedents: [Term], _ conclusion: Term, _ hypotheses: [NamedTerm], _ path: [String],
                        _ definitions: [NamedTerm], _ applied: Set<String>, into out: inout [ObligationCase]) -> Bool {
        for (i, a) in antecedents.enumerated() {
            var rest = antecedents
            rest.remove(at: i)
            var label: String?
            var t = a
            while case .labeled(let l, let body) = t.node { label = l; t = body }
            switch t.node {
            case .apply(.and, let parts):
                return split(rest + parts, conclusion, hypotheses, path + (label.map { [$0] } ?? []), definitions, applied, into: &out)
            case .apply(.or, let disjuncts):
                for d in disjuncts {
                    var name = label, inner = d
                    while case .labeled(let l, let body) = inner.node { name = l; inner = body }
                    guard split(rest + [inner], conclusion, hypotheses, path + (name.map { [$0] } ?? []), definitions, applied, into: &out),
                          out.count <= Obligation.maximumCases else { return false }
                }
                return true
            case .exists(let vars, let body, _):
                var map: [Variable: Term] = [:]
                for v in vars {
                    var name = v.name
                    while taken.contains(name) { name += "'" }
                    taken.insert(name)
                    if name != v.name { map[v] = Variable(name, v.sort).term }
                }
                return split(rest + [body.substituting(map)], conclusion, hypotheses, path + (label.map { [$0] } ?? []), definitions, applied,
                             into: &out)
            case .apply(.eq, let sides):
                for (lhs, rhs) in [(sides[0], sides[1]), (sides[1], sides[0])] {
                    guard case .variable(let v) = lhs.node, !rhs.freeVariables.contains(v) else { continue }
                    let map = [v: rhs]
                    let definition = NamedTerm(v.name, rhs)
                    return split(rest.map { $0.substituting(map) }, conclusion.substituting(map),
                                 hypotheses.map { NamedTerm($0.name, $0.term.substituting(map)) }, path,
                                 definitions.map { NamedTerm($0.name, $0.term.substituting(map)) } + [definition], applied, into: &out)
                }
            default: break
            }
        }
        var free = conclusion.freeVariables
        for a in antecedents { free.formUnion(a.freeVariables) }
        for h in hypotheses { free.formUnion(h.term.freeVariables) }
        if let analysis = base.caseSplits.first(where: {
            !applied.contains($0.name) && $0.freeVariables.isSubset(of: free) && $0.applies(to: base.label, path: path)
        }) {
            let covered: Term
            do { covered = try Term.or(analysis.cases.map(\.term)) } catch { return false }
            let coveragePath = path + ["\(analysis.name) covered"]
            out.append(ObligationCase(obligation: Obligation(label: base.label + " [" + coveragePath.joined(separator: ", ") + "]",
                                                             goal: covered, hypotheses: [], origin: base.origin, rlimitFactor: base.rlimitFactor,
                                                             arrayExtensionality: base.arrayExtensionality),
                                      path: coveragePath, definitions: []))
            for c in analysis.cases {
                guard split(antecedents + [c.term], conclusion, hypotheses, path + ["\(analysis.name)=\(c.name)"], definitions,
                            applied.union([analysis.name]), into: &out), out.count <= Obligation.maximumCases else { return false }
            }
            return true
        }
        if let simplified = Self.witnessed(conclusion) {
            return split(antecedents, simplified, hypotheses, path, definitions, applied, into: &out)
        }
        var c = conclusion
        while case .labeled(_, let body) = c.node { c = body }
        let conclusions: [(String?, Term)]
        if case .apply(.and, let parts) = c.node, parts.count > 1 {
            conclusions = parts.map { part in
                if case .labeled(let l, _) = part.node { return (l, part) }
                return (nil, part)
            }
        } else {
            conclusions = [(nil, conclusion)]
        }
        for (i, (name, goal)) in conclusions.enumerated() {
            let casePath = path + (conclusions.count > 1 ? [name ?? "conjunct \(i + 1)"] : [])
            let full: Term
            do { full = antecedents.isEmpty ? goal : try Term.and(antecedents) ==> goal } catch { return false }
            let label = casePath.isEmpty ? base.label : base.label + " [" + casePath.joined(separator: ", ") + "]"
            let o = Obligation(label: label, goal: full, hypotheses: base.hypotheses(hypotheses, onPath: [base.label] + casePath), origin: base.origin,
                               rlimitFactor: base.rlimitFactor, arrayExtensionality: base.arrayExtensionality)
            out.append(ObligationCase(obligation: o, path: casePath, definitions: definitions))
            if out.count > Obligation.maximumCases { return false }
        }
        return true
    }
}
