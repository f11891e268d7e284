import Controllers
import VCGen

/// Basic invariants of the cluster state machine (network, etcd, controller runtime, built-in
/// controllers, failure injectors), each proved inductive with `initInvariant`, instantiated with
/// a small reconciler that reads its custom resource and creates a config map it owns.
public enum cluster_invariants: ProofModule {
    static let built = Result { try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig) }
        .mapError { SortError("the cluster model for the invariants cannot be built: \($0)") }
    /// The model; a failure to build it is reported by every proof that uses it, not a crash.
    static var model: ClusterModel { get throws(SortError) { try built.get() } }

    public static let proofs: [any Proof] = (ClusterInvariants.all + ClusterInvariants.onDemand).map { $0.theorem { try model } }
}
