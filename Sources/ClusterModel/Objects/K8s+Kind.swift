extension K8s {
    /// The kinds of object the model knows: ten built-in kinds and five custom resources.
    public enum Kind: String, CaseIterable, Sendable {
        case configMap, secret, service, statefulSet, daemonSet, serviceAccount, role, roleBinding, pod
        case persistentVolumeClaim, zookeeperCluster, rabbitmqCluster, fluentBit, fluentBitConfig, simpleCR

        /// Whether the kind is a custom resource (its updates must carry a resource version).
        public var isCustomResource: Bool {
            switch self {
            case .zookeeperCluster, .rabbitmqCluster, .fluentBit, .fluentBitConfig, .simpleCR: return true
            default: return false
            }
        }

        /// The record carried by this kind's `ObjectSpec` constructor.
        public var specDecl: DatatypeDecl {
            switch self {
            case .configMap: return K8s.configMapSpec
            case .secret: return K8s.secretSpec
            case .service: return K8s.serviceSpec
            case .statefulSet: return K8s.statefulSetSpec
            case .daemonSet: return K8s.daemonSetSpec
            case .serviceAccount: return K8s.serviceAccountSpec
            case .role: return K8s.roleSpec
            case .roleBinding: return K8s.roleBindingSpec
            case .pod: return K8s.podSpec
            case .persistentVolumeClaim: return K8s.persistentVolumeClaimSpec
            case .zookeeperCluster: return K8s.zookeeperClusterSpec
            case .rabbitmqCluster: return K8s.rabbitmqClusterSpec
            case .fluentBit: return K8s.fluentBitSpec
            case .fluentBitConfig: return K8s.fluentBitConfigSpec
            case .simpleCR: return K8s.simpleCRSpec
            }
        }

        /// The record carried by this kind's `ObjectStatus` constructor, for kinds that have a status.
        public var statusDecl: DatatypeDecl? {
            switch self {
            case .statefulSet: return K8s.statefulSetStatus
            case .daemonSet: return K8s.daemonSetStatus
            case .zookeeperCluster: return K8s.zookeeperClusterStatus
            default: return nil
            }
        }

        /// The kind as a term of sort `Kind`.
        public var term: Term {
            do { return try .enumCase(K8s.kind, rawValue) } catch { preconditionFailure("\(error)") }
        }
    }

    /// `Kind`: one constant per `K8s.Kind` case, in the same order.
    public static let kind = DatatypeDecl.enumeration("Kind", Kind.allCases.map(\.rawValue))

    /// Whether a `Kind` term names a custom resource.
    public static func isCustomResource(_ kind: Term) throws(SortError) -> Term {
        try .or(Kind.allCases.filter(\.isCustomResource).map { (k) throws(SortError) in try kind .== k.term })
    }
}
