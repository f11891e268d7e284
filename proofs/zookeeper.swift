import ClusterModel
import Controllers
import VCGen

/// The ZooKeeper controller's proof, so far: the invariants of the cluster with ZooKeeper's
/// controller and ensemble that phase M's chain through the size node's calls needs, each
/// `init ∧ □next ⊨ □inv`:
/// - every ZooKeeper request in flight names the ensemble of the reconcile that sent it, so no
///   other reconcile reaches cr's nodes;
/// - every stateful set stored or written has more than 0 replicas, so the ensemble of a stored
///   stateful set can serve (with its config map made);
/// - every stateful set, stored, sent or answered, has the claim templates made for the
///   ZookeeperCluster its owner reference names (when stored with that uid), and every scheduled or
///   running resource makes those its stored self makes (`ManagedObjectsESR.keepOwnerFixedFields`):
///   what phase M's update of a found stateful set, which keeps its claim templates, needs;
/// - every stateful set, stored, sent or answered, has the selector, service name and pod
///   management policy made for its owner's name (`ManagedObjectsESR.keepFixedFields`): the
///   same, for the fields an update keeps that only the name decides.
/// And its first liveness theorem: every reconcile ends, `running(k) ~> ¬running(k)` (by the
/// reconcile's rank: each step's request is answered, each answer taken, each step lowers it).
/// Then ESR's phases before M, from init (every write of cr's reconcile right, each object owned
/// by cr or absent, no delete in flight), and phase VII for the stateful set as a lemma.
/// `ZookeeperESR.esr` holds the rest of the ESR proof, the chain through the node calls
/// (`ZookeeperESR.nodeCalls`); the README's "The proofs today" says how far it has been checked
/// and what is still to build.
public enum zookeeper: ProofModule {
    static let invariants = [ZookeeperESR.requestsNameTheirEnsemble, ZookeeperESR.statefulSetsRun]
        + [ZookeeperESR.esr.keepFixedFields, ZookeeperESR.esr.keepOwnerFixedFields].compactMap { $0 }

    public static let proofs: [any Proof] = invariants.map { $0.theorem { try ZookeeperESR.model.get() } } + [reconcilesEnd(nil)]
        + [phasesBeforeM, statusWritesStop]

    /// ESR's phases before M, from init: `spec ⊨ □desired(cr) ~> □(every write of cr's reconcile
    /// in flight is right ∧ each object is owned by cr or absent ∧ no delete of one is in flight)`.
    static let phasesBeforeM = ZookeeperESR.esr.theorem(.phasesBeforeM) { try ZookeeperESR.model.get() }

    /// ESR's phase VII for the stateful set, the phases before it and the invariants given: the
    /// built-in controllers' status writes of it stop (it is absent, made, or stable with none in flight).
    static let statusWritesStop = ZookeeperESR.esr.lemma(from: "VII(stateful set)", through: "VII(stateful set)", goal: .objectsMade) {
        try ZookeeperESR.model.get()
    }

    /// Every reconcile ends (each of its steps proved phase by phase). When a step fails, runs of
    /// the sample ensemble that come back to a state are tried first as counterexamples.
    static func reconcilesEnd(_ bug: ZookeeperReconciler.Bug?) -> Theorem {
        ZookeeperESR.esrPhases.reconcilesEndTheorem(splitsSteps: true, candidates: { try simulatedRuns(bug) }) { try ZookeeperESR.model(bug) }
    }

    /// Eight runs of the sample ensemble, requests dropped and failed in their first 120 steps.
    static func simulatedRuns(_ bug: ZookeeperReconciler.Bug?) throws -> [LassoCandidate] {
        let simulation = try ControllerSimulation(ZookeeperController.entry, reconciler: ZookeeperReconciler(bug: bug))
        let resource = try KubernetesYAML.object(ZookeeperController.sampleYAML, kind: .zookeeperCluster)
        return try simulation.returningRuns(resource: resource, seeds: 0..<8, steps: 900, faults: [.drop, .apiError], faultSteps: 600, faultChance: 0.05)
    }

