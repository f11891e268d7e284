import ClusterModel
import Controllers
import VCGen

/// ESR of the FluentBitConfig controller: for every FluentBitConfig `cr`, if from some point on
/// `cr` stays as it is, then eventually the secret `<name>` holds `fluent-bit.conf` and
/// `parsers.conf` from `cr`, with the controller's labels, annotations and owner reference, for good:
///     init ∧ □next ∧ fairness ⊨ □desired(cr) ~> □matches(cr),
/// `matches` being the catalogue's `FluentBitConfigController.matches`. The controller is built on
/// `ManagedSteps` and keeps one object, so the proof is `SingleObjectESR` over its secret and phases.
public enum fluentbit: ProofModule {
    /// The system under proof: the controller, or one of its seeded bugs.
    enum Variant: Sendable, Hashable {
        case correct
        case bug(FluentBitConfigReconciler.Bug)
    }

    static func model(_ variant: Variant) throws -> ClusterModel {
        switch variant {
        case .correct: return try correctModel.get()
        case .bug(let bug): return try ClusterModel(reconciler: FluentBitConfigReconciler(bug: bug), resourceKind: .fluentBitConfig)
        }
    }
    static let correctModel = Result { try ClusterModel(reconciler: FluentBitConfigReconciler(), resourceKind: .fluentBitConfig) }

    /// The correct controller: the secret and the phases the proof is about.
    static let reconciler = FluentBitConfigReconciler()

    /// The secret `<name>`, as the correct controller makes and updates it.
    static let secret = ManagedObject(reconciler.secret, of: reconciler.steps, resourceKind: .fluentBitConfig, noun: "secret",
                                      name: { $0 })

    static let esrProof = SingleObjectESR(object: secret, reconcilePhases: ReconcilePhases(managedSteps: reconciler.steps),
                                          desiredState: FluentBitConfigController.matches)

    // MARK: Proofs and mutants

    /// `spec ⊨ □desired(cr) ~> □matches(cr)`.
    static func esr(_ variant: Variant, file: String = #filePath, line: Int = #line) -> Theorem {
        esrProof.theorem(file: file, line: line) { try model(variant) }
    }

    public static let proofs: [any Proof] = [esr(.correct)]

    public static let mutants: [Mutant] = FluentBitConfigReconciler.Bug.allCases.map { bug in
        Mutant(bug.rawValue, bug: bugDescription(bug), proofs: [esr(.bug(bug))])
    }

    static func bugDescription(_ bug: FluentBitConfigReconciler.Bug) -> String {
        switch bug {
        case .swapsTheFiles: return "the secret's two files are swapped"
        case .omitsTheOwnerReference: return "the secret is made without an owner reference"
        case .updateKeepsTheData: return "an update keeps the found secret's data"
        }
    }
}
