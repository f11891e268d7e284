extension K8s.Kind {
    /// Kubernetes' name of the kind (`ConfigMap`, `ZookeeperCluster`).
    public var kubernetesName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The API group: `""` for the core group, `apps`, `rbac.authorization.k8s.io`, or `anvil.dev`
    /// for the custom resources.
    public var apiGroup: String {
        switch self {
        case .configMap, .secret, .service, .serviceAccount, .pod, .persistentVolumeClaim: return ""
        case .statefulSet, .daemonSet: return "apps"
        case .role, .roleBinding: return "rbac.authorization.k8s.io"
        case .zookeeperCluster, .rabbitmqCluster, .fluentBit, .fluentBitConfig, .simpleCR: return K8s.customResourceGroup
        }
    }

    /// `apiVersion` as objects carry it: `v1`, `apps/v1`, `anvil.dev/v1`.
    public var apiVersion: String { apiGroup.isEmpty ? "v1" : "\(apiGroup)/v1" }

    /// The resource name in URLs: the lower-case plural (`configmaps`, `zookeeperclusters`).
    public var resource: String { rawValue.lowercased() + "s" }

    /// Short names `kubectl` accepts (`cm`, `sts`, `zk`).
    public var shortNames: [String] {
        switch self {
        case .configMap: return ["cm"]
        case .service: return ["svc"]
        case .statefulSet: return ["sts"]
        case .daemonSet: return ["ds"]
        case .serviceAccount: return ["sa"]
        case .pod: return ["po"]
        case .persistentVolumeClaim: return ["pvc"]
        case .zookeeperCluster: return ["zk"]
        case .rabbitmqCluster: return ["rmq"]
        default: return []
        }
    }

    /// Whether the spec's fields sit at the top level of the Kubernetes object (a ConfigMap's
    /// `data`, a Role's `rules`) rather than under `spec`.
    public var specIsTopLevel: Bool {
        switch self {
        case .configMap, .secret, .serviceAccount, .role, .roleBinding: return true
        default: return false
        }
    }

    /// The kind named `name` (Kubernetes' kind name) in `apiVersion`, if the model has it.
    public init?(kubernetesName name: String, apiVersion: String? = nil) {
        guard let kind = Self.allCases.first(where: { $0.kubernetesName == name }),
              apiVersion == nil || apiVersion == kind.apiVersion else { return nil }
        self = kind
    }

    /// The kind served at `resource` (plural or short name) in `group`, if the model has it.
    public init?(resource: String, group: String) {
        guard let kind = Self.allCases.first(where: { $0.apiGroup == group && ($0.resource == resource || $0.shortNames.contains(resource)) })
        else { return nil }
        self = kind
    }
}

extension K8s {
    /// The API group of the custom resources.
    public static let customResourceGroup = "anvil.dev"
}
