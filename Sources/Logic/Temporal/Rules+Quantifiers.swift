/// Rules for `\A` and `\E` over the values of a parameter.
///
/// A fact whose claim mentions a parameter `x` free holds for every value of `x`; the
/// introduction rules bind it, which is sound only when `x` is not free in the spec (checked).
extension Rules {
    /// A universal entails each instance.
    /// - Pre: none
    /// - Post: (\A x: P(x)) |= P(t)
    /// - Anvil: tla_forall_apply
    public static func tlaForallApply(_ x: Variable, _ body: TempPred, to t: Term) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaForallApply
        try rule.quantifiable(x, notFreeIn: [])
        return rule.fact(.tlaForall(x, body), try rule.substitute(body, x, t))
    }

    /// An always-universal gives each instance always.
    /// - Pre: spec |= [](\A x: P(x))
    /// - Post: spec |= []P(t)
    /// - Anvil: always_tla_forall_apply
    public static func alwaysTlaForallApply(_ f: Fact, to t: Term) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysTlaForallApply
        let (x, body) = try rule.forall(try rule.always(f, "the premise"), "the premise's body")
        return rule.fact(f.spec, .always(try rule.substitute(body, x, t)))
    }

    /// A universal fact gives each instance.
    /// - Pre: spec |= \A x: P(x)
    /// - Post: spec |= P(t)
    /// - Anvil: spec_entails_tla_forall_apply (use_tla_forall)
    public static func specEntailsTlaForallApply(_ f: Fact, to t: Term) throws(KernelError) -> Fact {
        let rule = RuleInfo.specEntailsTlaForallApply
        let (x, body) = try rule.forall(f.claim, "the premise")
        return rule.fact(f.spec, try rule.substitute(body, x, t))
    }

    /// A fact for an arbitrary x (free in the claim, not in the spec) holds for all x.
    /// - Pre: spec |= P(x) for every x  (x not free in spec)
    /// - Post: spec |= \A x: P(x)
    /// - Anvil: spec_entails_tla_forall
    public static func specEntailsTlaForall(_ f: Fact, over x: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.specEntailsTlaForall
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec)])
        return rule.fact(f.spec, .tlaForall(x, f.claim))
    }

    /// Invariants for an arbitrary x give the invariant for all x.
    /// - Pre: spec |= []P(x) for every x  (x not free in spec)
    /// - Post: spec |= [](\A x: P(x))
    /// - Anvil: spec_entails_always_tla_forall_equality
    public static func specEntailsAlwaysTlaForallEquality(_ f: Fact, over x: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.specEntailsAlwaysTlaForallEquality
        let body = try rule.always(f, "the premise")
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec)])
        return rule.fact(f.spec, .always(.tlaForall(x, body)))
    }

    /// `\A` and `[]` commute (`reversed` goes from `[](\A x: P(x))` to `\A x: []P(x)`).
    /// - Pre: spec |= \A x: []P(x)  (reversed: spec |= [](\A x: P(x)))
    /// - Post: spec |= [](\A x: P(x))  (reversed: spec |= \A x: []P(x))
    /// - Anvil: tla_forall_always_equality
    public static func tlaForallAlwaysEquality(_ f: Fact, reversed: Bool = false) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaForallAlwaysEquality
        if reversed {
            let (x, body) = try rule.forall(try rule.always(f, "the premise"), "the premise's body")
            return rule.fact(f.spec, .tlaForall(x, .always(body)))
        }
        guard case .tlaForall(let x, .always(let body)) = f.claim else {
            throw rule.error("the premise must be 'spec |= \\A x: []P(x)', got \(f.claim)")
        }
        return rule.fact(f.spec, .always(.tlaForall(x, body)))
    }

    /// A conjunct without x moves out of `\E x` (`reversed` moves it in).
    /// - Pre: spec |= \E x: (P(x) /\ q)  (reversed: spec |= (\E x: P(x)) /\ q); x not free in q
    /// - Post: spec |= (\E x: P(x)) /\ q  (reversed: spec |= \E x: (P(x) /\ q))
    /// - Anvil: tla_exists_and_equality
    public static func tlaExistsAndEquality(_ f: Fact, reversed: Bool = false) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaExistsAndEquality
        if reversed {
            guard let (e, q) = f.claim.splitLastConjunct() else { throw rule.error("the premise must be '(\\E x: P(x)) /\\ q', got \(f.claim)") }
            let (x, body) = try rule.exists(e, "the first conjunct")
            try rule.quantifiable(x, notFreeIn: [("q", q)])
            return rule.fact(f.spec, .tlaExists(x, body.and(q)))
        }
        let (x, body) = try rule.exists(f.claim, "the premise")
        guard let (p, q) = body.splitLastConjunct() else { throw rule.error("the premise must be '\\E x: (P(x) /\\ q)', got \(f.claim)") }
        try rule.quantifiable(x, notFreeIn: [("q", q)])
        return rule.fact(f.spec, TempPred.tlaExists(x, p).and(q))
    }

    /// A disjunct without x moves out of `\E x` (`reversed` moves it in).
    /// - Pre: spec |= \E x: (P(x) \/ q)  (reversed: spec |= (\E x: P(x)) \/ q); x not free in q
    /// - Post: spec |= (\E x: P(x)) \/ q  (reversed: spec |= \E x: (P(x) \/ q))
    /// - Anvil: tla_exists_or_equality
    public static func tlaExistsOrEquality(_ f: Fact, reversed: Bool = false) throws(KernelError) -> Fact {
        let rule = RuleInfo.tlaExistsOrEquality
        if reversed {
            guard let (e, q) = f.claim.splitLastDisjunct() else { throw rule.error("the premise must be '(\\E x: P(x)) \\/ q', got \(f.claim)") }
            let (x, body) = try rule.exists(e, "the first disjunct")
            try rule.quantifiable(x, notFreeIn: [("q", q)])
            return rule.fact(f.spec, .tlaExists(x, body.or(q)))
        }
        let (x, body) = try rule.exists(f.claim, "the premise")
        guard let (p, q) = body.splitLastDisjunct() else { throw rule.error("the premise must be '\\E x: (P(x) \\/ q)', got \(f.claim)") }
        try rule.quantifiable(x, notFreeIn: [("q", q)])
        return rule.fact(f.spec, TempPred.tlaExists(x, p).or(q))
    }

    /// An always-implication for an arbitrary x gives one to the universal.
    /// - Pre: spec |= [](p => Q(x)) for every x  (x not free in spec or p)
    /// - Post: spec |= [](p => \A x: Q(x))
    /// - Anvil: always_implies_forall_intro
    public static func alwaysImpliesForallIntro(_ f: Fact, over x: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysImpliesForallIntro
        let (p, q) = try rule.implication(try rule.always(f, "the premise"), "the premise's body")
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec), ("p", p)])
        return rule.fact(f.spec, .always(.implies(p, .tlaForall(x, q))))
    }

    /// Leads-to from every instance gives leads-to from the existential.
    /// - Pre: spec |= P(x) ~> q for every x  (x not free in spec or q)
    /// - Post: spec |= (\E x: P(x)) ~> q
    /// - Anvil: leads_to_exists_intro
    public static func leadsToExistsIntro(_ f: Fact, over x: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToExistsIntro
        let (p, q) = try rule.leadsTo(f, "the premise")
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec), ("q", q)])
        return rule.fact(f.spec, .leadsTo(.tlaExists(x, p), q))
    }

    /// Pointwise leads-to gives leads-to between the existentials.
    /// - Pre: spec |= P(x) ~> Q(x) for every x  (x not free in spec)
    /// - Post: spec |= (\E x: P(x)) ~> (\E x: Q(x))
    /// - Anvil: leads_to_exists_pointwise (leads_to_exists_intro2)
    public static func leadsToExistsPointwise(_ f: Fact, over x: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToExistsPointwise
        let (p, q) = try rule.leadsTo(f, "the premise")
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec)])
        return rule.fact(f.spec, .leadsTo(.tlaExists(x, p), .tlaExists(x, q)))
    }
}
