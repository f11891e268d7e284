/// WF1: progress from weak fairness, with the state-level premises as SMT obligations.
extension Rules {
    /// WF1: from p, a weakly fair forward action that stays enabled leads to q. Established state
    /// invariants are named hypotheses (at s and s'; at s for enabledness). A witness w(s) for the
    /// successor (given, or read off a conjunct `s' = e` of forward) makes the enabledness
    /// obligation quantifier-free: p(s) => forward(s, w(s)); without one it has an existential that
    /// Z3 usually proves only with model-based quantifier instantiation. Progress leaves out next
    /// (Anvil's has it): a stronger premise, and its cases are forward's alone, not one per action.
    /// Stay may take the step not to be forward's (`stepIsNotForward`, a named hypothesis): a
    /// forward step from p reaches q by progress.
    /// - Pre: spec |= []next; spec |= WF(forward); spec |= []inv_j; obligations: WF1 stay p(s) /\ next(s,s') /\ ~forward(s,s') => p(s') \/ q(s'); WF1 progress p(s) /\ forward(s,s') => q(s'); WF1 enabled p(s) => ENABLED(forward)(s)
    /// - Post: spec |= p ~> q
    /// - Anvil: wf1
    public static func wf1(next nextFact: Fact, fairness: Fact, from p: StatePred, to q: StatePred, using invariants: [Fact] = [],
                           witness: ((Term) throws(SortError) -> Term)? = nil,
                           file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.wf1
        let spec = try rule.commonSpec([nextFact, fairness] + invariants)
        let next = try rule.liftedAction(try rule.always(nextFact, "the next premise"), "the next premise's body")
        guard case .weakFairness(let forward) = fairness.claim else {
            throw rule.error("the fairness premise must be 'spec |= WF(forward)', got \(fairness.claim)")
        }
        let sort = try rule.stateSort([.liftAction(next), .liftAction(forward), .lift(p), .lift(q)])
        let s = Variable.state(sort).term, s2 = Variable.nextState(sort).term
        let step = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: true)
        let here = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: false)
        let (stay, progress) = try stayAndProgress(rule, p, q, next, forward, s, s2, step, file, line)
        let enabled = try rule.obligation("WF1 enabled", { () throws(SortError) in
            guard let w = try witness?(s) ?? forward.successor(at: s) else { return try p.at(s) ==> forward.enabled(at: s) }
            guard w.sort == sort else { throw SortError("the witness has sort \(w.sort), not the state sort \(sort)") }
            return try p.at(s) ==> forward.at(s, w)
        }, here, file, line)
        return rule.pending(spec, .leadsTo(.lift(p), .lift(q)), [stay, progress, enabled])
    }

    /// WF1 with the fairness and enabledness premises replaced by "always p leads to forward".
    /// - Pre: spec |= []next; spec |= []p ~> forward; spec |= []inv_j; obligations: WF1 stay p(s) /\ next(s,s') /\ ~forward(s,s') => p(s') \/ q(s'); WF1 progress p(s) /\ forward(s,s') => q(s')
    /// - Post: spec |= p ~> q
    /// - Anvil: wf1_variant
    public static func wf1Variant(next nextFact: Fact, forward forwardFact: Fact, to q: StatePred, using invariants: [Fact] = [],
                                  file: String = #filePath, line: Int = #line) throws(KernelError) -> PendingFact {
        let rule = RuleInfo.wf1Variant
        let spec = try rule.commonSpec([nextFact, forwardFact] + invariants)
        let next = try rule.liftedAction(try rule.always(nextFact, "the next premise"), "the next premise's body")
        guard case .leadsTo(.always(.lift(let p)), .liftAction(let forward)) = forwardFact.claim else {
            throw rule.error("the forward premise must be 'spec |= []p ~> forward', got \(forwardFact.claim)")
        }
        let sort = try rule.stateSort([.liftAction(next), .liftAction(forward), .lift(p), .lift(q)])
        let s = Variable.state(sort).term, s2 = Variable.nextState(sort).term
        let step = try rule.invariantHypotheses(invariants, spec: spec, sort: sort, primed: true)
        let (stay, progress) = try stayAndProgress(rule, p, q, next, forward, s, s2, step, file, line)
        return rule.pending(spec, .leadsTo(.lift(p), .lift(q)), [stay, progress])
    }

    /// The name of stay's hypothesis that the step is not forward's (`~forward(s,s')`). A forward
    /// step from p reaches q by the progress obligation, so stay need not cover it; a case of stay
    /// that is the forward step itself (the same action on the same inputs) ends at once with it.
    public static let stepIsNotForward = "the step is not the fair action's"

    /// The two step obligations every WF1 form shares: p stays until q (on a step that is not
    /// forward's), and the forward step reaches q.
    private static func stayAndProgress(_ rule: RuleInfo, _ p: StatePred, _ q: StatePred, _ next: ActionPred, _ forward: ActionPred,
                                        _ s: Term, _ s2: Term, _ step: [NamedTerm], _ file: String, _ line: Int)
        throws(KernelError) -> (Obligation, Obligation) {
        let notForward: NamedTerm
        do { notForward = NamedTerm(stepIsNotForward, try !forward.at(s, s2)) } catch { throw rule.error("\(stepIsNotForward): \(error.message)") }
        let stay = try rule.obligation("WF1 stay", { () throws(SortError) in
            try p.at(s) && next.at(s, s2) ==> (p.at(s2) || q.at(s2))
        }, step + [notForward], file, line)
        let progress = try rule.obligation("WF1 progress", { () throws(SortError) in
            try p.at(s) && forward.at(s, s2) ==> q.at(s2)
        }, step, file, line)
        return (stay, progress)
    }
}
