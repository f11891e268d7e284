import ClusterModel
import Controllers
import VCGen

/// ESR of the FluentBitConfig controller: for every FluentBitConfig `cr`, if from some point on
/// `cr` stays as it is, then eventually the secret `<name>` holds `fluent-bit.conf` and
/// `parsers.conf` from `cr`, with the controller's labels, annotations and owner reference, for good:
///     init ∧ □next ∧ fairness ⊨ □desired(cr) ~> □matches(cr),
/// `matches` being the catalogue's `FluentBitConfigController.matches`. The controller is built on
/// `ManagedSteps` and keeps one object, so the proof is `ManagedObjectsESR` over its secret and phases.
/// ESR of the FluentBit controller, the same way over its five objects, given that its
/// configuration secret exists: `□(desired(cr) ∧ secret exists) ~> □matches(cr)`.
public enum fluentbit: ProofModule {
    static let correctModel = Result { try ClusterModel(reconciler: FluentBitConfigReconciler(), resourceKind: .fluentBitConfig) }

    /// The correct controller: the secret and the phases the proof is about.
    static let reconciler = FluentBitConfigReconciler()

    /// The secret `<name>`, as the correct controller makes and updates it.
    static let secret = ManagedObject(reconciler.secret, of: reconciler.steps, resourceKind: .fluentBitConfig, noun: "secret",
                                      name: { $0 })

    static let esrProof = ManagedObjectsESR(objects: [secret], reconcilePhases: ReconcilePhases(managedSteps: reconciler.steps),
                                          desiredState: FluentBitConfigController.matches)

    // MARK: The FluentBit controller

    /// FluentBit's cluster: users may also write secrets, so the configuration secret the theorem
    /// assumes can exist (no one else makes it in a one-controller model).
    static let fluentBitModel = Result {
        try ClusterModel(reconciler: FluentBitReconciler(), resourceKind: .fluentBit, userWritable: [.secret])
    }
    static let fluentBitReconciler = FluentBitReconciler()

    /// The FluentBit controller's five objects, in reconcile order, as the correct controller makes them.
    static let fluentBitObjects: [ManagedObject] = {
        let objects = fluentBitReconciler.objects
        func object(_ resource: ManagedResource, _ noun: String, suffix: String, fieldsFixedByName: [String] = []) -> ManagedObject {
            ManagedObject(resource, of: fluentBitReconciler.steps, resourceKind: .fluentBit, noun: noun,
                          name: { (n) throws(SortError) in try n.concat(.string(suffix)) }, fieldsFixedByName: fieldsFixedByName)
        }
        return [object(objects.serviceAccount, "service account", suffix: ""), object(objects.role, "role", suffix: "-role"),
                object(objects.roleBinding, "role binding", suffix: "-role-binding"), object(objects.service, "service", suffix: ""),
                object(objects.daemonSet, "daemon set", suffix: "", fieldsFixedByName: ["selector"])]
    }()

    /// The FluentBit proof over the five objects; the reconcile first gets the configuration secret
    /// (a kind it only reads), in its own phase `afterGetSecret`; its steps are proved phase by phase.
    static let fluentBitESR = ManagedObjectsESR(
        objects: fluentBitObjects,
        reconcilePhases: ReconcilePhases(managedSteps: fluentBitReconciler.steps, before: ["afterGetSecret"], splitSteps: true),
        desiredState: FluentBitController.matches, reads: [.secret],
        assumption: DesiredAssumption(name: "secret <spec.fluentBitConfigName> exists in cr's namespace") { (cr) throws(SortError) in
            [try FluentBitObjects.configSecretKey(cr)]
        })

    // MARK: Proofs and mutants

    /// FluentBitConfig: `spec ⊨ □desired(cr) ~> □matches(cr)`. FluentBit:
    /// `spec ⊨ □(desired(cr) ∧ its configuration secret exists) ~> □matches(cr)`.
    public static let proofs: [any Proof] = [
        esrProof.theorem { try correctModel.get() },
        fluentBitESR.theorem { try fluentBitModel.get() },
    ]

