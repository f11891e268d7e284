/// A controller the tools can run by name: its reconciler, the custom resource kind it serves,
/// and what "the cluster matches the custom resource" means for it.
public struct ControllerEntry: Sendable {
    /// An object the custom resource needs that this controller does not make (another
    /// controller's, or a user's), built from the custom resource and the prerequisites stored
    /// before it, as stored (with their uids).
    public typealias Prerequisite = @Sendable (_ resource: Term, _ stored: [Term]) throws -> Term

    /// The name the tools know it by (`anvil-sim rabbitmq`).
    public let name: String
    /// The kind of custom resource it reconciles.
    public let kind: K8s.Kind
    /// The correct reconciler.
    public let reconciler: any Reconciler
    /// The system it talks to besides the API server, if any.
    public let external: ExternalSystem?
    /// Bool term over the cluster state `s` and the stored custom resource `cr`.
    public let matches: @Sendable (_ s: Term, _ cr: Term) throws -> Term
    /// A sample custom resource, as Kubernetes YAML.
    public let sampleYAML: String
    /// The objects a simulation stores, in order, before the custom resource.
    public let prerequisites: [Prerequisite]

    /// An entry; by default the custom resource needs no prerequisites.
    public init(name: String, kind: K8s.Kind, reconciler: any Reconciler, external: ExternalSystem?,
                matches: @escaping @Sendable (_ s: Term, _ cr: Term) throws -> Term, sampleYAML: String, prerequisites: [Prerequisite] = []) {
        self.name = name
        self.kind = kind
        self.reconciler = reconciler
        self.external = external
        self.matches = matches
        self.sampleYAML = sampleYAML
        self.prerequisites = prerequisites
    }
}

/// The controllers `anvil-sim` runs by name.
public enum ControllerCatalogue {
    public static let all: [ControllerEntry] = [
        SimpleController.entry, ZookeeperController.entry, RabbitmqController.entry, FluentBitController.entry,
        FluentBitConfigController.entry,
    ]

    /// The entry named `name`, if any.
    public static func named(_ name: String) -> ControllerEntry? { all.first { $0.name == name } }
}
