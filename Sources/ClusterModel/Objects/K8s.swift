/// Kubernetes API objects as datatypes of the term language, with typed helpers to build and read them.
///
/// Every object is one `Object` record: its kind, metadata, a spec (one `ObjectSpec` constructor per
/// kind) and a status. The same terms serve the proofs (lowered to Z3) and the simulator (evaluated).
///
/// Fields whose inner structure no controller or proof inspects are kept as opaque strings: the
/// canonical JSON text of the Kubernetes value (`JSON.canonicalText`: compact, keys sorted), which
/// the REST codec writes as that value; `opaqueFields` lists them.
public enum K8s {
    /// The fields modelled as opaque strings (`Record.field`).
    public static let opaqueFields: [String] = [
        "Container.resources", "Container.readinessProbe", "Container.livenessProbe", "Container.securityContext",
        "PodSpec.affinity", "PodSpec.tolerations", "PodSpec.securityContext",
        "ZookeeperClusterSpec.resources", "ZookeeperClusterSpec.affinity", "ZookeeperClusterSpec.tolerations",
        "RabbitmqClusterSpec.resources", "RabbitmqClusterSpec.affinity", "RabbitmqClusterSpec.tolerations",
        "FluentBitSpec.resources", "FluentBitSpec.affinity", "FluentBitSpec.tolerations",
        "FluentBitSpec.securityContext", "FluentBitSpec.containerSecurityContext",
        "FluentBitSpec.livenessProbe", "FluentBitSpec.readinessProbe",
    ]

    static let stringMap = Sort.map(.string, .string)
    static let strings = Sort.seq(.string)
    static let optionalString = Sort.option(.string)
    static let optionalInt = Sort.option(.int)
    static let optionalBool = Sort.option(.bool)
}
