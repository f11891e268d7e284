/// Rules about `[]`, invariants and the next-state relation.
extension Rules {
    /// What always holds always holds one step later.
    /// - Pre: spec |= []p
    /// - Post: spec |= []later(p)
    /// - Anvil: always_to_always_later
    public static func alwaysToAlwaysLater(_ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysToAlwaysLater
        return rule.fact(f.spec, .always(.later(try rule.always(f, "the premise"))))
    }

    /// `[][]p` and `[]p` are interchangeable (`reversed` goes from `[]p` to `[][]p`).
    /// - Pre: spec |= [][]p  (reversed: spec |= []p)
    /// - Post: spec |= []p  (reversed: spec |= [][]p)
    /// - Anvil: always_double_equality
    public static func alwaysDoubleEquality(_ f: Fact, reversed: Bool = false) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysDoubleEquality
        let p = try rule.always(f, "the premise")
        if reversed { return rule.fact(f.spec, .always(.always(p))) }
        guard case .always = p else { throw rule.error("the premise must be 'spec |= [][]p', got \(f.claim)") }
        return rule.fact(f.spec, p)
    }

    /// `[]` distributes over conjunction (`reversed` collects `[]p1 /\ ... /\ []pn` into `[](p1 /\ ... /\ pn)`).
    /// - Pre: spec |= [](p1 /\ ... /\ pn)  (reversed: spec |= []p1 /\ ... /\ []pn)
    /// - Post: spec |= []p1 /\ ... /\ []pn  (reversed: spec |= [](p1 /\ ... /\ pn))
    /// - Anvil: always_and_equality
    public static func alwaysAndEquality(_ f: Fact, reversed: Bool = false) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysAndEquality
        if !reversed {
            guard case .always(.and(let ps)) = f.claim else { throw rule.error("the premise must be 'spec |= [](p1 /\\ ... /\\ pn)', got \(f.claim)") }
            return rule.fact(f.spec, .and(ps.map { .always($0) }))
        }
        guard case .and(let ps) = f.claim else { throw rule.error("the premise must be 'spec |= []p1 /\\ ... /\\ []pn', got \(f.claim)") }
        var inner: [TempPred] = []
        for p in ps {
            guard case .always(let q) = p else { throw rule.error("conjunct \(p) of the premise is not '[]p'") }
            inner.append(q)
        }
        return rule.fact(f.spec, .always(.and(inner)))
    }

    /// What always holds holds now.
    /// - Pre: spec |= []p
    /// - Post: spec |= p
    /// - Anvil: eliminate_always
    public static func eliminateAlways(_ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.eliminateAlways
        return rule.fact(f.spec, try rule.always(f, "the premise"))
    }

    /// `[]p` entails `p`.
    /// - Pre: none
    /// - Post: []p |= p
    /// - Anvil: always_entails_current
    public static func alwaysEntailsCurrent(_ p: TempPred) -> Fact {
        RuleInfo.alwaysEntailsCurrent.fact(.always(p), p)
    }

    /// An entailment lifts under `[]`.
    /// - Pre: p |= q
    /// - Post: []p |= []q
    /// - Anvil: entails_preserved_by_always
    public static func entailsPreservedByAlways(_ pq: Fact) -> Fact {
        RuleInfo.entailsPreservedByAlways.fact(.always(pq.spec), .always(pq.claim))
    }

    /// An invariant implies whatever it entails, always.
    /// - Pre: spec |= []p; p |= q
    /// - Post: spec |= []q
    /// - Anvil: always_weaken
    public static func alwaysWeaken(_ f: Fact, by pq: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysWeaken
        let p = try rule.always(f, "premise 1")
        if !pq.isValid { try rule.expect(pq.spec, equals: p, "the spec of premise 2") }
        return rule.fact(f.spec, .always(pq.claim))
    }

    /// An implication that always holds lifts to `[]`.
    /// - Pre: spec |= [](p => q)
    /// - Post: spec |= []([]p => []q)
    /// - Anvil: always_implies_preserved_by_always
    public static func alwaysImpliesPreservedByAlways(_ f: Fact) throws(KernelError) -> Fact {
        let rule = RuleInfo.alwaysImpliesPreservedByAlways
        let (p, q) = try rule.implication(try rule.always(f, "the premise"), "the premise's body")
        return rule.fact(f.spec, .always(.implies(.always(p), .always(q))))
    }

    /// Several invariants make one: `[](p1 /\ ... /\ pn)`.
    /// - Pre: spec |= []p1; ...; spec |= []pn  (n >= 1)
    /// - Post: spec |= [](p1 /\ ... /\ pn)
    /// - Anvil: entails_always_and_n!
    public static func entailsAlwaysAndN(_ facts: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.entailsAlwaysAndN
        try rule.require(!facts.isEmpty, "needs at least one fact")
        var ps: [TempPred] = []
        for (i, f) in facts.enumerated() { ps.append(try rule.always(f, "premise \(i + 1)")) }
        return rule.fact(try rule.commonSpec(facts), .always(.and(ps)))
    }

    /// The invariant rule: an inductive state predicate always holds. Established invariants may be
    /// used as named hypotheses (at s, and at s' in the step).
    /// - Pre: spec |= init; spec |= []next; spec |= []inv_j; obligations: init(s) => inv(s); inv(s) /\ next(s,s') => inv(s')
    /// - Post: spec |= []inv
    /// - Anvil: init_invariant
    public static func initInvariant(init initFact: Fact, next nextFact: Fact, invariant inv: StatePred, using invariants: [Fact] = [],
                                     file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.initInvariant
        let spec = try rule.commonSpec([initFact, nextFact] + invariants)
        let initial = try rule.liftedState(initFact.claim, "premise 1")
        let next = try rule.liftedAction(try rule.always(nextFact, "premise 2"), "premise 2's body")
        let sort = try rule.stateSort([.lift(initial), .liftAction(next), .lift(inv)])
        let s = Variable.state(sort).term, s2 = Variable.nextState(sort).term
        let base = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: false)
        let step = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: true)
        let holdsInitially = try rule.obligation("initInvariant init", { () throws(SortError) in
            try initial.at(s) ==> inv.at(s)
        }, base, file, line)
        let isInductive = try rule.obligation("initInvariant step", { () throws(SortError) in
            try inv.at(s) && next.at(s, s2) ==> inv.at(s2)
        }, step, file, line)
        return rule.pending(spec, .always(.lift(inv)), [holdsInitially, isInductive])
    }

    /// `[]next` strengthened with established state invariants, at both ends of each step.
    /// - Pre: spec |= []next; spec |= []inv_1; ...; spec |= []inv_n  (each inv_j state-level)
    /// - Post: spec |= [](next /\ inv_1 /\ inv_1' /\ ... /\ inv_n /\ inv_n')  (as one action predicate)
    /// - Anvil: strengthen_next
    public static func strengthenNext(_ nextFact: Fact, with invariants: [Fact]) throws(KernelError) -> Fact {
        let rule = RuleInfo.strengthenNext
        let spec = try rule.commonSpec([nextFact] + invariants)
        let next = try rule.liftedAction(try rule.always(nextFact, "premise 1"), "premise 1's body")
        let hypotheses = try rule.invariantHypotheses(invariants, spec: spec, sort: next.stateSort, primed: true)
        let name = ([next.name] + hypotheses.map(\.name)).joined(separator: " /\\ ")
        do {
            let stronger = try ActionPred(name: name, stateSort: next.stateSort, body: Term.and([next.body] + hypotheses.map(\.term)))
            return rule.fact(spec, .always(.liftAction(stronger)))
        } catch {
            throw rule.error(error.message)
        }
    }

    /// A state predicate that every step preserves is stable.
    /// - Pre: spec |= []next; spec |= []inv_j; obligation: p(s) /\ next(s,s') => p(s')
    /// - Post: spec |= stable(p)
    /// - Anvil: next_to_stable
    public static func nextToStable(next nextFact: Fact, _ p: StatePred, using invariants: [Fact] = [],
                                    file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.nextToStable
        let next = try rule.liftedAction(try rule.always(nextFact, "premise 1"), "premise 1's body")
        let sort = try rule.stateSort([.liftAction(next), .lift(p)])
        let s = Variable.state(sort).term, s2 = Variable.nextState(sort).term
        let spec = try rule.commonSpec([nextFact] + invariants)
        let hypotheses = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: true)
        let preserved = try rule.obligation("nextToStable step", { () throws(SortError) in
            try p.at(s) && next.at(s, s2) ==> p.at(s2)
        }, hypotheses, file, line)
        return rule.pending(spec, .stable(.lift(p)), [preserved])
    }

    /// Invariants (and `[]next`) that together imply a state- or action-level formula make it an
    /// invariant; a state-level premise is also a hypothesis at s'.
    /// - Pre: spec |= []p1; ...; spec |= []pn  (each action-level); obligation: p1(s,s') /\ ... /\ pn(s,s') => q(s,s')
    /// - Post: spec |= []q
    /// - Anvil: invariant_n! (always_weaken with entails_always_and_n! and always_to_always_later)
    public static func invariantN(_ premises: [Fact], implies q: TempPred, under spec: TempPred? = nil,
                                  file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.invariantN
        let common = try rule.commonSpec(premises)
        let target = spec ?? common
        try rule.require(common == .true || common == target, "the premises are about \(common), not \(target)")
        var bodies: [TempPred] = []
        for (i, f) in premises.enumerated() { bodies.append(try rule.always(f, "premise \(i + 1)")) }
        let sort = try rule.stateSort(bodies + [q])
        let s = Variable.state(sort).term, s2 = Variable.nextState(sort).term
        var hypotheses: [NamedTerm] = []
        for (i, p) in bodies.enumerated() {
            try rule.require(p.isActionLevel, "premise \(i + 1) must be an invariant of a state- or action-level formula, got \(p)")
            hypotheses.append(NamedTerm(p.description, try p.actionTerm(s, s2, rule: rule.swiftName)))
            if p.isStateLevel { hypotheses.append(NamedTerm(p.description + "'", try p.stateTerm(at: s2, rule: rule.swiftName))) }
        }
        let goal = try q.actionTerm(s, s2, rule: rule.swiftName)
        let o = try rule.obligation("invariantN", { goal }, rule.uniquelyNamed(hypotheses), file, line)
        return rule.pending(target, .always(q), [o])
    }
}
