/// A controller the tools can run by name: its reconciler, the custom resource kind it serves,
/// and what "the cluster matches the custom resource" means for it.
public struct ControllerEntry: Sendable {
    public let name: String
    public let kind: K8s.Kind
    public let reconciler: any Reconciler
    public let external: ExternalSystem?
    /// Bool term over the cluster state `s` and the stored custom resource `cr`.
    public let matches: @Sendable (_ s: Term, _ cr: Term) throws -> Term
    /// A sample custom resource, as Kubernetes YAML.
    public let sampleYAML: String
}

public enum ControllerCatalogue {
    public static let all: [ControllerEntry] = [SimpleController.entry, ZookeeperController.entry]

    public static func named(_ name: String) -> ControllerEntry? { all.first { $0.name == name } }
}
