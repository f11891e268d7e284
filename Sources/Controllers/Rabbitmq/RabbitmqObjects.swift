/// The ten objects the RabbitMQ controller manages for a RabbitmqCluster `<name>`, as
/// `ManagedResource`s in reconcile order: the headless service `<name>-nodes` (the nodes' peer
/// addresses), the client service `<name>-client`, the secrets `<name>-erlang-cookie` and
/// `<name>-default-user`, the config maps `<name>-plugins-conf` and `<name>-server-conf`, the
/// service account `<name>-server`, the role `<name>-peer-discovery` and its binding
/// `<name>-server`, and the stateful set `<name>-server` (in `RabbitmqObjects+StatefulSet`).
/// Each is built with the seeded bug, if any.
public struct RabbitmqObjects: Sendable {
    /// The seeded bug the objects are built with, if any.
    public let bug: RabbitmqReconciler.Bug?
    public init(bug: RabbitmqReconciler.Bug? = nil) { self.bug = bug }

    /// The local-state field holding the server config map's resource version (after its write).
    public static let serverConfigVersionField = "serverConfigMapResourceVersion"

    /// The managed resources, in reconcile order.
    public var resources: [ManagedResource] {
        [headlessService, clientService, erlangCookie, defaultUser, pluginsConfigMap, serverConfigMap, serviceAccount, role,
         roleBinding, statefulSet]
    }

    // MARK: Reading the custom resource

    /// The RabbitmqCluster spec of a custom resource (the zero spec for another kind).
    public static func spec(_ cr: Term) throws(SortError) -> Term { try ManagedResource.spec(cr, .rabbitmqCluster) }

    /// The CR's `spec.labels` plus `app: <name>` (the base label wins).
    public static func labels(_ cr: Term) throws(SortError) -> Term { try ManagedResource.labels(cr, adding: spec(cr)["labels"]) }

    /// `<name><suffix>`.
    static func name(_ cr: Term, _ suffix: String) throws(SortError) -> Term { try ManagedResource.name(cr).concat(.string(suffix)) }

    /// The metadata of a managed object `<name><suffix>`: the CR's labels and annotations.
    func metadata(_ cr: Term, suffix: String) throws(SortError) -> Term {
        try ManagedResource.metadata(cr, name: Self.name(cr, suffix), labels: Self.labels(cr), annotations: Self.spec(cr)["annotations"],
                                     owners: bug == .omitsTheOwnerReference ? [] : nil)
    }

    /// A managed object `<name><suffix>` of `kind` whose update overwrites `managedSpecFields`.
    private func object(_ id: String, _ kind: K8s.Kind, suffix: String, managedSpecFields: [String], keepsResourceVersionIn field: String? = nil,
                        make: @escaping @Sendable (_ cr: Term, _ metadata: Term) throws(SortError) -> Term) -> ManagedResource {
        let objects = self
        return ManagedResource(id, kind: kind, managedSpecFields: managedSpecFields, keepsResourceVersionIn: field,
                               name: { (cr) throws(SortError) in try Self.name(cr, suffix) }) { (cr, _) throws(SortError) in
            try make(cr, objects.metadata(cr, suffix: suffix))
        }
    }

    // MARK: Services

    /// `<name>-nodes`: headless, the Erlang port mapper and inter-node ports, not-ready pods
    /// published (nodes must find each other to form the cluster).
    public var headlessService: ManagedResource {
        service("headlessService", suffix: "-nodes", ports: [("epmd", 4369), ("cluster-rpc", 25672)], clusterIP: .some("None"))
    }

    /// `<name>-client`: AMQP, management and Prometheus ports; the cluster IP is the API server's.
    /// (RMQ-2: named `<name>`, it is the headless service of the resource `<name minus -nodes>`.)
    public var clientService: ManagedResource {
        service("clientService", suffix: bug == .clientServiceNamedLikeTheResource ? "" : "-client",
                ports: [("amqp", 5672), ("management", 15672), ("prometheus", 15692)])
    }

    private func service(_ id: String, suffix: String, ports: [(String, Int)], clusterIP: Term = .none(.string)) -> ManagedResource {
        let objects = self
        let overwritten = bug == .rewritesTheWholeServiceSpec ? K8s.serviceSpec.constructors[0].fields.map(\.name)
            : ManagedResource.serviceUpdateFields
        return ManagedResource.service(id, managedSpecFields: overwritten, name: { (cr) throws(SortError) in try Self.name(cr, suffix) }) {
            (cr, _) throws(SortError) in
            try ManagedResource.serviceObject(metadata: objects.metadata(cr, suffix: suffix), ports: ports.map { ($0.0, .int($0.1)) },
                                              selector: ManagedResource.baseLabels(cr), clusterIP: clusterIP,
                                              publishNotReadyAddresses: .some(true))
        }
    }

    // MARK: Secrets and config maps