    /// The seeded bugs these theorems already reject. ZK-6 and ZK-7 write immutable fields of the
    /// stateful set from the user's labels, a controller that leaves out owner references makes
    /// objects no ZookeeperCluster owns (the ownership invariant every theorem here uses; Z3 runs
    /// out of time on its failing case, which is a failure, but a slow one), and a reconcile that waits in place for an answer that
    /// never comes never ends. Each is checked against the induction step of the invariant it
    /// breaks first, the invariants that one uses given (`stepLemma`), its failing case first, then
    /// against every theorem of the file (the check stops at the first that fails). Four more
    /// write an object not as made (wrong replicas, no config-map version, `zoo.cfg` without
    /// `conf`) or get the wrong key (FB-1's shape); the phases before M reject them (`breaksBeforeM`).
    /// Z3 runs out of rlimit on each failing case rather than finding a model: a failure, so a kill.
    /// The other seeded bugs wait for phase M and the ESR theorem.
    public static let mutants: [Mutant] = [
        mutant(.claimTemplateLabelsFromUserLabels, "ZK-6: the claim templates carry the user's labels, and updates overwrite them",
               breaks: ZookeeperESR.esr.keepOwnerFixedFields, at: afterGetStatefulSet),
        mutant(.selectorFromUserLabels, "ZK-7: the selector carries the user's labels, and updates overwrite it",
               breaks: ZookeeperESR.esr.keepFixedFields, at: afterGetStatefulSet),
        mutant(.omitsTheOwnerReference, "managed objects get no owner reference", breaks: ZookeeperESR.esr.belongToResources,
               at: "initInvariant step [continueReconcile, phase=at afterGet(headlessService), conjunct 1]"),
        mutant(.waitsInPlaceAfterAFailedGet, "a failed get of the stateful set is taken for no answer yet: the reconcile waits in place forever",
               breaks: nil, at: "WF1 progress [phase=at afterExistsStatefulSet]", showsCounterexample: true),
    ] + ZookeeperESR.esr.mutants([.getsTheWrongKey, .wrongReplicas, .omitsTheConfigMapVersion, .zooCfgIgnoresTheConf], goal: .phasesBeforeM,
                                 describe: describe, breaks: breaksBeforeM) { bug in try ZookeeperESR.model(bug) }

    /// Where a bug the phases before M reject breaks them (checked there first): a write of an
    /// object not as made fails phase D at the step after its get; FB-1's shape, a get of the wrong
    /// key, breaks the invariant that each phase waits on the get it names.
    static func breaksBeforeM(_ bug: ZookeeperReconciler.Bug) -> ManagedObjectsESR.Breaks? {
        switch bug {
        case .getsTheWrongKey:
            return .invariant(ZookeeperESR.esrPhases.pendingMatchesPhase,
                              at: "initInvariant step [continueReconcile]")
        case .wrongReplicas, .omitsTheConfigMapVersion: return .phase("D", at: "invariantN [continueReconcile, phase=at afterGet(statefulSet)")
        case .zooCfgIgnoresTheConf: return .phase("D", at: "invariantN [continueReconcile, phase=at afterGet(configMap)")
        default: return nil
        }
    }

    static func describe(_ bug: ZookeeperReconciler.Bug) -> String {
        switch bug {
        case .getsTheWrongKey: return "FB-1's shape: after the client service, the admin server service's get asks for the client service's key"
        case .wrongReplicas: return "the stateful set gets one replica too many"
        case .omitsTheConfigMapVersion: return "the pod template lacks the config map's resource version"
        case .zooCfgIgnoresTheConf: return "zoo.cfg is made from default settings, not the resource's conf"
        default: return bug.rawValue
        }
    }

    /// The induction step's case of a reconcile step on the stateful set's get answer.
    static let afterGetStatefulSet = "initInvariant step [continueReconcile, phase=at afterGet(statefulSet), conjunct 1]"

    /// `bug` checked against the step lemma of `breaks` (nil: "every reconcile ends" first), then
    /// every theorem, the case labelled `label` first in each step.
    static func mutant(_ bug: ZookeeperReconciler.Bug, _ description: String, breaks first: ClusterInvariant?, at label: String,
                       showsCounterexample: Bool = false) -> Mutant {
        let ordered = first.map { first in [first] + invariants.filter { $0 != first } } ?? invariants
        let theorems: [any Proof] = ordered.map { invariant in invariant.theorem { try ZookeeperESR.model(bug) } }
        return Mutant(bug.rawValue, bug: description, proofs: first == nil ? [reconcilesEnd(bug)] + theorems : theorems + [reconcilesEnd(bug)],
                      lemmas: first.map { [$0.stepLemma { try ZookeeperESR.model(bug) }] } ?? [],
                      showsCounterexample: showsCounterexample, failsAt: label)
    }
}
