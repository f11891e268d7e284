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
///   what phase M's update of a found stateful set, which keeps its claim templates, needs.
/// `ZookeeperESR.esr` holds the rest of the ESR proof: its phases before M (every write of cr's
/// reconcile right, each object owned by cr or absent, no delete in flight) and the chain through
/// the node calls (`ZookeeperESR.nodeCalls`); the README's "The proofs today" says how far each
/// has been checked and what is still to build.
public enum zookeeper: ProofModule {
    static let invariants = [ZookeeperESR.requestsNameTheirEnsemble, ZookeeperESR.statefulSetsRun]
        + [ZookeeperESR.esr.keepOwnerFixedFields].compactMap { $0 }

    public static let proofs: [any Proof] = invariants.map { $0.theorem { try ZookeeperESR.model.get() } }

    /// ZK-6 (claim templates made from the user's labels, and overwritten by updates) breaks the
    /// claim-template invariant. The other seeded bugs wait for the ESR theorem.
    public static let mutants: [Mutant] = [
        Mutant(ZookeeperReconciler.Bug.claimTemplateLabelsFromUserLabels.rawValue,
               bug: "ZK-6: the claim templates carry the user's labels, and updates overwrite them",
               proofs: invariants.map { invariant in
                   invariant.theorem { try ZookeeperESR.model(.claimTemplateLabelsFromUserLabels) }
               }),
    ]
}
