import ClusterModel
import VCGen

/// A liveness proof in phases (Anvil's "phased invariants"): under a stable base spec, each phase
/// proves that its predicate eventually holds for good, assuming every earlier phase's predicate
/// always holds; the phases fold into `base ⊨ true ~> □(P1 ∧ ... ∧ Pn)`.
struct Phases {
    let base: Spec
    let proof: ClusterProof
    private let stable: Fact
    /// `base ⊨ true ~> □(P1 ∧ ... ∧ Pi)` for the phases so far.
    private(set) var reached: Fact?

    init(base: Spec, proof: ClusterProof) throws {
        self.base = base
        self.proof = proof
        stable = try ClusterProof.stability(of: base)
    }

    /// `P1 ∧ ... ∧ Pi`, the predicates of the phases so far.
    var established: TempPred? {
        guard case .leadsTo(_, .always(let p))? = reached?.claim else { return nil }
        return p
    }

    /// The spec the next phase is proved under: `base ∧ □(P1 ∧ ... ∧ Pi)`.
    var spec: Spec { established.map { base.assuming(.always($0)) } ?? base }

    /// `spec ⊨ □(P1 ∧ ... ∧ Pi)`, the earlier phases as an invariant of the current spec.
    var invariant: Fact {
        get throws {
            guard established != nil else { throw KernelError("Phases", "no phase has been established yet") }
            return try spec.entailsAssumption(spec.assumptions.count - 1)
        }
    }

    /// Adds a phase: `f` is `spec ⊨ true ~> □P` for the current `spec`.
    mutating func add(_ f: Fact) throws {
        guard case .leadsTo(.true, .always(let p)) = f.claim else {
            throw KernelError("Phases", "a phase must prove 'true ~> []P', got \(f.claim)")
        }
        guard let reached, let earlier = established else {
            try require(f.spec == base.formula, "the first phase must be proved under the base spec")
            self.reached = f
            return
        }
        try require(f.spec == spec.formula, "the phase must be proved under the spec of the earlier phases")
        // base ⊨ (true ∧ □earlier) ~> □P, then □earlier ~> □P, then true ~> □P.
        let unpacked = try Rules.unpackConditionsFromSpec(stable, f)
        let fromEarlier = try proof.reshaped(unpacked, from: .always(earlier), to: .always(p))
        let fromTrue = try Rules.leadsToTrans(reached, fromEarlier)
        self.reached = try Rules.leadsToAlwaysAnd(reached, fromTrue)
    }

    private func require(_ condition: Bool, _ message: String) throws {
        if !condition { throw KernelError("Phases", message) }
    }
}
