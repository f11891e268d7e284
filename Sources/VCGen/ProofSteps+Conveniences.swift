/// Shorthands for the steps proof scripts take most: each builds the kernel rule's pending fact
/// and establishes it, so a script reads as the proof.
extension ProofSteps {
    /// `spec ⊨ □inv` by induction, using already established invariants.
    public func invariant(_ inv: StatePred, of spec: Spec, using invariants: [Fact] = [],
                          file: String = #filePath, line: Int = #line) throws -> Fact {
        try establish(Rules.initInvariant(init: spec.entailsInit, next: spec.entailsAlwaysNext, invariant: inv,
                                          using: invariants, file: file, line: line))
    }

    /// `spec ⊨ p ~> q` by WF1 on a weakly fair action (its fairness fact given), with the action's
    /// successor as the witness of enabledness.
    public func wf1(_ p: StatePred, _ q: StatePred, by fairness: Fact, of spec: Spec, using invariants: [Fact] = [],
                    witness: ((Term) throws(SortError) -> Term)? = nil,
                    file: String = #filePath, line: Int = #line) throws -> Fact {
        try establish(Rules.wf1(next: spec.entailsAlwaysNext, fairness: fairness, from: p, to: q, using: invariants,
                                witness: witness, file: file, line: line))
    }

    /// `spec ⊨ p2 ~> q2` from `spec ⊨ p1 ~> q1`, proving `□(p2 ⇒ p1)` and `□(q1 ⇒ q2)` from invariants.
    public func weaken(_ f: Fact, from p2: TempPred, to q2: TempPred, using invariants: [Fact],
                       file: String = #filePath, line: Int = #line) throws -> Fact {
        guard case .leadsTo(let p1, let q1) = f.claim else { throw KernelError("weaken", "expected a leads-to, got \(f.claim)") }
        let premise = try establish(Rules.invariantN(invariants, implies: p2.implies(p1), under: f.spec, file: file, line: line))
        let conclusion = try establish(Rules.invariantN(invariants, implies: q1.implies(q2), under: f.spec, file: file, line: line))
        return try Rules.leadsToWeaken(f, premise: premise, conclusion: conclusion)
    }
}
