/// Rules for reaching a state from which something holds forever (`p ~> []q`, `<>[]q`).
extension Rules {
    /// A leads-to whose target the next-state relation preserves leads to always.
    /// - Pre: spec |= []((q /\ next) => later(q)); spec |= []next; spec |= p ~> q
    /// - Post: spec |= p ~> []q
    /// - Anvil: leads_to_stable
    public static func leadsToStable(preserved: Fact, next nextFact: Fact, _ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToStable
        let spec = try rule.commonSpec([preserved, nextFact, f])
        let next = try rule.always(nextFact, "the next premise")
        let (p, q) = try rule.leadsTo(f, "the leads-to premise")
        try rule.expect(preserved.claim, equals: .always(.implies(q.and(next), .later(q))), "the preservation premise")
        return rule.fact(spec, .leadsTo(p, .always(q)))
    }

    /// Two always-targets from one source combine.
    /// - Pre: spec |= p ~> []q; spec |= p ~> []r
    /// - Post: spec |= p ~> [](q /\ r)
    /// - Anvil: leads_to_always_and (leads_to_always_combine)
    public static func leadsToAlwaysAnd(_ pq: Fact, _ pr: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToAlwaysAnd
        let spec = try rule.commonSpec([pq, pr])
        let (p, q) = try rule.leadsToAlways(pq, "premise 1")
        let (p2, r) = try rule.leadsToAlways(pr, "premise 2")
        try rule.expect(p2, equals: p, "the source of premise 2")
        return rule.fact(spec, .leadsTo(p, .always(q.and(r))))
    }

    /// Many always-targets from one source combine.
    /// - Pre: spec |= p ~> []q1; ...; spec |= p ~> []qn  (n >= 1)
    /// - Post: spec |= p ~> [](q1 /\ ... /\ qn)
    /// - Anvil: leads_to_always_and_n! (leads_to_always_combine_n!)
    public static func leadsToAlwaysAndN(_ facts: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToAlwaysAndN
        try rule.require(!facts.isEmpty, "needs at least one leads-to")
        let spec = try rule.commonSpec(facts)
        let (p, _) = try rule.leadsToAlways(facts[0], "premise 1")
        var qs: [TempPred] = []
        for (i, f) in facts.enumerated() {
            let (source, q) = try rule.leadsToAlways(f, "premise \(i + 1)")
            try rule.expect(source, equals: p, "the source of premise \(i + 1)")
            qs.append(q)
        }
        return rule.fact(spec, .leadsTo(p, .always(.and(qs))))
    }

    /// Two always-to-always leads-to combine.
    /// - Pre: spec |= []p1 ~> []q1; spec |= []p2 ~> []q2
    /// - Post: spec |= [](p1 /\ p2) ~> [](q1 /\ q2)
    /// - Anvil: always_leads_to_always_and (always_leads_to_always_combine)
    public static func alwaysLeadsToAlwaysAnd(_ first: Fact, _ second: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysLeadsToAlwaysAnd
        let spec = try rule.commonSpec([first, second])
        guard case .leadsTo(.always(let p1), .always(let q1)) = first.claim else {
            throw rule.error("premise 1 must be 'spec |= []p1 ~> []q1', got \(first.claim)")
        }
        guard case .leadsTo(.always(let p2), .always(let q2)) = second.claim else {
            throw rule.error("premise 2 must be 'spec |= []p2 ~> []q2', got \(second.claim)")
        }
        return rule.fact(spec, .leadsTo(.always(p1.and(p2)), .always(q1.and(q2))))
    }

    /// Two eventually-always facts give eventually-always of whatever they jointly entail.
    /// - Pre: spec |= <>[]p; spec |= <>[]q; p /\ q |= r
    /// - Post: spec |= <>[]r
    /// - Anvil: eventually_always_and (eventually_always_combine)
    public static func eventuallyAlwaysAnd(_ pFact: Fact, _ qFact: Fact, entailment: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.eventuallyAlwaysAnd
        let spec = try rule.commonSpec([pFact, qFact])
        let p = try rule.eventuallyAlways(pFact, "premise 1")
        let q = try rule.eventuallyAlways(qFact, "premise 2")
        try rule.expect(entailment.spec, equals: p.and(q), "the spec of premise 3")
        return rule.fact(spec, .eventually(.always(entailment.claim)))
    }

