import ClusterModel
import VCGen

/// A liveness proof in phases (Anvil's "phased invariants"): under a stable base spec, each phase
/// proves that its predicate eventually holds for good, assuming every earlier phase's predicate
/// always holds; the phases fold into `base ⊨ true ~> □(P1 ∧ ... ∧ Pn)`.
///
/// A lemma of such a proof takes its first phases as given: from phase K on it proves
/// `base ⊨ □A ~> □(A ∧ PK ∧ ... ∧ Pn)` with `A = P1 ∧ ... ∧ P(K-1)`. Each of its phases is proved
/// under the very spec the whole proof proves it under (`base ∧ □(P1 ∧ ... ∧ P(i-1))`), so the lemma
/// is the proof's own suffix, obligation for obligation: where the lemma fails, so does the proof.
struct Phases {
    let base: Spec
    let proof: ClusterProof
    private let stable: Fact
    /// Which phases are proved: all, those from a named one on, or none (collecting the predicates).
    let mode: Mode
    /// The predicates of the phases taken as given so far.
    private(set) var assumed: [TempPred] = []
    /// The names of the phases so far, given or proved.
    private(set) var names: [String] = []
    /// `base ⊨ true ~> □(P1 ∧ ... ∧ Pi)` for the phases so far (from `□A` in a lemma).
    private(set) var reached: Fact?
    /// The last phase a lemma proves (nil: the proof's last); the phases after it are left out.
    var last: String? = nil
    private var ended = false

    enum Mode: Sendable, Equatable {
        /// Every phase proved.
        case proving
        /// The phases before the one named are taken as given; it and those after it are proved.
        case assumingBefore(String)
        /// No phase proved: only their predicates collected, for a lemma's statement.
        case planning
    }

    init(base: Spec, proof: ClusterProof, mode: Mode = .proving) throws {
        self.base = base
        self.proof = proof
        self.mode = mode
        stable = try ClusterProof.stability(of: base)
    }

    /// `P1 ∧ ... ∧ Pi`, the predicates of the phases so far.
    var established: TempPred? {
        if case .leadsTo(_, .always(let p))? = reached?.claim { return p }
        return Self.conjunction(assumed)
    }

    /// `P1 ∧ ... ∧ Pn` built as the phases build it.
    static func conjunction(_ ps: [TempPred]) -> TempPred? {
        ps.first.map { first in ps.dropFirst().reduce(first) { $0.and($1) } }
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

    /// Whether phases are still taken as given (the next one is not proved).
    private var assuming: Bool {
        switch mode {
        case .proving: return false
        case .planning: return true
        case .assumingBefore: return !provingStarted
        }
    }
    private var provingStarted = false

    /// Adds the phase `name`, whose predicate is `target`: `prove(self)` gives `spec ⊨ true ~> □target`
    /// for the current `spec`, unless the phase is one taken as given.
    mutating func add(_ name: String, _ target: TempPred, _ prove: (Phases) throws -> Fact) throws {
        names.append(name)
        guard !ended else { return }
        if name == last { ended = true }
        if case .assumingBefore(let first) = mode, name == first { provingStarted = true }
        if assuming {
            assumed.append(target)
            return
        }
        let f = try prove(self)
        guard case .leadsTo(.true, .always(let p)) = f.claim else {
            throw KernelError("Phases", "phase \(name) must prove 'true ~> []P', got \(f.claim)")
        }
        try require(p == target, "phase \(name) proved '[]\(p)', not its declared '[]\(target)'")
        guard let earlier = established else {
            try require(f.spec == base.formula, "the first phase must be proved under the base spec")
            reached = f
            return
        }
        try require(f.spec == spec.formula, "phase \(name) must be proved under the spec of the earlier phases")
        // base ⊨ (true ∧ □earlier) ~> □P, then □earlier ~> □P.
        let unpacked = try Rules.unpackConditionsFromSpec(stable, f)
        let fromEarlier = try proof.reshaped(unpacked, from: .always(earlier), to: .always(p))
        if let reached {
            // true ~> □P, combined with true ~> □earlier.
            self.reached = try Rules.leadsToAlwaysAnd(reached, Rules.leadsToTrans(reached, fromEarlier))
        } else {
            // A lemma's first proved phase: □A ~> □A and □A ~> □P.
            reached = try Rules.leadsToAlwaysAnd(Rules.leadsToSelf(.always(earlier), under: base.formula), fromEarlier)
        }
    }

    /// The lemma's statement from phase `first` on (through `last`, if set), given the phases'
    /// predicates (`planning`): `base ⊨ □(P1 ∧ ... ∧ P(K-1)) ~> □(P1 ∧ ... ∧ Pn)`.
    func lemmaStatement(from first: String) throws -> Entailment {
        if let last, !names.contains(last) {
            throw KernelError("Phases", "no phase named '\(last)' (phases: \(names.joined(separator: ", ")))")
        }
        guard let k = names.firstIndex(of: first), k > 0, k < assumed.count, let all = Self.conjunction(assumed), let given = Self.conjunction(Array(assumed[..<k])) else {
            throw KernelError("Phases", "no phase named '\(first)' after the first and not after the last (phases: \(names.joined(separator: ", ")))")
        }
        return Entailment(spec: base.formula, claim: .leadsTo(.always(given), .always(all)))
    }

    private func require(_ condition: Bool, _ message: String) throws {
        if !condition { throw KernelError("Phases", message) }
    }
}
