/// The kernel's inference rules, one static function each (Anvil's lemma names in lowerCamel).
///
/// A rule checks the shape of its premises (the same spec, formulas equal by structure) and throws
/// a `KernelError` naming itself and the mismatch; a state-level premise becomes an `Obligation`
/// of the returned `PendingFact`. A valid fact (spec `TRUE`) may stand in for a premise about any spec.
/// The statements are listed in `RuleCatalogue`.
public enum Rules {}

/// Shape checks and constructors shared by the rules.
extension RuleInfo {
    func fact(_ spec: TempPred, _ claim: TempPred) -> Fact {
        Fact(Entailment(spec: spec, claim: claim), rule: swiftName)
    }

    func pending(_ spec: TempPred, _ claim: TempPred, _ obligations: [Obligation]) -> PendingFact {
        PendingFact(Entailment(spec: spec, claim: claim), rule: swiftName, obligations: obligations)
    }

    func error(_ message: String) -> KernelError { KernelError(swiftName, message) }

    func require(_ condition: Bool, _ message: @autoclosure () -> String) throws(KernelError) {
        if !condition { throw error(message()) }
    }

    /// The spec shared by the premises: valid premises (spec `TRUE`) fit any spec.
    func commonSpec(_ facts: [Fact]) throws(KernelError) -> TempPred {
        var spec: TempPred?
        for (i, f) in facts.enumerated() where !f.isValid {
            if let s = spec, s != f.spec {
                throw error("premise \(i + 1) is about the spec \(f.spec), but an earlier premise is about \(s)")
            }
            spec = f.spec
        }
        return spec ?? .true
    }

    func expect(_ actual: TempPred, equals expected: TempPred, _ what: String) throws(KernelError) {
        guard actual == expected else { throw error("\(what) must be \(expected), got \(actual)") }
    }

    // MARK: Claim shapes

    func always(_ f: Fact, _ what: String) throws(KernelError) -> TempPred {
        if case .always(let p) = f.claim { return p }
        throw error("\(what) must be 'spec |= []p', got \(f.claim)")
    }

    func eventually(_ f: Fact, _ what: String) throws(KernelError) -> TempPred {
        if case .eventually(let p) = f.claim { return p }
        throw error("\(what) must be 'spec |= <>p', got \(f.claim)")
    }

    func eventuallyAlways(_ f: Fact, _ what: String) throws(KernelError) -> TempPred {
        if case .eventually(.always(let p)) = f.claim { return p }
        throw error("\(what) must be 'spec |= <>[]p', got \(f.claim)")
    }

    func leadsTo(_ f: Fact, _ what: String) throws(KernelError) -> (TempPred, TempPred) {
        if case .leadsTo(let p, let q) = f.claim { return (p, q) }
        throw error("\(what) must be 'spec |= p ~> q', got \(f.claim)")
    }

    func leadsToAlways(_ f: Fact, _ what: String) throws(KernelError) -> (TempPred, TempPred) {
        if case .leadsTo(let p, .always(let q)) = f.claim { return (p, q) }
        throw error("\(what) must be 'spec |= p ~> []q', got \(f.claim)")
    }

    func implication(_ p: TempPred, _ what: String) throws(KernelError) -> (TempPred, TempPred) {
        if case .implies(let a, let b) = p { return (a, b) }
        throw error("\(what) must be an implication 'p => q', got \(p)")
    }

    func forall(_ p: TempPred, _ what: String) throws(KernelError) -> (Variable, TempPred) {
        if case .tlaForall(let x, let body) = p { return (x, body) }
        throw error("\(what) must be '\\A x: P(x)', got \(p)")
    }

    func exists(_ p: TempPred, _ what: String) throws(KernelError) -> (Variable, TempPred) {
        if case .tlaExists(let x, let body) = p { return (x, body) }
        throw error("\(what) must be '\\E x: P(x)', got \(p)")
    }

    func liftedState(_ p: TempPred, _ what: String) throws(KernelError) -> StatePred {
        if case .lift(let s) = p { return s }
        throw error("\(what) must be a lifted state predicate, got \(p)")
    }

    func liftedAction(_ p: TempPred, _ what: String) throws(KernelError) -> ActionPred {
        if case .liftAction(let a) = p { return a }
        throw error("\(what) must be a lifted action predicate, got \(p)")
    }

    /// Checks that `x` can be quantified: a parameter (not `s`, `s'`) that no listed formula mentions free.
    func quantifiable(_ x: Variable, notFreeIn formulas: [(String, TempPred)]) throws(KernelError) {
        try require(!Variable.isStateName(x.name), "cannot quantify the state variable '\(x.name)'")
        for (what, p) in formulas where p.freeVariables.contains(x) {
            throw error("\(x.name) occurs free in \(what) \(p), so it is not arbitrary there")
        }
    }

    func substitute(_ p: TempPred, _ x: Variable, _ t: Term) throws(KernelError) -> TempPred {
        do { return try p.substituting(x, with: t) } catch { throw self.error(error.message) }
    }

    // MARK: Obligations

    /// The one state sort of the formulas (`Bool` stands in when no predicate occurs).
    func stateSort(_ formulas: [TempPred]) throws(KernelError) -> Sort {
        let sorts = formulas.reduce(into: Set<Sort>()) { $0.formUnion($1.stateSorts) }
        try require(sorts.count <= 1, "predicates over several state sorts: " + sorts.map(\.description).sorted().joined(separator: ", "))
        return sorts.first ?? .bool
    }

    /// Named hypotheses from facts `spec |= []inv` with `inv` state-level: `inv(s)`, and `inv(s')` when `primed`.
    func invariantHypotheses(_ invariants: [Fact], spec: TempPred, sort: Sort, primed: Bool) throws(KernelError) -> [NamedTerm] {
        var hypotheses: [NamedTerm] = []
        for (i, f) in invariants.enumerated() {
            try require(f.isValid || f.spec == spec, "invariant \(i + 1) is about the spec \(f.spec), not \(spec)")
            let inv = try always(f, "invariant \(i + 1)")
            try require(inv.isStateLevel, "invariant \(i + 1) must be state-level, got \(inv)")
            try require(inv.stateSorts.isSubset(of: [sort]), "invariant \(i + 1) is over \(inv.stateSorts), not \(sort)")
            hypotheses.append(NamedTerm(inv.description, try inv.stateTerm(at: Variable.state(sort).term, rule: swiftName)))
            if primed {
                hypotheses.append(NamedTerm(inv.description + "'", try inv.stateTerm(at: Variable.nextState(sort).term, rule: swiftName)))
            }
        }
        return uniquelyNamed(hypotheses)
    }

    func uniquelyNamed(_ hypotheses: [NamedTerm]) -> [NamedTerm] {
        var seen: [String: Int] = [:]
        return hypotheses.map { h in
            let n = seen[h.name, default: 0] + 1
            seen[h.name] = n
            return n == 1 ? h : NamedTerm("\(h.name)#\(n)", h.term)
        }
    }

    func obligation(_ label: String, _ goal: () throws(SortError) -> Term, _ hypotheses: [NamedTerm],
                    _ file: String, _ line: Int) throws(KernelError) -> Obligation {
        do {
            return Obligation(label: label, goal: try goal(), hypotheses: hypotheses, origin: SourceLocation(file: file, line: line))
        } catch {
            throw self.error("\(label): \(error.message)")
        }
    }
}
