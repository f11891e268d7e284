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
    public static let proofs: [any Proof] = [esrProof.theorem { try correctModel.get() }]

    public static let mutants: [Mutant] = esrProof.mutants(FluentBitConfigReconciler.Bug.allCases, describe: bugDescription) { bug in
        try ClusterModel(reconciler: FluentBitConfigReconciler(bug: bug), resourceKind: .fluentBitConfig)
    }

    static func bugDescription(_ bug: FluentBitConfigReconciler.Bug) -> String {
        switch bug {
        case .swapsTheFiles: return "the secret's two files are swapped"
        case .omitsTheOwnerReference: return "the secret is made without an owner reference"
        case .updateKeepsTheData: return "an update keeps the found secret's data"
        }
    }
}
