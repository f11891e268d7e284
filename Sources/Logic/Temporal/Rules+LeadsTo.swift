/// The leads-to calculus (`p ~> q` means `[](p => <>q)`).
extension Rules {
    /// An implication that always holds is a leads-to.
    /// - Pre: spec |= [](p => q)
    /// - Post: spec |= p ~> q
    /// - Anvil: always_implies_to_leads_to
    public static func alwaysImpliesToLeadsTo(_ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysImpliesToLeadsTo
        let (p, q) = try rule.implication(try rule.always(f, "the premise"), "the premise's body")
        return rule.fact(f.spec, .leadsTo(p, q))
    }

    /// Everything leads to itself.
    /// - Pre: none
    /// - Post: spec |= p ~> p
    /// - Anvil: leads_to_self
    public static func leadsToSelf(_ p: TempPred, under spec: TempPred = .true) -> Fact {
        RuleInfo.leadsToSelf.fact(spec, .leadsTo(p, p))
    }

    /// A leads-to whose premise holds now gives eventually.
    /// - Pre: spec |= p; spec |= p ~> q
    /// - Post: spec |= <>q
    /// - Anvil: leads_to_apply
    public static func leadsToApply(_ p: Fact, _ pq: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToApply
        let spec = try rule.commonSpec([p, pq])
        let (from, to) = try rule.leadsTo(pq, "premise 2")
        try rule.expect(p.claim, equals: from, "premise 1")
        return rule.fact(spec, .eventually(to))
    }

    /// Leads-to is transitive.
    /// - Pre: spec |= p ~> q; spec |= q ~> r
    /// - Post: spec |= p ~> r
    /// - Anvil: leads_to_trans
    public static func leadsToTrans(_ pq: Fact, _ qr: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToTrans
        let spec = try rule.commonSpec([pq, qr])
        let (p, q) = try rule.leadsTo(pq, "premise 1")
        let (q2, r) = try rule.leadsTo(qr, "premise 2")
        try rule.expect(q2, equals: q, "the premise of premise 2")
        return rule.fact(spec, .leadsTo(p, r))
    }

    /// A chain of leads-to.
    /// - Pre: spec |= p1 ~> p2; spec |= p2 ~> p3; ...; spec |= p(n-1) ~> pn  (n >= 2 formulas)
    /// - Post: spec |= p1 ~> pn
    /// - Anvil: leads_to_trans_n!
    public static func leadsToTransN(_ chain: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToTransN
        try rule.require(!chain.isEmpty, "needs at least one leads-to")
        let spec = try rule.commonSpec(chain)
        let (first, firstTarget) = try rule.leadsTo(chain[0], "premise 1")
        var last = firstTarget
        for (i, f) in chain.enumerated().dropFirst() {
            let (p, q) = try rule.leadsTo(f, "premise \(i + 1)")
            try rule.expect(p, equals: last, "the premise of premise \(i + 1)")
            last = q
        }
        return rule.fact(spec, .leadsTo(first, last))
    }

    /// Leads-to is weakened by always-implications on both sides.
    /// - Pre: spec |= p1 ~> q1; spec |= [](p2 => p1); spec |= [](q1 => q2)
    /// - Post: spec |= p2 ~> q2
    /// - Anvil: leads_to_weaken
    public static func leadsToWeaken(_ f: Fact, premise: Fact, conclusion: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToWeaken
        let spec = try rule.commonSpec([f, premise, conclusion])
        let (p1, q1) = try rule.leadsTo(f, "premise 1")
        let (p2, p1b) = try rule.implication(try rule.always(premise, "premise 2"), "premise 2's body")
        let (q1b, q2) = try rule.implication(try rule.always(conclusion, "premise 3"), "premise 3's body")
        try rule.expect(p1b, equals: p1, "the consequent of premise 2")
        try rule.expect(q1b, equals: q1, "the antecedent of premise 3")
        return rule.fact(spec, .leadsTo(p2, q2))
    }

