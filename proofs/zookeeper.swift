import ClusterModel
import Controllers
import VCGen

/// The ZooKeeper controller's proof, so far: the invariants of the cluster with ZooKeeper's
/// controller and ensemble that phase M's chain through the size node's calls needs, each
/// `init ∧ □next ⊨ □inv`:
/// - every ZooKeeper request in flight names the ensemble of the reconcile that sent it, so no
///   other reconcile reaches cr's nodes;
/// - every stateful set stored or written has more than 0 replicas, so the ensemble of a stored
///   stateful set can serve (with its config map made).
/// `ZookeeperESR.esr` holds the rest of the ESR proof: its phases before M (every write of cr's
/// reconcile right, each object owned by cr or absent, no delete in flight) and the chain through
/// the node calls (`ZookeeperESR.nodeCalls`); the README's "The proofs today" says how far each
/// has been checked and what is still to build.
public enum zookeeper: ProofModule {
    public static let proofs: [any Proof] = [ZookeeperESR.requestsNameTheirEnsemble, ZookeeperESR.statefulSetsRun].map {
        $0.theorem { try ZookeeperESR.model.get() }
    }

    public static let mutants: [Mutant] = []
}
