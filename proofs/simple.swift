import ClusterModel
import Controllers
import VCGen

/// ESR of the simple controller: for every SimpleCR `cr`, if from some point on `cr` stays as it is
/// (stored under its key with its uid and spec), then eventually the config map `<name>-data`
/// holds `cr`'s data, owned by `cr`, for good:
///     init ∧ □next ∧ fairness ⊨ □desired(cr) ~> □matches(cr).
/// The controller keeps one object, so the proof is `ManagedObjectsESR` (Anvil's phases) over the
/// config map, the controller's phase enumeration and its catalogue desired state.
public enum simple: ProofModule {
    static let correctModel = Result { try ClusterModel(reconciler: SimpleReconciler(), resourceKind: .simpleCR) }

    /// The config map `<name>-data` as the correct controller makes it: `cr`'s data, owned by
    /// `cr`; an update sets the found config map's data and owner references.
    static let configMap = ManagedObject(
        resourceKind: .simpleCR, kind: .configMap, noun: "config map",
        name: { (n) throws(SortError) in try n.concat("-data") },
        made: { (cr) throws(SortError) in
            let key = try SimpleReconciler.configMapKey(cr)
            return try K8s.Object.make(.configMap, metadata: K8s.meta(name: key["name"], namespace: key["namespace"],
                                                                      ownerReferences: [SimpleReconciler.ownerReference(cr)]),
                                       spec: .record(K8s.configMapSpec, ["data": SimpleReconciler.desiredData(cr)]))
        },
        managedMetadataFields: ["ownerReferences"],
        updated: { (cr, found) throws(SortError) in
            try found.with("metadata", found["metadata"].with("ownerReferences", .seq([SimpleReconciler.ownerReference(cr)],
                                                                                     of: .datatype(K8s.ownerReference))))
                .with("spec", K8s.spec(.configMap, .record(K8s.configMapSpec, ["data": SimpleReconciler.desiredData(cr)])))
        },
        isAt: { (local, phase) throws(SortError) in try local .== .enumCase(SimpleReconciler.phase, phase) })

    /// The reconcile's phase is its whole local state; its rank counts the steps left.
    static let phases = ReconcilePhases(phase: { $0 }, rank: { (phase) throws(SortError) in
        try .match(phase) { (p, _) throws(SortError) in
            switch p {
            case "initial": return 3
            case "afterGet": return 2
            case "afterCreate", "afterUpdate": return 1
            default: return 0
            }
        }
    }, maxRank: 3)

    static let esrProof = ManagedObjectsESR(objects: [configMap], reconcilePhases: phases, desiredState: SimpleController.matches)

    // MARK: Proofs and mutants

    /// `spec ⊨ □desired(cr) ~> □matches(cr)`.
    public static let proofs: [any Proof] = [esrProof.theorem { try correctModel.get() }]

    public static let mutants: [Mutant] = esrProof.mutants(SimpleReconciler.Bug.allCases, describe: bugDescription, breaks: breaks) { bug in
        try ClusterModel(reconciler: SimpleReconciler(bug: bug), resourceKind: .simpleCR)
    }

    /// Where each bug breaks the proof (checked there first).
    static func breaks(_ bug: SimpleReconciler.Bug) -> ManagedObjectsESR.Breaks {
        switch bug {
        case .skipsTheUpdate: return .phase("M", at: "WF1 stay [continueReconcile]")
        case .writesWrongData: return .phase("D", at: "invariantN [continueReconcile, conjunct 1]")
        case .omitsTheOwnerReference: return .invariant(esrProof.belongToResources, at: "initInvariant step [continueReconcile, conjunct 1]")
        }
    }

    static func bugDescription(_ bug: SimpleReconciler.Bug) -> String {
        switch bug {
        case .skipsTheUpdate: return "an existing config map is never updated"
        case .writesWrongData: return "the config map gets an extra entry"
        case .omitsTheOwnerReference: return "the config map is created without an owner reference"
        }
    }
}