    /// Always-targets for every value of a finite domain combine into one.
    /// - Pre: spec |= p ~> []P(x) for every x  (x not free in spec or p); x ranges over a finite sort, or obligation: x = d1 \/ ... \/ x = dn
    /// - Post: spec |= p ~> [](\A x: P(x))
    /// - Anvil: leads_to_always_tla_forall
    public static func leadsToAlwaysTlaForall(_ f: Fact, over x: Variable, domain: [Term]? = nil,
                                              file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.leadsToAlwaysTlaForall
        let (p, body) = try rule.leadsToAlways(f, "the premise")
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec), ("p", p)])
        let covered = try finiteDomain(rule, x, domain, file, line)
        return rule.pending(f.spec, .leadsTo(p, .always(.tlaForall(x, body))), covered)
    }

    /// Eventually-always for every value of a finite domain combine into one.
    /// - Pre: spec |= <>[]P(x) for every x  (x not free in spec); x ranges over a finite sort, or obligation: x = d1 \/ ... \/ x = dn
    /// - Post: spec |= <>[](\A x: P(x))
    /// - Anvil: spec_entails_eventually_always_tla_forall
    public static func specEntailsEventuallyAlwaysTlaForall(_ f: Fact, over x: Variable, domain: [Term]? = nil,
                                                            file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.specEntailsEventuallyAlwaysTlaForall
        let body = try rule.eventuallyAlways(f, "the premise")
        try rule.quantifiable(x, notFreeIn: [("the spec", f.spec)])
        let covered = try finiteDomain(rule, x, domain, file, line)
        return rule.pending(f.spec, .eventually(.always(.tlaForall(x, body))), covered)
    }

    /// The finiteness premise: a finite sort, or a listed domain with an obligation that it covers every value.
    private static func finiteDomain(_ rule: RuleInfo, _ x: Variable, _ domain: [Term]?,
                                     _ file: String, _ line: Int) throws(KernelError) -> [Obligation] {
        guard let domain else {
            try rule.require(x.sort.isFinite, "\(x.name) ranges over \(x.sort), which is not finite; list a covering domain")
            return []
        }
        for d in domain {
            try rule.require(d.sort == x.sort, "domain value \(d) has sort \(d.sort), not \(x.sort)")
            try rule.require(!d.freeVariables.contains(x) && !d.freeVariables.contains { Variable.isStateName($0.name) },
                             "domain value \(d) mentions \(x.name) or a state variable")
        }
        let o = try rule.obligation("\(rule.swiftName) domain", { () throws(SortError) in
            var cases: [Term] = []
            for d in domain { cases.append(try x.term .== d) }
            return try Term.or(cases)
        }, [], file, line)
        return [o]
    }

    /// An invariant is reached from anywhere.
    /// - Pre: spec |= []q
    /// - Post: spec |= p ~> []q
    /// - Anvil: always_entails_leads_to_always
    public static func alwaysEntailsLeadsToAlways(_ f: Fact, from p: TempPred) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysEntailsLeadsToAlways
        return rule.fact(f.spec, .leadsTo(p, .always(try rule.always(f, "the premise"))))
    }

    /// An always-target is strengthened with an invariant.
    /// - Pre: spec |= []inv; spec |= p ~> []q1; q1 /\ inv |= q2
    /// - Post: spec |= p ~> []q2
    /// - Anvil: leads_to_always_enhance
    public static func leadsToAlwaysEnhance(invariant: Fact, _ f: Fact, entailment: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToAlwaysEnhance
        let spec = try rule.commonSpec([invariant, f])
        let inv = try rule.always(invariant, "premise 1")
        let (p, q1) = try rule.leadsToAlways(f, "premise 2")
        try rule.expect(entailment.spec, equals: q1.and(inv), "the spec of premise 3")
        return rule.fact(spec, .leadsTo(p, .always(entailment.claim)))
    }

    /// `TRUE ~> []p` and `<>[]p` are interchangeable (`reversed` goes from `<>[]p`).
    /// - Pre: spec |= TRUE ~> []p  (reversed: spec |= <>[]p)
    /// - Post: spec |= <>[]p  (reversed: spec |= TRUE ~> []p)
    /// - Anvil: true_leads_to_eventually_always_equality
    public static func trueLeadsToEventuallyAlwaysEquality(_ f: Fact, reversed: Bool = false) throws(KernelError) -> Fact {
        let rule = RuleInfo.trueLeadsToEventuallyAlwaysEquality
        if reversed { return rule.fact(f.spec, .leadsTo(.true, .always(try rule.eventuallyAlways(f, "the premise")))) }
        guard case .leadsTo(.true, .always(let p)) = f.claim else { throw rule.error("the premise must be 'spec |= TRUE ~> []p', got \(f.claim)") }
        return rule.fact(f.spec, .eventually(.always(p)))
    }

    /// An always-universal target gives each instance.
    /// - Pre: spec |= p ~> [](\A x: P(x))
    /// - Post: spec |= p ~> []P(t)
    /// - Anvil: forall_leads_to_always
    public static func forallLeadsToAlways(_ f: Fact, to t: Term) throws(KernelError) -> Fact {
        let rule = RuleInfo.forallLeadsToAlways
        let (p, all) = try rule.leadsToAlways(f, "the premise")
        let (x, body) = try rule.forall(all, "the premise's target")
        return rule.fact(f.spec, .leadsTo(p, .always(try rule.substitute(body, x, t))))
    }

    /// Eventually-always of a universal gives each instance.
    /// - Pre: spec |= <>[](\A x: P(x))
    /// - Post: spec |= <>[]P(t)
    /// - Anvil: eventually_always_tla_forall_unfold_ex
    public static func eventuallyAlwaysTlaForallUnfold(_ f: Fact, to t: Term) throws(KernelError) -> Fact {
        let rule = RuleInfo.eventuallyAlwaysTlaForallUnfold
        let (x, body) = try rule.forall(try rule.eventuallyAlways(f, "the premise"), "the premise's body")
        return rule.fact(f.spec, .eventually(.always(try rule.substitute(body, x, t))))
    }

    /// An always-target joins each witness of an existential always-target.
    /// - Pre: spec |= p ~> (\E x: []Q(x)); spec |= p ~> []r  (x not free in r)
    /// - Post: spec |= p ~> (\E x: [](Q(x) /\ r))
    /// - Anvil: leads_to_exists_always_and (leads_to_exists_always_combine)
    public static func leadsToExistsAlwaysAnd(_ pq: Fact, _ pr: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToExistsAlwaysAnd
        let spec = try rule.commonSpec([pq, pr])
        let (p, target) = try rule.leadsTo(pq, "premise 1")
        guard case .tlaExists(let x, .always(let q)) = target else {
            throw rule.error("the target of premise 1 must be '\\E x: []Q(x)', got \(target)")
        }
        let (p2, r) = try rule.leadsToAlways(pr, "premise 2")
        try rule.expect(p2, equals: p, "the source of premise 2")
        try rule.quantifiable(x, notFreeIn: [("r", r)])
        return rule.fact(spec, .leadsTo(p, .tlaExists(x, .always(q.and(r)))))
    }

    /// A leads-to an existential of preserved state predicates leads to one that holds forever.
    /// - Pre: spec |= p ~> (\E x: Q(x)); spec |= []next; spec |= []inv_j  (x not free in next or inv_j); obligation: Q(x)(s) /\ next(s,s') => Q(x)(s')
    /// - Post: spec |= p ~> (\E x: []Q(x))
    /// - Anvil: leads_to_exists_stable
    public static func leadsToExistsStable(_ f: Fact, next nextFact: Fact, using invariants: [Fact] = [],
                                           file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.leadsToExistsStable
        let spec = try rule.commonSpec([f, nextFact] + invariants)
        let (p, target) = try rule.leadsTo(f, "premise 1")
        let (x, q) = try preservedExistential(rule, target, nextFact, invariants, spec, file, line)
        return rule.pending(spec, .leadsTo(p, .tlaExists(x, .always(.lift(q.predicate)))), [q.obligation])
    }

    /// An existential of preserved state predicates holds forever for some witness.
    /// - Pre: spec |= \E x: Q(x); spec |= []next; spec |= []inv_j  (x not free in next or inv_j); obligation: Q(x)(s) /\ next(s,s') => Q(x)(s')
    /// - Post: spec |= \E x: []Q(x)
    /// - Anvil: entails_exists_stable
    public static func entailsExistsStable(_ f: Fact, next nextFact: Fact, using invariants: [Fact] = [],
                                           file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.entailsExistsStable
        let spec = try rule.commonSpec([f, nextFact] + invariants)
        let (x, q) = try preservedExistential(rule, f.claim, nextFact, invariants, spec, file, line)
        return rule.pending(spec, .tlaExists(x, .always(.lift(q.predicate))), [q.obligation])
    }

    /// Reads `\E x: Q(x)` with Q a state predicate, and builds the obligation that next preserves Q(x) for every x.
    private static func preservedExistential(_ rule: RuleInfo, _ target: TempPred, _ nextFact: Fact, _ invariants: [Fact],
                                             _ spec: TempPred, _ file: String, _ line: Int)
        throws(KernelError) -> (Variable, (predicate: StatePred, obligation: Obligation)) {
        let (x, body) = try rule.exists(target, "the existential")
        let q = try rule.liftedState(body, "the body of the existential")
        let next = try rule.liftedAction(try rule.always(nextFact, "the next premise"), "the next premise's body")
        try rule.quantifiable(x, notFreeIn: [("next", .liftAction(next))] + invariants.map { ("an invariant", $0.claim) })
        let sort = try rule.stateSort([.liftAction(next), .lift(q)])
        let s = Variable.state(sort).term, s2 = Variable.nextState(sort).term
        let hypotheses = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: true)
        let preserved = try rule.obligation("\(rule.swiftName) step", { () throws(SortError) in
            try q.at(s) && next.at(s, s2) ==> q.at(s2)
        }, hypotheses, file, line)
        return (x, (q, preserved))
    }
}
