extension K8s {
    /// `ZookeeperPorts {client, quorum, leaderElection, metrics, adminServer}`.
    public static let zookeeperPorts = DatatypeDecl.record("ZookeeperPorts", [
        .init("client", .int), .init("quorum", .int), .init("leaderElection", .int),
        .init("metrics", .int), .init("adminServer", .int),
    ])

    /// `ZookeeperConfig`: the `zoo.cfg` settings a ZookeeperCluster sets.
    public static let zookeeperConfig = DatatypeDecl.record("ZookeeperConfig", [
        "initLimit", "tickTime", "syncLimit", "globalOutstandingLimit", "preAllocSize", "snapCount",
        "commitLogCount", "snapSizeLimitInKb", "maxCnxns", "maxClientCnxns", "minSessionTimeout",
        "maxSessionTimeout", "autoPurgeSnapRetainCount", "autoPurgePurgeInterval",
    ].map { DatatypeDecl.Field($0, .int) } + [.init("quorumListenOnAllIPs", .bool)])

    /// `ZookeeperPersistence {enabled, storageSize, storageClassName}`.
    public static let zookeeperPersistence = DatatypeDecl.record("ZookeeperPersistence", [
        .init("enabled", .bool), .init("storageSize", .string), .init("storageClassName", .string),
    ])

    /// `ZookeeperClusterSpec`. `resources`, `affinity` and `tolerations` (each element) are opaque.
    public static let zookeeperClusterSpec = DatatypeDecl.record("ZookeeperClusterSpec", [
        .init("replicas", .int), .init("image", .string), .init("ports", .datatype(zookeeperPorts)),
        .init("conf", .datatype(zookeeperConfig)), .init("persistence", .datatype(zookeeperPersistence)),
        .init("resources", optionalString), .init("affinity", optionalString), .init("tolerations", strings),
        .init("nodeSelector", stringMap), .init("labels", stringMap), .init("annotations", stringMap),
    ])

    /// `ZookeeperClusterStatus {readyReplicas}`.
    public static let zookeeperClusterStatus = DatatypeDecl.record("ZookeeperClusterStatus", [
        .init("readyReplicas", .int),
    ])

    /// Admission rules of a ZookeeperCluster spec: at least three replicas (fewer cannot keep a
    /// quorum through one failure; Anvil's ZK-5 is what zero replicas did), `syncLimit ≥ 1` and
    /// `minSessionTimeout ≤ maxSessionTimeout`.
    public static let zookeeperClusterRules: [ValidationRule] = [
        ValidationRule("spec.replicas", "must be at least 3") { (spec) throws(SortError) in try spec["replicas"] >= 3 },
        ValidationRule("spec.conf.syncLimit", "must be at least 1") { (spec) throws(SortError) in try spec["conf"]["syncLimit"] >= 1 },
        ValidationRule("spec.conf.minSessionTimeout", "must not exceed spec.conf.maxSessionTimeout") { (spec) throws(SortError) in
            try spec["conf"]["minSessionTimeout"] <= spec["conf"]["maxSessionTimeout"]
        },
    ]

    /// Allowed changes of a ZookeeperCluster spec: ports and persistence are immutable.
    public static func zookeeperClusterTransitionIsValid(old: Term, new: Term) throws(SortError) -> Term {
        try .and([old["ports"] .== new["ports"], old["persistence"] .== new["persistence"]])
    }
}
