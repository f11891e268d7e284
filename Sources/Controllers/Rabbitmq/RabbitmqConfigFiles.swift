/// The files of a RabbitMQ cluster's config maps and secrets, generated from its RabbitmqCluster:
/// the enabled plugins, the operator's server defaults, the user's configuration, and the default
/// user's credentials.
public enum RabbitmqConfigFiles {
    /// `enabled_plugins`: Kubernetes peer discovery, Prometheus metrics and the management UI.
    public static let enabledPlugins = "[rabbitmq_peer_discovery_k8s,rabbitmq_prometheus,rabbitmq_management]."

    /// `operatorDefaults.conf` for the cluster `name` of `replicas` nodes: peer discovery through
    /// the Kubernetes API by host name, pause-minority partition handling, and the expected size.
    public static func operatorDefaults(name: Term, replicas: Term) throws(SortError) -> Term {
        try .apply(.strConcat, [
            """
            queue_master_locator = min-masters
            disk_free_limit.absolute = 2GB
            cluster_partition_handling = pause_minority
            cluster_formation.peer_discovery_backend = rabbit_peer_discovery_k8s
            cluster_formation.k8s.host = kubernetes.default
            cluster_formation.k8s.address_type = hostname

            """,
            "cluster_formation.target_cluster_size_hint = ", replicas.decimalString, "\n",
            "cluster_name = ", name, "\n",
        ])
    }

    /// The memory override every `userDefinedConfiguration.conf` starts with.
    public static let memoryOverride = "total_memory_available_override_value = 1717986919\n"

    /// `userDefinedConfiguration.conf`: the memory override, then the user's `additionalConfig`
    /// (an `Option<String>`), if any.
    public static func userDefinedConfiguration(additionalConfig: Term) throws(SortError) -> Term {
        try additionalConfig.unwrap(or: .string(memoryOverride)) { (extra) throws(SortError) in try Term.string(memoryOverride).concat(extra) }
    }

    /// The default user's name and password (fixed, as in Anvil's controller).
    public static let defaultUser = "user", defaultPassword = "changeme"

    /// `default_user.conf`: the default user, in RabbitMQ's configuration syntax.
    public static let defaultUserConf = "default_user = \(defaultUser)\ndefault_pass = \(defaultPassword)\n"
}
