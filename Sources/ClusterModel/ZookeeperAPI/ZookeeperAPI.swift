/// The ZooKeeper ensemble that a ZookeeperCluster runs, as its controller reaches it through the
/// client service: a tree of nodes, each with data and a version, and three requests (`exists`,
/// `create`, `setData`). It is the cluster's external system for the ZooKeeper controller.
///
/// A node's address is the ensemble's name and namespace, the **uid of the stateful set currently
/// stored under that name**, and the node's path; so a re-created stateful set starts with an empty
/// tree. Requests reach the ensemble only while it can serve them (`canServe`): the stateful set
/// exists with at least one replica, and its config map holds a ZooKeeper configuration.
///
/// Model limits (said in the README): the connection target (client service host and port) is not
/// modelled, since the ensemble is addressed by name; paths have at most `maxPathSegments` segments
/// (a deeper request fails), so a node's parent is computed without a quantifier; a node is never
/// deleted (the controller never deletes one).
public enum ZookeeperAPI {
    /// Model limit: the deepest path a request may name.
    public static let maxPathSegments = 3

    /// The version `setData` accepts as "any version", as in ZooKeeper (`-1`).
    public static let anyVersion = -1

    /// The lines every configuration file the controller writes begins with. The ensemble serves
    /// requests only when `zoo.cfg` starts with them. Anvil's model asks for more: that `zoo.cfg` is
    /// exactly the file generated from *some* valid ZookeeperCluster, an existential over every
    /// custom resource that neither the evaluator nor a quantifier-free query can decide. The fixed
    /// header is the checkable part of that condition: every generated file has it, so the two agree
    /// on every config map a controller built from the generator writes; they differ only on files
    /// that start with the header and then go wrong (which no actor in the model writes).
    public static let configHeader = """
        4lw.commands.whitelist=cons, envi, conf, crst, srvr, stat, mntr, ruok
        dataDir=/data
        standaloneEnabled=false
        reconfigEnabled=true
        skipACL=yes
        metricsProvider.className=org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider
        metricsProvider.exportJvmInfo=true

        """

    /// `ZookeeperError`: the failure of each request kind (`create` has two).
    public static let error = DatatypeDecl.enumeration("ZookeeperError", [
        "existsFailed", "createAlreadyExists", "createFailed", "setDataFailed",
    ])

    /// `ZookeeperRequest`: `exists(name, namespace, path)`, `create(name, namespace, path, data)`,
    /// `setData(name, namespace, path, data, version)`; `name` and `namespace` are the ensemble's
    /// (its ZookeeperCluster's), the path a sequence of segments.
    public static let request = DatatypeDecl("ZookeeperRequest", [
        .init("exists", [.init("name", .string), .init("namespace", .string), .init("path", .seq(.string))]),
        .init("create", [
            .init("name", .string), .init("namespace", .string), .init("path", .seq(.string)), .init("data", .string),
        ]),
        .init("setData", [
            .init("name", .string), .init("namespace", .string), .init("path", .seq(.string)), .init("data", .string),
            .init("version", .int),
        ]),
    ])

    /// `ZookeeperResponse`: `existsOk(version)` (`none` when the node is absent), `createOk`,
    /// `setDataOk`, or `failed(error)`.
    public static let response = DatatypeDecl("ZookeeperResponse", [
        .init("existsOk", [.init("version", .option(.int))]), .init("createOk"), .init("setDataOk"),
        .init("failed", [.init("error", .datatype(error))]),
    ])

    /// `ZookeeperNodeAddress {name, namespace, uid, path}`: `uid` is the stateful set's.
    public static let address = DatatypeDecl.record("ZookeeperNodeAddress", [
        .init("name", .string), .init("namespace", .string), .init("uid", .int), .init("path", .seq(.string)),
    ])

    /// `ZookeeperNode {data, version}`.
    public static let node = DatatypeDecl.record("ZookeeperNode", [.init("data", .string), .init("version", .int)])

    /// `Map<ZookeeperNodeAddress, ZookeeperNode>`: every node of every ensemble.
    public static let stateSort = Sort.map(.datatype(address), .datatype(node))

    /// The ZooKeeper API as the cluster's external system; no node exists at first.
    public static let system: ExternalSystem = {
        do {
            return try ExternalSystem(name: "zookeeper", requestSort: .datatype(request), responseSort: .datatype(response),
                                      stateSort: stateSort, initialState: .emptyMap(.datatype(address), .datatype(node)),
                                      handle: handle(request:state:etcd:outcome:))
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    // MARK: Builders

    /// `exists(name, namespace, path)`.
    public static func exists(name: Term, namespace: Term, path: Term) throws(SortError) -> Term {
        try .construct(request, "exists", [name, namespace, path])
    }

    /// `create(name, namespace, path, data)`.
    public static func create(name: Term, namespace: Term, path: Term, data: Term) throws(SortError) -> Term {
        try .construct(request, "create", [name, namespace, path, data])
    }

    /// `setData(name, namespace, path, data, version)`.
    public static func setData(name: Term, namespace: Term, path: Term, data: Term, version: Term) throws(SortError) -> Term {
        try .construct(request, "setData", [name, namespace, path, data, version])
    }

    /// The response `failed(code)`.
    public static func failed(_ code: String) throws(SortError) -> Term {
        try .construct(response, "failed", [.enumCase(error, code)])
    }

    /// The key of the stateful set an ensemble runs on, and of its config map (`<name>-configmap`).
    public static func statefulSetKey(name: Term, namespace: Term) throws(SortError) -> Term {
        try K8s.key(.statefulSet, namespace: namespace, name: name)
    }
    public static func configMapKey(name: Term, namespace: Term) throws(SortError) -> Term {
        try K8s.key(.configMap, namespace: namespace, name: name.concat("-configmap"))
    }
}
