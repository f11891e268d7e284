import Controllers

/// Terms and values the ZooKeeper tests share: the sample custom resource as stored, the objects
/// the controller makes for it, and etcd contents around them.
enum ZookeeperFixture: ObjectFixtures {
    static let objects = ZookeeperObjects()
    static let reconciler = ZookeeperReconciler()
    static let steps = reconciler.steps

    /// A scripted run of the controller with `bug` (or the correct one) from `resource`, checking
    /// scale-down safety (`ZookeeperController.sizeIsPublished`) after every step.
    static func scenario(_ bug: ZookeeperReconciler.Bug?, seed: UInt64, resource: Term) throws -> ClusterScenario {
        try ClusterScenario(ZookeeperController.entry, reconciler: ZookeeperReconciler(bug: bug), seed: seed, resource: resource) {
            _, next, key in try ZookeeperController.sizeIsPublished(next, key: key)
        }
    }

    /// The catalogue's sample ZookeeperCluster (`default/zk`), as stored: rv 1, uid 1.
    static func sample(_ change: (Term) throws -> Term = { $0 }) throws -> Term {
        try change(stored(yaml: ZookeeperController.sampleYAML, kind: .zookeeperCluster))
    }

    /// The sample with its spec changed by `change(spec)`.
    static func sample(changingSpec change: (Term) throws -> Term) throws -> Term {
        try changing(sample(), .zookeeperCluster, spec: change)
    }

    /// The local state in `phase`, with the config map's resource version when given.
    static func local(_ phase: Term, configMapVersion: Int? = nil) throws -> Term {
        try reconciler.steps.localState(phase: phase, [
            ZookeeperObjects.configMapVersionField: configMapVersion.map { Term.some(.int($0)) } ?? .none(.int),
        ])
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
