/// Ranking arguments over a finite range of ranks: `P(k)` is the family `P` with its Int rank
/// variable `n` replaced by the literal `k`.
extension Rules {
    /// Stepping the rank down by one from every rank up to max reaches rank 0.
    /// - Pre: spec |= P(k) ~> P(k-1) for k = 1..max  (max >= 1)
    /// - Post: spec |= P(k) ~> P(0) for k = 0..max  (the k-th fact)
    /// - Anvil: leads_to_rank_step_one
    public static func leadsToRankStepOne(_ steps: [Fact], family p: TempPred, rank n: Variable) throws(KernelError) -> [Fact] {
        let rule = RuleInfo.leadsToRankStepOne
        try rule.require(n.sort == .int, "the rank \(n.name) must be an Int, got \(n.sort)")
        try rule.require(!steps.isEmpty, "needs at least one step (max >= 1)")
        let spec = try rule.commonSpec(steps)
        var ranks: [TempPred] = []
        for k in 0...steps.count { ranks.append(try rule.substitute(p, n, .int(k))) }
        for (i, f) in steps.enumerated() {
            try rule.expect(f.claim, equals: .leadsTo(ranks[i + 1], ranks[i]), "step \(i + 1)")
        }
        return ranks.map { rule.fact(spec, .leadsTo($0, ranks[0])) }
    }

    /// Stepping the rank up by one from every rank below max reaches max from anything that has a rank.
    /// - Pre: p |= P(0) \/ ... \/ P(max); spec |= P(k) ~> P(k+1) for k = 0..max-1  (max >= 1)
    /// - Post: spec |= p ~> P(max)
    /// - Anvil: leads_to_greater_until
    public static func leadsToGreaterUntil(cover: Fact, _ steps: [Fact], family p: TempPred, rank n: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToGreaterUntil
        try rule.require(n.sort == .int, "the rank \(n.name) must be an Int, got \(n.sort)")
        try rule.require(!steps.isEmpty, "needs at least one step (max >= 1)")
        let spec = try rule.commonSpec(steps)
        var ranks: [TempPred] = []
        for k in 0...steps.count { ranks.append(try rule.substitute(p, n, .int(k))) }
        for (i, f) in steps.enumerated() {
            try rule.expect(f.claim, equals: .leadsTo(ranks[i], ranks[i + 1]), "step \(i + 1)")
        }
        try rule.expect(cover.claim, equals: .or(ranks), "the claim of the cover premise")
        return rule.fact(spec, .leadsTo(cover.spec, ranks[steps.count]))
    }

    /// Stepping an unbounded Int rank down by one reaches rank 0 from every rank >= 0 (induction on the rank).
    /// - Pre: spec |= (P(n) /\ n > 0) ~> P(n-1) for every Int n  (n not free in spec)
    /// - Post: spec |= (P(n) /\ n >= 0) ~> P(0) for every Int n
    /// - Anvil: leads_to_rank_step_one
    public static func leadsToRankStepOneUnbounded(_ step: Fact, family p: TempPred, rank n: Variable) throws(KernelError) -> Fact {
        let rule = RuleInfo.leadsToRankStepOneUnbounded
        try rule.require(n.sort == .int, "the rank \(n.name) must be an Int, got \(n.sort)")
        try rule.quantifiable(n, notFreeIn: [("the spec", step.spec)])
        let sort = try rule.stateSort([p])
        try rule.require(!p.stateSorts.isEmpty, "the family must mention a state predicate, to fix the state sort")
        func bound(_ name: String, _ body: (Term) throws(SortError) -> Term) throws(KernelError) -> TempPred {
            do { return .lift(try StatePred(name, state: sort) { _ throws(SortError) in try body(n.term) }) } catch {
                throw rule.error(error.message)
            }
        }
        let positive = try bound("\(n.name) > 0") { (t) throws(SortError) in try t > 0 }
        let nonNegative = try bound("\(n.name) >= 0") { (t) throws(SortError) in try t >= 0 }
        let predecessor: Term
        do { predecessor = try n.term - 1 } catch { throw rule.error(error.message) }
        let below = try rule.substitute(p, n, predecessor)
        try rule.expect(step.claim, equals: .leadsTo(p.and(positive), below), "the premise's claim")
        return rule.fact(step.spec, .leadsTo(p.and(nonNegative), try rule.substitute(p, n, .int(0))))
    }
}
