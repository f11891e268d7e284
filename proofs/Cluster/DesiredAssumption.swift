import ClusterModel
import VCGen

/// Objects an ESR theorem assumes stored for good besides its resource, stated as part of
/// `desired(cr)`: what the controller needs from its environment and only reads (FluentBit's
/// configuration secret, as Anvil's FluentBit theorem assumes). A reconcile's phases before its
/// first managed object get them (`ReconcilePhases.before`), and the gets are answered ok.
struct DesiredAssumption: Sendable {
    /// How the theorem's statement names it ("secret <spec.fluentBitConfigName> exists").
    let name: String
    /// The keys of the objects assumed stored, for the resource `cr`.
    let keys: @Sendable (_ cr: Term) throws(SortError) -> [Term]

    /// Whether every one of them is stored in the cluster state `s`.
    func holds(_ s: Term, _ cr: Term) throws(SortError) -> Term {
        try .and(keys(cr).map { (k) throws(SortError) in try ClusterModel.etcd(s).hasKey(k) })
    }
}
