/// A concrete execution offered to the lasso search as a counterexample to try, for example a
/// simulated run that came back to a state it had visited: its states, and for each step the
/// action taken with its inputs when known. The search reports it only when Z3 confirms it against
/// the statement with every state fixed (the spec's steps, fairness and claim checked as for any
/// lasso), so a candidate's source is not trusted.
public struct LassoCandidate: Sendable {
    public let lasso: Lasso
    /// For step `i` (from position `i` to its successor), the action and its inputs in the order
    /// the action declares them; nil where unknown (Z3 then finds the step).
    public let steps: [TakenStep?]
    /// Where the candidate came from, for the report ("a simulated run, seed 3").
    public let origin: String

    /// An action taken at one step, with its inputs.
    public struct TakenStep: Sendable, Hashable {
        public let action: String
        public let inputs: [Value]

        public init(action: String, inputs: [Value]) {
            self.action = action
            self.inputs = inputs
        }
    }

    public init(lasso: Lasso, steps: [TakenStep?], origin: String) {
        precondition(steps.count == lasso.count, "a candidate names one step per position")
        self.lasso = lasso
        self.steps = steps
        self.origin = origin
    }

    /// The lasso of a run's last return to a state it had visited: `states[i]` is the state
    /// before step `i` (`taken[i]`), and the run ends in `states.last`. Nil when no state recurs.
    /// A run that ends where nothing but stuttering is enabled returns to its last state
    /// (`endsStuttering`): its lasso loops there by a step left to the solver.
    public static func lastReturn(of states: [Value], taken: [TakenStep?], endsStuttering: Bool, origin: String) -> LassoCandidate? {
        precondition(taken.count == states.count - 1, "one step between each two states")
        guard let last = states.last else { return nil }
        if endsStuttering {
            return LassoCandidate(lasso: Lasso(prefix: Array(states.dropLast()), loop: [last]), steps: taken + [nil], origin: origin)
        }
        guard let start = states.dropLast().lastIndex(of: last) else { return nil }
        return LassoCandidate(lasso: Lasso(prefix: Array(states[..<start]), loop: Array(states[start..<(states.count - 1)])),
                              steps: taken, origin: origin)
    }

    /// The candidate without its prefix: the loop alone, an execution of any spec without an
    /// initial condition that the whole one satisfies when its steps and fairness are suffix-closed.
    public var loopOnly: LassoCandidate? {
        guard !lasso.prefix.isEmpty else { return nil }
        return LassoCandidate(lasso: Lasso(prefix: [], loop: lasso.loop), steps: Array(steps[lasso.prefix.count...]), origin: origin + ", its loop")
    }
}

extension LassoEncoding {
    /// The lasso's positions as values to put in place of the encoding's constants (the state
    /// after the last position is the loop's first): a query with them put in is mostly rewritten
    /// away by Z3's simplifier, where equalities would leave the whole step relation to search.
    public func substitution(for lasso: Lasso) throws(KernelError) -> [Variable: Term] {
        guard lasso.count == length else {
            throw KernelError("LassoEncoding", "the lasso has \(lasso.count) positions, the encoding \(length)")
        }
        return try checked("substitution") { () throws(SortError) in
            var map: [Variable: Term] = [loopStart: Term.int(lasso.prefix.count)]
            for (i, v) in (lasso.states + [lasso.loop[0]]).enumerated() { map[states[i]] = try Term.literal(v, sort: stateSort) }
            return map
        }
    }

    /// Constraints that make the symbolic lasso the candidate: its states, and at each step whose
    /// action is known, the choice of that action's disjunct in the step relation and its inputs
    /// (a step relation without labelled disjuncts is left to the solver).
    public func fixing(_ candidate: LassoCandidate) throws(KernelError) -> [Term] {
        var parts = try fixing(candidate.lasso)
        for (step, taken) in candidate.steps.enumerated() {
            guard let taken else { continue }
            for choice in stepChoices where choice.step == step {
                guard let j = choice.alternatives.firstIndex(where: { $0.label == taken.action }) else { continue }
                let bound = choice.alternatives[j].bound
                try checked("fixing") { () throws(SortError) in
                    parts.append(try choice.selector.term .== Term.int(j))
                    guard bound.count == taken.inputs.count else { return }
                    for (v, value) in zip(bound, taken.inputs) {
                        for w in stepWitnesses where w.step == step && w.bound == v {
                            parts.append(try w.constant.term .== Term.literal(value, sort: v.sort))
                        }
                    }
                }
            }
        }
        return parts
    }
}
