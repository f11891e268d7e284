/// Entailment and propositional rules.
extension Rules {
    /// Every formula entails itself; with `entailsAndElim` this yields a spec's own conjuncts.
    /// - Pre: none
    /// - Post: p |= p
    /// - Anvil: (reflexivity of entails, used implicitly)
    public static func entailsSelf(_ p: TempPred) -> Fact {
        RuleInfo.entailsSelf.fact(p, p)
    }

    /// Two facts about one spec give their conjunction.
    /// - Pre: spec |= p; spec |= q
    /// - Post: spec |= p /\ q
    /// - Anvil: entails_and (if direction)
    public static func entailsAnd(_ p: Fact, _ q: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsAnd
        return rule.fact(try rule.commonSpec([p, q]), p.claim.and(q.claim))
    }

    /// Any number of facts about one spec give the conjunction of their claims, in order.
    /// - Pre: spec |= p1; ...; spec |= pn  (n >= 1)
    /// - Post: spec |= p1 /\ ... /\ pn
    /// - Anvil: entails_and_n!
    public static func entailsAndN(_ facts: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsAndN
        try rule.require(!facts.isEmpty, "needs at least one fact")
        return rule.fact(try rule.commonSpec(facts), .and(facts.map(\.claim)))
    }

    /// A spec that entails a conjunction entails each conjunct.
    /// - Pre: spec |= p1 /\ ... /\ pn
    /// - Post: spec |= pi
    /// - Anvil: entails_and (only-if direction)
    public static func entailsAndElim(_ f: Fact, conjunct i: Int) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsAndElim
        guard case .and(let ps) = f.claim else { throw rule.error("the premise must be a conjunction, got \(f.claim)") }
        try rule.require(ps.indices.contains(i), "no conjunct #\(i) in \(f.claim)")
        return rule.fact(f.spec, ps[i])
    }

    /// Facts about two specs combine into a fact about their conjunction.
    /// - Pre: spec1 |= p; spec2 |= q
    /// - Post: spec1 /\ spec2 |= p /\ q
    /// - Anvil: entails_and_across_specs
    public static func entailsAndAcrossSpecs(_ p: Fact, _ q: Fact) -> Fact {
        RuleInfo.entailsAndAcrossSpecs.fact(p.spec.and(q.spec), p.claim.and(q.claim))
    }

    /// The deduction theorem: an extra conjunct of the spec becomes the antecedent.
    /// - Pre: spec /\ p |= q
    /// - Post: spec |= p => q
    /// - Anvil: entails_implies
    public static func entailsImplies(_ f: Fact, spec: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsImplies
        guard let p = f.spec.conjuncts.last else { throw rule.error("the premise's spec has no conjuncts") }
        try rule.expect(f.spec, equals: spec.and(p), "the premise's spec")
        return rule.fact(spec, .implies(p, f.claim))
    }

    /// What holds also holds under any antecedent.
    /// - Pre: spec |= q
    /// - Post: spec |= p => q
    /// - Anvil: vacuous_implies
    public static func vacuousImplies(_ f: Fact, antecedent p: TempPred) -> Fact {
        RuleInfo.vacuousImplies.fact(f.spec, .implies(p, f.claim))
    }

    /// Modus ponens under a spec.
    /// - Pre: spec |= p => q; spec |= p
    /// - Post: spec |= q
    /// - Anvil: implies_apply
    public static func impliesApply(_ implication: Fact, _ antecedent: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.impliesApply
        let spec = try rule.commonSpec([implication, antecedent])
        let (p, q) = try rule.implication(implication.claim, "premise 1")
        try rule.expect(antecedent.claim, equals: p, "premise 2")
        return rule.fact(spec, q)
    }

    /// Entailment is transitive.
    /// - Pre: p |= q; q |= r
    /// - Post: p |= r
    /// - Anvil: entails_trans
    public static func entailsTrans(_ pq: Fact, _ qr: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsTrans
        if !qr.isValid { try rule.expect(qr.spec, equals: pq.claim, "the spec of premise 2") }
        return rule.fact(pq.spec, qr.claim)
    }

    /// An instance entails the existential.
    /// - Pre: none
    /// - Post: P(w) |= \E x: P(x)
    /// - Anvil: entails_exists_intro
    public static func entailsExistsIntro(_ x: Variable, _ body: TempPred, witness: Term) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsExistsIntro
        try rule.quantifiable(x, notFreeIn: [])
        return rule.fact(try rule.substitute(body, x, witness), .tlaExists(x, body))
    }

    /// FALSE implies anything.
    /// - Pre: none
    /// - Post: spec |= FALSE => p
    /// - Anvil: false_implies_anything
    public static func falseImpliesAnything(_ p: TempPred, under spec: TempPred = .true) -> Fact {
        RuleInfo.falseImpliesAnything.fact(spec, .implies(.false, p))
    }

    /// FALSE entails anything.
    /// - Pre: none
    /// - Post: FALSE |= p
    /// - Anvil: false_entails_anything
    public static func falseEntailsAnything(_ p: TempPred) -> Fact {
        RuleInfo.falseEntailsAnything.fact(.false, p)
    }

    /// An entailment between state- or action-level formulas, proved as one SMT obligation.
    /// - Pre: obligation: p1(s,s') /\ ... /\ pn(s,s') => q(s,s')  (p = p1 /\ ... /\ pn, each pi a named hypothesis)
    /// - Post: p |= q
    /// - Anvil: (a first-order entailment, proved by Verus/SMT)
    public static func stateEntails(_ p: TempPred, _ q: TempPred, file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.stateEntails
        let sort = try rule.stateSort([p, q])
        let s = Variable.state(sort).term, next = Variable.nextState(sort).term
        var hypotheses: [NamedTerm] = []
        for c in (p == .true ? [] : p.conjuncts) {
            hypotheses.append(NamedTerm(c.description, try c.actionTerm(s, next, rule: rule.swiftName)))
        }
        let goal = try q.actionTerm(s, next, rule: rule.swiftName)
        let o = try rule.obligation("stateEntails", { goal }, rule.uniquelyNamed(hypotheses), file, line)
        return rule.pending(p, q, [o])
    }

    /// A propositional tautology over temporal formulas holds always: each maximal subformula that is
    /// not a Boolean connective (`[]p`, `<>p`, `p ~> q`, a lifted predicate, ...) is an atom, and the
    /// Boolean skeleton over the atoms (equal subformulas, equal atoms) is one SMT obligation.
    /// - Pre: obligation: the Boolean skeleton of f (atoms as Bool variables) is valid
    /// - Post: |= []f
    /// - Anvil: (propositional reasoning, done implicitly by Verus/SMT)
    public static func tautology(_ f: TempPred, file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.tautology
        var atoms: [TempPred: Variable] = [:]
        func skeleton(_ p: TempPred) throws(SortError) -> Term {
            switch p {
            case .true: return .true
            case .false: return .false
            case .not(let q): return try !skeleton(q)
            case .and(let qs):
                var ts: [Term] = []
                for q in qs { ts.append(try skeleton(q)) }
                return try Term.and(ts)
            case .or(let qs):
                var ts: [Term] = []
                for q in qs { ts.append(try skeleton(q)) }
                return try Term.or(ts)
            case .implies(let a, let b): return try skeleton(a) ==> skeleton(b)
            default:
                if let v = atoms[p] { return v.term }
                let v = Variable("atom\(atoms.count)", .bool)
                atoms[p] = v
                return v.term
            }
        }
        let o = try rule.obligation("tautology", { () throws(SortError) in try skeleton(f) }, [], file, line)
        return rule.pending(.true, .always(f), [o])
    }
}