    /// A stronger premise leads to the same place.
    /// - Pre: spec |= p1 ~> q
    /// - Post: spec |= (p1 /\ p2) ~> q
    /// - Anvil: leads_to_weaken_premise (leads_to_weaken2)
    public static func leadsToWeakenPremise(_ f: Fact, with p2: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToWeakenPremise
        let (p1, q) = try rule.leadsTo(f, "the premise")
        return rule.fact(f.spec, .leadsTo(p1.and(p2), q))
    }

    /// Reach q /\ r, where q itself guarantees r ~> s.
    /// - Pre: spec |= p ~> (q /\ r); q |= r ~> s
    /// - Post: spec |= p ~> s
    /// - Anvil: leads_to_trans_with_entailed_leads_to
    public static func leadsToTransWithEntailedLeadsTo(_ f: Fact, _ g: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToTransWithEntailedLeadsTo
        let (p, qr) = try rule.leadsTo(f, "premise 1")
        let (r, s) = try rule.leadsTo(g, "premise 2")
        try rule.expect(qr, equals: g.spec.and(r), "the target of premise 1")
        return rule.fact(f.spec, .leadsTo(p, s))
    }

    /// Two sources with a common target.
    /// - Pre: spec |= p ~> r; spec |= q ~> r
    /// - Post: spec |= (p \/ q) ~> r
    /// - Anvil: or_leads_to (or_leads_to_combine)
    public static func orLeadsTo(_ pr: Fact, _ qr: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.orLeadsTo
        let spec = try rule.commonSpec([pr, qr])
        let (p, r) = try rule.leadsTo(pr, "premise 1")
        let (q, r2) = try rule.leadsTo(qr, "premise 2")
        try rule.expect(r2, equals: r, "the target of premise 2")
        return rule.fact(spec, .leadsTo(p.or(q), r))
    }

    /// Many sources with a common target.
    /// - Pre: spec |= p1 ~> r; ...; spec |= pn ~> r  (n >= 1)
    /// - Post: spec |= (p1 \/ ... \/ pn) ~> r
    /// - Anvil: or_leads_to_n! (or_leads_to_combine_n!)
    public static func orLeadsToN(_ facts: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.orLeadsToN
        try rule.require(!facts.isEmpty, "needs at least one leads-to")
        let spec = try rule.commonSpec(facts)
        let (_, r) = try rule.leadsTo(facts[0], "premise 1")
        var ps: [TempPred] = []
        for (i, f) in facts.enumerated() {
            let (p, target) = try rule.leadsTo(f, "premise \(i + 1)")
            try rule.expect(target, equals: r, "the target of premise \(i + 1)")
            ps.append(p)
        }
        return rule.fact(spec, .leadsTo(.or(ps), r))
    }

    /// A leads-to framed by a disjunct on both sides.
    /// - Pre: spec |= p ~> q
    /// - Post: spec |= (p \/ r) ~> (q \/ r)
    /// - Anvil: leads_to_framed_by_or
    public static func leadsToFramedByOr(_ f: Fact, _ r: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToFramedByOr
        let (p, q) = try rule.leadsTo(f, "the premise")
        return rule.fact(f.spec, .leadsTo(p.or(r), q.or(r)))
    }

    /// Chain two leads-to that may each end in the shortcut s.
    /// - Pre: spec |= p ~> (q \/ s); spec |= q ~> (r \/ s)
    /// - Post: spec |= p ~> (r \/ s)
    /// - Anvil: leads_to_shortcut (leads_to_shortcut_temp)
    public static func leadsToShortcut(_ first: Fact, _ second: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToShortcut
        let spec = try rule.commonSpec([first, second])
        let (p, qs) = try rule.leadsTo(first, "premise 1")
        let (q, rs) = try rule.leadsTo(second, "premise 2")
        guard let (q1, s1) = qs.splitLastDisjunct() else { throw rule.error("the target of premise 1 must be 'q \\/ s', got \(qs)") }
        guard let (_, s2) = rs.splitLastDisjunct() else { throw rule.error("the target of premise 2 must be 'r \\/ s', got \(rs)") }
        try rule.expect(q, equals: q1, "the premise of premise 2")
        try rule.expect(s2, equals: s1, "the shortcut of premise 2")
        return rule.fact(spec, .leadsTo(p, rs))
    }

