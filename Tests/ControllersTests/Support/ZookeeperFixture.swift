import Controllers

/// Terms and values the ZooKeeper tests share: the sample custom resource as stored, the objects
/// the controller makes for it, and etcd contents around them.
enum ZookeeperFixture {
    static let objects = ZookeeperObjects()
    static let reconciler = ZookeeperReconciler()

    /// The catalogue's sample ZookeeperCluster (`default/zk`), as stored: rv 1, uid 1.
    static func sample(_ change: (Term) throws -> Term = { $0 }) throws -> Term {
        let cr = try KubernetesYAML.object(ZookeeperController.sampleYAML, kind: .zookeeperCluster)
        let stored = try cr.with("metadata", cr["metadata"].with("resourceVersion", .some(1)).with("uid", .some(1)))
        return try change(stored)
    }

    /// The sample with its spec changed by `change(spec)`.
    static func sample(changingSpec change: (Term) throws -> Term) throws -> Term {
        let cr = try sample()
        return try cr.with("spec", K8s.spec(.zookeeperCluster, change(ZookeeperObjects.spec(cr))))
    }

    /// The local state in `phase`, with the config map's resource version when given.
    static func local(_ phase: Term, configMapVersion: Int? = nil) throws -> Term {
        try reconciler.steps.localState(phase: phase, [
            ZookeeperObjects.configMapVersionField: configMapVersion.map { Term.some(.int($0)) } ?? .none(.int),
        ])
    }

    /// `object` as etcd stores it: with a resource version and a uid.
    static func stored(_ object: Term, rv: Int, uid: Int) throws -> Term {
        try object.with("metadata", object["metadata"].with("resourceVersion", .some(.int(rv))).with("uid", .some(.int(uid))))
    }

    /// etcd holding `objects` under their own keys.
    static func etcd(_ objects: [Term]) throws -> Term {
        var etcd = APIServer.emptyEtcd
        for object in objects {
            let meta = try object["metadata"]
            let key = try K8s.key(kind: object["kind"], namespace: meta["namespace"].unwrap(or: "") { $0 },
                                  name: meta["name"].unwrap(or: "") { $0 })
            etcd = try etcd.inserting(key, object)
        }
        return etcd
    }

    /// The stateful set and config map the controller makes for the sample, stored (uid 5 and 4).
    static func runningEnsemble(replicas: Int = 3, zooCfg: Term? = nil) throws -> [Term] {
        let cr = try sample()
        var configMap = try objects.configMap.make(cr, local(.enumCase(reconciler.steps.phase, "initial")))
        if let zooCfg {
            configMap = try configMap.with("spec", K8s.spec(.configMap, .record(K8s.configMapSpec, [
                "data": Term.stringMap(["zoo.cfg": zooCfg]),
            ])))
        }
        let sts = try objects.statefulSet.make(cr, local(.enumCase(reconciler.steps.phase, "initial"), configMapVersion: 4))
        let scaled = try K8s.Object.withSpec(sts, as: .statefulSet, otherwise: sts["spec"]) { (spec) throws(SortError) in
            try K8s.spec(.statefulSet, spec.with("replicas", .some(.int(replicas))))
        }
        return [try stored(configMap, rv: 4, uid: 4), try stored(sts.with("spec", scaled), rv: 5, uid: 5)]
    }

    /// `/zookeeper-operator[/zk]` as a path term.
    static func path(_ segments: String...) throws -> Term { try .seq(segments.map(Term.string), of: .string) }

    /// The address of a node of the sample's ensemble on the stateful set with `uid`.
    static func address(_ segments: [String], uid: Int = 5) throws -> Term {
        try .record(ZookeeperAPI.address, ["name": "zk", "namespace": "default", "uid": .int(uid),
                                           "path": .seq(segments.map(Term.string), of: .string)])
    }

    /// ZooKeeper nodes from `(path, data, version)`.
    static func nodes(_ entries: [([String], String, Int)], uid: Int = 5) throws -> Term {
        var state = Term.emptyMap(.datatype(ZookeeperAPI.address), .datatype(ZookeeperAPI.node))
        for (segments, data, version) in entries {
            state = try state.inserting(address(segments, uid: uid),
                                        .record(ZookeeperAPI.node, ["data": .string(data), "version": .int(version)]))
        }
        return state
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
