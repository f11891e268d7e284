import ClusterModel
import VCGen

/// Every reconcile ends, as a theorem of its own: the first liveness property of a controller's
/// proof (Anvil's `lemma_from_some_state_to_arbitrary_next_state_to_reconcile_idle`, per key), and
/// the one a reconcile that loops forever breaks.
extension ReconcilePhases {
    /// `init ∧ □next ∧ fairness ⊨ running(k) ~> ¬running(k)` for every key `k`: a running reconcile
    /// ends (or the controller crashes), by `ClusterProof.reconcileEnds` on the rank, under the
    /// invariants it uses, proved from `init`. With `splitsSteps`, each reconcile step is proved
    /// phase by phase. `candidates` (for example simulated runs) are tried first when a step fails
    /// and its statement is searched for a counterexample.
    func reconcilesEndTheorem(splitsSteps: Bool = false, file: String = #filePath, line: Int = #line,
                              candidates: (@Sendable () throws -> [LassoCandidate])? = nil,
                              model: @escaping @Sendable () throws -> ClusterModel) -> Theorem {
        let k = Variable("k", .datatype(K8s.objectKey))
        @Sendable func stopped(_ model: ClusterModel) throws -> StatePred {
            try model.predicate("¬running(\(k.name))") { (s) throws(SortError) in try !s["ongoing"].hasKey(k.term) }
        }
        return Theorem("every reconcile ends: running(k) ~> ¬running(k)", file: file, line: line,
                       machine: { try model().machine }, candidates: candidates, statement: {
            let model = try model()
            let running = try model.predicate("running(\(k.name))") { (s) throws(SortError) in try s["ongoing"].hasKey(k.term) }
            return Entailment(spec: try model.spec().formula, claim: .lift(running) ~> .lift(try stopped(model)))
        }, proof: { steps in
            let model = try model()
            let spec = try model.spec()
            let proof = ClusterProof(model: model, steps: steps)
            typealias I = ClusterInvariants
            let uses = [I.pendingOrAnswerInFlight, I.pendingIsRequest, I.messageDirections, I.rpcIdsUnique, I.pendingFromItsReconcile]
            var bundle = InvariantBundle(model: model, spec: spec)
            try bundle.establish(uses, steps)
            let invariantFacts = try uses.map(bundle.fact)
            var base = spec.withoutInit
            for f in invariantFacts { base = base.assuming(f.claim) }
            let first = base.assumptions.count - invariantFacts.count
            let assumed = try invariantFacts.indices.map { try base.entailsAssumption(first + $0) }
            let splits = splitsSteps ? (try stepCases(model, key: k.term).map { [$0] } ?? []) : []
            let ends = try proof.reconcileEnds(k.term, rank: rank, maxRank: maxRank, in: base, using: assumed, stepSplits: splits)
            // The spec entails the base: its conjuncts other than init, and the invariants.
            let whole = Rules.entailsSelf(spec.formula)
            let parts = try (1..<spec.conjuncts.count).map { try Rules.entailsAndElim(whole, conjunct: $0) }
            return try Rules.entailsTrans(Rules.entailsAndN(parts + invariantFacts), ends)
        })
    }
}
