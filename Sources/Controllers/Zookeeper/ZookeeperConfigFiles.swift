/// The files of a ZooKeeper ensemble's config map, generated from its ZookeeperCluster: `zoo.cfg`
/// (the server configuration, from the ports and `conf`), `env.sh` (what the image's start and
/// teardown scripts read: the headless domain, the ports, the cluster name) and two log4j files.
public enum ZookeeperConfigFiles {
    /// `zoo.cfg` for a ZookeeperCluster spec: `ZookeeperAPI.configHeader` (the fixed lines the
    /// ensemble requires), then `zooCfgSettings`.
    public static func zooCfg(_ spec: Term) throws(SortError) -> Term {
        try Term.string(ZookeeperAPI.configHeader).concat(zooCfgSettings([spec]))
    }

    /// The lines of `zoo.cfg` after its header: the metrics port, every `conf` setting, the admin
    /// server port and the dynamic configuration file. Opaque to proofs (`Definition`): they
    /// compare made config maps, never read them, and spelling out the numbers cost Z3 about 100 s
    /// in every step that mentions the made config map. The header stays outside, for the ZooKeeper
    /// API's check to read.
    static let zooCfgSettings = try! Definition("zooCfgSettings", [Variable("spec", .datatype(K8s.zookeeperClusterSpec))]) {
        (arguments) throws(SortError) in
        let conf = try arguments[0]["conf"], ports = try arguments[0]["ports"]
        var parts: [Term] = []
        func line(_ key: String, _ value: Term) throws(SortError) {
            parts += [.string(key + "="), value, "\n"]
        }
        try line("metricsProvider.httpPort", ports["metrics"].decimalString)
        for (key, field) in settings { try line(key, conf[field].decimalString) }
        try line("quorumListenOnAllIPs", .ite(conf["quorumListenOnAllIPs"], "true", "false"))
        try line("admin.serverPort", ports["adminServer"].decimalString)
        parts.append("dynamicConfigFile=/data/zoo.cfg.dynamic\n")
        return try .apply(.strConcat, parts)
    }

    /// The `zoo.cfg` keys of the integer `conf` settings, with their ZookeeperConfig fields.
    static let settings: [(key: String, field: String)] = [
        ("initLimit", "initLimit"), ("syncLimit", "syncLimit"), ("tickTime", "tickTime"),
        ("globalOutstandingLimit", "globalOutstandingLimit"), ("preAllocSize", "preAllocSize"), ("snapCount", "snapCount"),
        ("commitLogCount", "commitLogCount"), ("snapSizeLimitInKb", "snapSizeLimitInKb"), ("maxCnxns", "maxCnxns"),
        ("maxClientCnxns", "maxClientCnxns"), ("minSessionTimeout", "minSessionTimeout"),
        ("maxSessionTimeout", "maxSessionTimeout"), ("autopurge.snapRetainCount", "autoPurgeSnapRetainCount"),
        ("autopurge.purgeInterval", "autoPurgePurgeInterval"),
    ]

    /// `env.sh` for the ensemble `name` in `namespace`.
    public static func envSh(name: Term, namespace: Term, ports: Term) throws(SortError) -> Term {
        try envShDefinition([name, namespace, ports])
    }

    /// `env.sh`'s text, opaque to proofs as `zooCfgSettings` is (nothing reads it).
    static let envShDefinition = try! Definition("envSh", [Variable("name", .string), Variable("namespace", .string),
                                                          Variable("ports", .datatype(K8s.zookeeperPorts))]) {
        (arguments) throws(SortError) in
        let (name, namespace, ports) = (arguments[0], arguments[1], arguments[2])
        return try .apply(.strConcat, [
            "#!/usr/bin/env bash\n",
            "DOMAIN=", name, "-headless.", namespace, ".svc.cluster.local\n",
            "QUORUM_PORT=", ports["quorum"].decimalString, "\n",
            "LEADER_PORT=", ports["leaderElection"].decimalString, "\n",
            "CLIENT_HOST=", name, "-client\n",
            "CLIENT_PORT=", ports["client"].decimalString, "\n",
            "ADMIN_SERVER_HOST=", name, "-admin-server\n",
            "ADMIN_SERVER_PORT=", ports["adminServer"].decimalString, "\n",
            "CLUSTER_NAME=", name, "\n",
        ])
    }

    /// `log4j.properties`: everything from INFO up to the console.
    public static let log4j = log4jConfig(threshold: "INFO")

    /// `log4j-quiet.properties`: errors only, for the image's scripts.
    public static let log4jQuiet = log4jConfig(threshold: "ERROR")

    private static func log4jConfig(threshold: String) -> String {
        """
        zookeeper.root.logger=CONSOLE
        zookeeper.console.threshold=\(threshold)
        log4j.rootLogger=${zookeeper.root.logger}
        log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender
        log4j.appender.CONSOLE.Threshold=${zookeeper.console.threshold}
        log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout
        log4j.appender.CONSOLE.layout.ConversionPattern=%d{ISO8601} [myid:%X{myid}] - %-5p [%t:%C{1}@%L] - %m%n

        """
    }
}