    /// Leading to always q leads to q.
    /// - Pre: spec |= p ~> []q
    /// - Post: spec |= p ~> q
    /// - Anvil: leads_to_eliminate_always
    public static func leadsToEliminateAlways(_ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToEliminateAlways
        let (p, q) = try rule.leadsToAlways(f, "the premise")
        return rule.fact(f.spec, .leadsTo(p, q))
    }

    /// An entailment is a leads-to under any spec.
    /// - Pre: p |= q
    /// - Post: spec |= p ~> q
    /// - Anvil: entails_implies_leads_to
    public static func entailsImpliesLeadsTo(_ pq: Fact, under spec: TempPred = .true) -> Fact {
        RuleInfo.entailsImpliesLeadsTo.fact(spec, .leadsTo(pq.spec, pq.claim))
    }

    /// What holds now holds eventually.
    /// - Pre: spec |= p
    /// - Post: spec |= <>p
    /// - Anvil: entails_implies_eventually
    public static func entailsImpliesEventually(_ f: Fact) -> Fact {
        RuleInfo.entailsImpliesEventually.fact(f.spec, .eventually(f.claim))
    }

    /// An always-condition is carried along a leads-to.
    /// - Pre: spec |= p ~> q
    /// - Post: spec |= (p /\ []c) ~> (q /\ []c)
    /// - Anvil: leads_to_with_always
    public static func leadsToWithAlways(_ f: Fact, _ c: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToWithAlways
        let (p, q) = try rule.leadsTo(f, "the premise")
        return rule.fact(f.spec, .leadsTo(p.and(.always(c)), q.and(.always(c))))
    }

    /// An invariant may be dropped from the premise of a leads-to.
    /// - Pre: spec |= (p /\ inv) ~> q; spec |= []inv
    /// - Post: spec |= p ~> q
    /// - Anvil: leads_to_by_borrowing_inv
    public static func leadsToByBorrowingInv(_ f: Fact, invariant: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToByBorrowingInv
        let spec = try rule.commonSpec([f, invariant])
        let inv = try rule.always(invariant, "premise 2")
        let (pInv, q) = try rule.leadsTo(f, "premise 1")
        guard let (p, last) = pInv.splitLastConjunct(), last == inv else {
            throw rule.error("the premise of premise 1 must be 'p /\\ \(inv)', got \(pInv)")
        }
        return rule.fact(spec, .leadsTo(p, q))
    }

    /// A premise that contradicts an invariant leads anywhere.
    /// - Pre: spec |= []r; p /\ r |= FALSE
    /// - Post: spec |= p ~> q
    /// - Anvil: vacuous_leads_to
    public static func vacuousLeadsTo(_ invariant: Fact, contradiction: Fact, to q: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.vacuousLeadsTo
        let r = try rule.always(invariant, "premise 1")
        try rule.expect(contradiction.claim, equals: .false, "the claim of premise 2")
        guard let (p, last) = contradiction.spec.splitLastConjunct(), last == r else {
            throw rule.error("the spec of premise 2 must be 'p /\\ \(r)', got \(contradiction.spec)")
        }
        return rule.fact(invariant.spec, .leadsTo(p, q))
    }

    /// FALSE leads anywhere.
    /// - Pre: none
    /// - Post: spec |= FALSE ~> p
    /// - Anvil: false_leads_to_anything
    public static func falseLeadsToAnything(_ p: TempPred, under spec: TempPred = .true) -> Fact {
        RuleInfo.falseLeadsToAnything.fact(spec, .leadsTo(.false, p))
    }

    /// Eventually TRUE.
    /// - Pre: none
    /// - Post: spec |= <>TRUE
    /// - Anvil: eventually_true
    public static func eventuallyTrue(under spec: TempPred = .true) -> Fact {
        RuleInfo.eventuallyTrue.fact(spec, .eventually(.true))
    }
}
