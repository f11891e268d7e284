/// Stability: formulas that, once true, stay true. Valid stability facts (spec `TRUE`) let
/// conditions move between a stable spec and the premise of a leads-to.
extension Rules {
    /// FALSE is stable.
    /// - Pre: none
    /// - Post: |= stable(FALSE)
    /// - Anvil: false_is_stable
    public static func falseIsStable() -> Fact {
        RuleInfo.falseIsStable.fact(.true, .stable(.false))
    }

    /// TRUE is stable.
    /// - Pre: none
    /// - Post: |= stable(TRUE)
    /// - Anvil: true_is_stable
    public static func trueIsStable() -> Fact {
        RuleInfo.trueIsStable.fact(.true, .stable(.true))
    }

    /// Every `[]p` is stable.
    /// - Pre: none
    /// - Post: |= stable([]p)
    /// - Anvil: always_p_is_stable
    public static func alwaysPIsStable(_ p: TempPred) -> Fact {
        RuleInfo.alwaysPIsStable.fact(.true, .stable(.always(p)))
    }

    /// Every leads-to is stable.
    /// - Pre: none
    /// - Post: |= stable(p ~> q)
    /// - Anvil: leads_to_is_stable
    public static func leadsToIsStable(_ p: TempPred, _ q: TempPred) -> Fact {
        RuleInfo.leadsToIsStable.fact(.true, .stable(.leadsTo(p, q)))
    }

    /// Weak fairness is stable (it is the leads-to `[]ENABLED(a) ~> a`).
    /// - Pre: none
    /// - Post: |= stable(WF(a))
    /// - Anvil: leads_to_is_stable (weak_fairness is a leads-to)
    public static func weakFairnessIsStable(_ a: ActionPred) -> Fact {
        RuleInfo.weakFairnessIsStable.fact(.true, .stable(.weakFairness(a)))
    }

    /// A family of leads-to from one premise is stable.
    /// - Pre: none  (x not free in p)
    /// - Post: |= stable(\A x: (p ~> Q(x)))
    /// - Anvil: tla_forall_a_p_leads_to_q_a_is_stable
    public static func tlaForallAPLeadsToQAIsStable(_ p: TempPred, _ x: Variable, _ q: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaForallAPLeadsToQAIsStable
        try rule.quantifiable(x, notFreeIn: [("p", p)])
        return rule.fact(.true, .stable(.tlaForall(x, .leadsTo(p, q))))
    }

    /// A family of leads-to is stable.
    /// - Pre: none
    /// - Post: |= stable(\A x: (P(x) ~> Q(x)))
    /// - Anvil: tla_forall_a_p_a_leads_to_q_a_is_stable
    public static func tlaForallAPALeadsToQAIsStable(_ x: Variable, _ p: TempPred, _ q: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaForallAPALeadsToQAIsStable
        try rule.quantifiable(x, notFreeIn: [])
        return rule.fact(.true, .stable(.tlaForall(x, .leadsTo(p, q))))
    }

    /// A universal of stable formulas is stable (for example `\A i: WF(a(i))`).
    /// - Pre: |= stable(P(x)) for every x
    /// - Post: |= stable(\A x: P(x))
    /// - Anvil: tla_forall_a_p_a_leads_to_q_a_is_stable (generalised to any stable family)
    public static func tlaForallIsStable(_ f: Fact, over x: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaForallIsStable
        try rule.require(f.isValid, "the premise must be valid (spec TRUE), got spec \(f.spec)")
        guard case .stable(let p) = f.claim else { throw rule.error("the premise must be '|= stable(P(x))', got \(f.claim)") }
        try rule.quantifiable(x, notFreeIn: [])
        return rule.fact(.true, .stable(.tlaForall(x, p)))
    }

    /// The conjunction of two stable formulas is stable.
    /// - Pre: |= stable(p); |= stable(q)
    /// - Post: |= stable(p /\ q)
    /// - Anvil: stable_and
    public static func stableAnd(_ p: Fact, _ q: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.stableAnd
        let ps = try stableBodies(rule, [p, q])
        return rule.fact(.true, .stable(ps[0].and(ps[1])))
    }

    /// The conjunction of stable formulas is stable.
    /// - Pre: |= stable(p1); ...; |= stable(pn)  (n >= 1)
    /// - Post: |= stable(p1 /\ ... /\ pn)
    /// - Anvil: stable_and_n!
    public static func stableAndN(_ facts: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.stableAndN
        try rule.require(!facts.isEmpty, "needs at least one fact")
        return rule.fact(.true, .stable(.and(try stableBodies(rule, facts))))
    }

    private static func stableBodies(_ rule: RuleInfo, _ facts: [Fact]) throws(KernelError) -> [TempPred] {
        var ps: [TempPred] = []
        for (i, f) in facts.enumerated() {
            try rule.require(f.isValid, "premise \(i + 1) must be valid (spec TRUE), got spec \(f.spec)")
            guard case .stable(let p) = f.claim else { throw rule.error("premise \(i + 1) must be '|= stable(p)', got \(f.claim)") }
            ps.append(p)
        }
        return ps
    }

    /// A stable formula that holds now holds always.
    /// - Pre: |= stable(p)  (or spec |= stable(p)); spec |= p
    /// - Post: spec |= []p
    /// - Anvil: stable_to_always
    public static func stableToAlways(_ stable: Fact, _ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.stableToAlways
        let spec = try rule.commonSpec([stable, f])
        guard case .stable(let p) = stable.claim else { throw rule.error("premise 1 must be 'stable(p)', got \(stable.claim)") }
        try rule.expect(f.claim, equals: p, "premise 2")
        return rule.fact(spec, .always(p))
    }

    /// A condition assumed by a stable spec moves into the premise of a leads-to.
    /// - Pre: |= stable(spec); spec /\ c |= p ~> q
    /// - Post: spec |= (p /\ c) ~> q
    /// - Anvil: unpack_conditions_from_spec
    public static func unpackConditionsFromSpec(_ stable: Fact, _ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.unpackConditionsFromSpec
        try rule.require(stable.isValid, "premise 1 must be valid (spec TRUE), got spec \(stable.spec)")
        guard case .stable(let spec) = stable.claim else { throw rule.error("premise 1 must be '|= stable(spec)', got \(stable.claim)") }
        guard let c = f.spec.conjuncts.last else { throw rule.error("premise 2's spec has no conjuncts") }
        try rule.expect(f.spec, equals: spec.and(c), "the spec of premise 2")
        let (p, q) = try rule.leadsTo(f, "premise 2")
        return rule.fact(spec, .leadsTo(p.and(c), q))
    }

    /// A condition in the premise of a leads-to moves into the spec as an invariant.
    /// - Pre: spec |= (p /\ c) ~> q
    /// - Post: spec /\ []c |= p ~> q
    /// - Anvil: pack_conditions_to_spec
    public static func packConditionsToSpec(_ f: Fact, condition c: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.packConditionsToSpec
        let (pc, q) = try rule.leadsTo(f, "the premise")
        guard let (p, last) = pc.splitLastConjunct(), last == c else {
            throw rule.error("the premise must be 'spec |= (p /\\ \(c)) ~> q', got \(f.claim)")
        }
        return rule.fact(f.spec.and(.always(c)), .leadsTo(p, q))
    }
}
