import Controllers

/// Objects and requests for the tests, built from the zero value of each record.
enum Fixture {
    /// The zero value of a sort (`Sort.zeroValue`).
    static func zero(_ sort: Sort) -> Value { sort.zeroValue }

    /// The zero record of a datatype, as a term.
    static func zero(_ decl: DatatypeDecl) throws(SortError) -> Term { try .literal(zero(.datatype(decl)), sort: .datatype(decl)) }

    static func map(_ entries: [String: String]) throws(SortError) -> Term {
        var result = Term.emptyMap(.string, .string)
        for (k, v) in entries.sorted(by: { $0.key < $1.key }) { result = try result.inserting(.string(k), .string(v)) }
        return result
    }

    static func key(_ kind: K8s.Kind, _ name: String, namespace: String = "default") throws(SortError) -> Term {
        try K8s.key(kind, namespace: .string(namespace), name: .string(name))
    }

    static func meta(_ name: String?, generateName: String? = nil, namespace: String? = nil, rv: Int? = nil,
                     uid: Int? = nil, owners: [Term] = [], finalizers: [String] = []) throws(SortError) -> Term {
        try K8s.meta(name: name.map(Term.string), generateName: generateName.map(Term.string),
                     namespace: namespace.map(Term.string), resourceVersion: rv.map(Term.int), uid: uid.map(Term.int),
                     ownerReferences: owners, finalizers: finalizers.map(Term.string))
    }

    static func controllerRef(_ kind: K8s.Kind, _ name: String, uid: Int, controller: Bool = true) throws(SortError) -> Term {
        try K8s.ownerRef(kind: kind.term, name: .string(name), uid: .int(uid), controller: controller)
    }

    static func configMap(_ name: String?, data: [String: String] = ["k": "v"], generateName: String? = nil,
                          namespace: String? = nil, rv: Int? = nil, uid: Int? = nil, owners: [Term] = [],
                          finalizers: [String] = []) throws(SortError) -> Term {
        try K8s.Object.make(.configMap, metadata: meta(name, generateName: generateName, namespace: namespace, rv: rv,
                                                       uid: uid, owners: owners, finalizers: finalizers),
                            spec: .record(K8s.configMapSpec, ["data": map(data)]))
    }

    static func secret(_ name: String) throws(SortError) -> Term {
        try K8s.Object.make(.secret, metadata: meta(name), spec: .record(K8s.secretSpec, ["data": map(["k": "v"])]))
    }

    static func zookeeper(_ name: String, replicas: Int, clientPort: Int = 2181, rv: Int? = nil,
                          readyReplicas: Int? = nil) throws(SortError) -> Term {
        let spec = try zero(K8s.zookeeperClusterSpec)
        let ports = try zero(K8s.zookeeperPorts).with("client", .int(clientPort))
        let conf = try zero(K8s.zookeeperConfig).with("syncLimit", 2).with("minSessionTimeout", 4000)
            .with("maxSessionTimeout", 40000)
        let status = try readyReplicas.map { (n) throws(SortError) -> Term in
            try K8s.status(.zookeeperCluster, .record(K8s.zookeeperClusterStatus, ["readyReplicas": .int(n)]))
        } ?? K8s.noStatus
        return try K8s.Object.make(.zookeeperCluster, metadata: meta(name, rv: rv),
                                   spec: spec.with("replicas", .int(replicas)).with("ports", ports).with("conf", conf),
                                   status: status)
    }

    static func rabbitmq(_ name: String, replicas: Int, rv: Int? = nil) throws(SortError) -> Term {
        let spec = try zero(K8s.rabbitmqClusterSpec).with("replicas", .int(replicas))
            .with("podManagementPolicy", "Parallel")
        return try K8s.Object.make(.rabbitmqCluster, metadata: meta(name, rv: rv), spec: spec)
    }

    static func statefulSet(_ name: String, replicas: Int, serviceName: String = "svc", rv: Int? = nil) throws(SortError) -> Term {
        let spec = try zero(K8s.statefulSetSpec).with("replicas", .some(.int(replicas)))
            .with("serviceName", .string(serviceName)).with("selector", map(["app": name]))
        return try K8s.Object.make(.statefulSet, metadata: meta(name, rv: rv), spec: spec)
    }

    static func create(_ object: Term, namespace: String = "default") throws(SortError) -> Term {
        try APIServer.Request.create(namespace: .string(namespace), object: object)
    }

    static func update(_ name: String, _ object: Term, namespace: String = "default") throws(SortError) -> Term {
        try APIServer.Request.update(namespace: .string(namespace), name: .string(name), object: object)
    }
}