    public static let mutants: [Mutant] = esrProof.mutants(FluentBitConfigReconciler.Bug.allCases, describe: bugDescription,
                                                           breaks: breaks) { bug in
        try ClusterModel(reconciler: FluentBitConfigReconciler(bug: bug), resourceKind: .fluentBitConfig)
    } + fluentBitESR.mutants(FluentBitReconciler.Bug.allCases, describe: bugDescription, breaks: breaks) { bug in
        try ClusterModel(reconciler: FluentBitReconciler(bug: bug), resourceKind: .fluentBit, userWritable: [.secret])
    }

    /// Where each bug breaks the proof (checked there first): the phase and the failing case.
    static func breaks(_ bug: FluentBitConfigReconciler.Bug) -> ManagedObjectsESR.Breaks {
        switch bug {
        case .swapsTheFiles, .updateKeepsTheData: return .phase("D", at: "invariantN [continueReconcile, conjunct 1]")
        case .omitsTheOwnerReference: return .invariant(esrProof.belongToResources, at: "initInvariant step [continueReconcile, conjunct 1]")
        }
    }

    static func breaks(_ bug: FluentBitReconciler.Bug) -> ManagedObjectsESR.Breaks {
        switch bug {
        case .getsTheRoleKeyAfterTheSecret: return .invariant(fluentBitESR.reconcilePhases.pendingMatchesPhase, at: "initInvariant step [continueReconcile]")
        case .skipsTheRoleBinding: return .phase("M", at: "WF1 stay [continueReconcile, phase=cr's, at afterCreate(role)]")
        case .wrongRoleRules: return .phase("D", at: "invariantN [continueReconcile, phase=at afterGet(role), conjunct 1]")
        case .configVolumeNamesTheResource, .updateKeepsTheTemplate:
            return .phase("D", at: "invariantN [continueReconcile, phase=at afterGet(daemonSet), conjunct 1]")
        case .rewritesTheWholeServiceSpec: return .phase("M", at: "WF1 stay [continueReconcile, phase=cr's, at afterGet(service)]")
        case .createsTheDaemonSetWithoutGet: return .phase("M", at: "WF1 stay [continueReconcile, phase=cr's, at afterCreate(service)]")
        case .omitsTheOwnerReference:
            return .invariant(fluentBitESR.belongToResources, at: "initInvariant step [continueReconcile, phase=at afterGet(serviceAccount), conjunct 1]")
        case .errorTakenForDone: return .phase("M", at: "WF1 stay [continueReconcile, phase=cr's, at afterGet(daemonSet)]")
        }
    }

    static func bugDescription(_ bug: FluentBitConfigReconciler.Bug) -> String {
        switch bug {
        case .swapsTheFiles: return "the secret's two files are swapped"
        case .omitsTheOwnerReference: return "the secret is made without an owner reference"
        case .updateKeepsTheData: return "an update keeps the found secret's data"
        }
    }

    static func bugDescription(_ bug: FluentBitReconciler.Bug) -> String {
        switch bug {
        case .getsTheRoleKeyAfterTheSecret: return "FB-1: after the secret, the service account's get asks for the role's key"
        case .skipsTheRoleBinding: return "the role binding is never made"
        case .wrongRoleRules: return "the role lets the pods list pods instead of getting them"
        case .configVolumeNamesTheResource: return "the daemon set mounts a secret named after the resource, not its configuration"
        case .rewritesTheWholeServiceSpec: return "the service update rewrites the whole spec, the allocated cluster IP included"
        case .createsTheDaemonSetWithoutGet: return "the daemon set is created without a get"
        case .updateKeepsTheTemplate: return "an update keeps the found daemon set's pod template"
        case .omitsTheOwnerReference: return "the objects are made without an owner reference"
        case .errorTakenForDone: return "a daemon set not found ends the reconcile as done"
        }
    }
}