    /// The Erlang cookie every node of the cluster shares. Anvil's controller writes a random
    /// 24-byte base64 string (its model: an uninterpreted constant the generator is trusted to
    /// return); here it is a fixed string derived from the resource's namespace and name, so every
    /// create writes the same cookie and a found cookie is always the one a create would write.
    public static func erlangCookie(_ cr: Term) throws(SortError) -> Term {
        try .apply(.strConcat, ["erlang-cookie-base64-24:", ManagedResource.namespace(cr), "/", ManagedResource.name(cr)])
    }

    /// `<name>-erlang-cookie`: `.erlang.cookie`. An update never rewrites the cookie (the nodes
    /// would stop trusting each other), only the metadata.
    public var erlangCookie: ManagedResource {
        object("erlangCookie", .secret, suffix: "-erlang-cookie", managedSpecFields: []) { (cr, metadata) throws(SortError) in
            try ManagedResource.dataObject(.secret, metadata: metadata, data: .stringMap([".erlang.cookie": Self.erlangCookie(cr)]))
        }
    }

    /// `<name>-default-user`: the default user's credentials, as a file and as separate keys.
    public var defaultUser: ManagedResource {
        object("defaultUser", .secret, suffix: "-default-user", managedSpecFields: ["data"]) { (_, metadata) throws(SortError) in
            try ManagedResource.dataObject(.secret, metadata: metadata, data: .stringMap([
                "default_user.conf": .string(RabbitmqConfigFiles.defaultUserConf),
                "username": .string(RabbitmqConfigFiles.defaultUser), "password": .string(RabbitmqConfigFiles.defaultPassword),
            ]))
        }
    }

    /// `<name>-plugins-conf`: `enabled_plugins`.
    public var pluginsConfigMap: ManagedResource {
        let plugins = bug == .wrongPluginsData ? "[rabbitmq_management]." : RabbitmqConfigFiles.enabledPlugins
        return object("pluginsConfigMap", .configMap, suffix: "-plugins-conf", managedSpecFields: ["data"]) { (_, metadata) throws(SortError) in
            try ManagedResource.dataObject(.configMap, metadata: metadata, data: .stringMap(["enabled_plugins": .string(plugins)]))
        }
    }

    /// `<name>-server-conf`: `operatorDefaults.conf` and `userDefinedConfiguration.conf`, and the
    /// user's `advanced.config` and `rabbitmq-env.conf` when given and not empty. Its resource
    /// version is kept, and the stateful set's pod template carries it, so a configuration change
    /// rolls the pods.
    public var serverConfigMap: ManagedResource {
        let bug = self.bug
        return object("serverConfigMap", .configMap, suffix: "-server-conf", managedSpecFields: ["data"],
                      keepsResourceVersionIn: Self.serverConfigVersionField) { (cr, metadata) throws(SortError) in
            let spec = try Self.spec(cr)
            func userConfig(_ field: String) throws(SortError) -> Term {
                try spec["rabbitmqConfig"].unwrap(or: .none(.string)) { (config) throws(SortError) in try config[field] }
            }
            let additional = try bug == .userConfigurationIgnored ? .none(.string) : userConfig("additionalConfig")
            var data = try Term.stringMap([
                "operatorDefaults.conf": RabbitmqConfigFiles.operatorDefaults(name: ManagedResource.name(cr), replicas: spec["replicas"]),
                "userDefinedConfiguration.conf": RabbitmqConfigFiles.userDefinedConfiguration(additionalConfig: additional),
            ])
            for (key, field) in [("advanced.config", "advancedConfig"), ("rabbitmq-env.conf", "envConfig")] {
                let entries = data
                data = try userConfig(field).unwrap(or: entries) { (text) throws(SortError) in
                    try .ite(text .== "", entries, entries.inserting(.string(key), text))
                }
            }
            return try ManagedResource.dataObject(.configMap, metadata: metadata, data: data)
        }
    }

    // MARK: Access to the Kubernetes API (peer discovery)

    /// `<name>-server`: the pods' service account, with its token mounted.
    public var serviceAccount: ManagedResource {
        object("serviceAccount", .serviceAccount, suffix: "-server", managedSpecFields: ["automountServiceAccountToken"]) {
            (_, metadata) throws(SortError) in try ManagedResource.serviceAccountObject(metadata: metadata, automount: .some(true))
        }
    }

    /// `<name>-peer-discovery`: reading endpoints (to find peers) and creating events.
    public var role: ManagedResource {
        object("role", .role, suffix: "-peer-discovery", managedSpecFields: ManagedResource.roleUpdateFields) { (_, metadata) throws(SortError) in
            try ManagedResource.roleObject(metadata: metadata, rules: [(["endpoints"], ["get"]), (["events"], ["create"])])
        }
    }

    /// `<name>-server`: the role bound to the service account.
    public var roleBinding: ManagedResource {
        object("roleBinding", .roleBinding, suffix: "-server", managedSpecFields: ManagedResource.roleBindingUpdateFields) {
            (cr, metadata) throws(SortError) in
            try ManagedResource.roleBindingObject(metadata: metadata, role: Self.name(cr, "-peer-discovery"),
                                                  serviceAccount: Self.name(cr, "-server"), namespace: ManagedResource.namespace(cr))
        }
    }
}
