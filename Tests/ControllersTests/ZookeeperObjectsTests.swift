import Controllers
import Testing

/// The objects the ZooKeeper controller makes, how it updates found ones, and its desired state.
@Suite struct ZookeeperObjectsTests {
    typealias F = ZookeeperFixture
    static let objects = F.objects

    static func value(_ t: Term) throws -> Value { try t.evaluate() }
    static func spec(_ object: Term, _ kind: K8s.Kind) throws -> Term {
        try K8s.Object.withSpec(object, as: kind, otherwise: .literal(Sort.datatype(kind.specDecl).zeroValue, sort: .datatype(kind.specDecl))) { $0 }
    }
    static func initial(configMapVersion: Int? = 17) throws -> Term {
        try F.local(F.reconciler.steps.phase("initial"), configMapVersion: configMapVersion)
    }

    /// Every managed object: one controller owner reference to the resource, no finalizers, the
    /// resource's labels plus `app: zk`, its annotations, and a name in its namespace.
    @Test(arguments: ["headlessService", "clientService", "adminServerService", "configMap", "statefulSet"])
    func metadataOfEveryManagedObject(_ id: String) throws {
        let cr = try F.sample()
        let meta = try F.reconciler.steps.resource(id).make(cr, Self.initial())["metadata"]
        let owner = try K8s.ownerRef(kind: K8s.Kind.zookeeperCluster.term, name: "zk", uid: 1)
        #expect(try Self.value(meta["ownerReferences"]) == Self.value(.seq([owner], of: .datatype(K8s.ownerReference))))
        #expect(try Self.value(meta["finalizers"]) == Self.value(.emptySeq(.string)))
        #expect(try Self.value(meta["labels"]) == Self.value(.stringMap(["team": "data", "app": "zk"])))
        #expect(try Self.value(meta["annotations"]) == Self.value(.stringMap(["owner": "platform"])))
        #expect(try Self.value(meta["namespace"]) == Self.value(.some("default")))
    }

    /// A user label named `app` does not replace the base label.
    @Test func theBaseLabelWins() throws {
        let cr = try F.sample(changingSpec: { spec in try spec.with("labels", .stringMap(["app": "mine"])) })
        #expect(try Self.value(ZookeeperObjects.labels(cr)) == Self.value(.stringMap(["app": "zk"])))
    }

    @Test func theServices() throws {
        let cr = try F.sample(), local = try Self.initial()
        let headless = try Self.spec(Self.objects.headlessService.make(cr, local), .service)
        #expect(try Self.value(headless["clusterIP"]) == Self.value(.some("None")))
        #expect(try Self.value(headless["publishNotReadyAddresses"]) == Self.value(.some(true)))
        #expect(try Self.value(headless["selector"]) == Self.value(.stringMap(["app": "zk"])))
        #expect(try Self.value(headless["ports"].length) == .int(5))
        let client = try Self.spec(Self.objects.clientService.make(cr, local), .service)
        let clientPort = try Term.record(K8s.servicePort, ["name": "tcp-client", "port": 2181, "targetPort": .none(.int)])
        #expect(try Self.value(client["ports"]) == Self.value(.seq([clientPort], of: .datatype(K8s.servicePort))))
        #expect(try Self.value(client["clusterIP"]) == Self.value(.none(.string)))
        let admin = try Self.spec(Self.objects.adminServerService.make(cr, local), .service)
        #expect(try Self.value(admin["ports"].element(at: 0)) == Self.value(.some(clientPort.with("name", "tcp-admin-server").with("port", 8080))))
    }

    @Test func theConfigMap() throws {
        let data = try Self.spec(Self.objects.configMap.make(F.sample(), Self.initial()), .configMap)["data"]
        guard case .map(let entries, nil) = try Self.value(data) else { throw Failure("the data is not a map") }
        #expect(Set(entries.keys) == [.string("zoo.cfg"), .string("env.sh"), .string("log4j.properties"), .string("log4j-quiet.properties")])
        guard case .string(let env)? = entries[.string("env.sh")] else { throw Failure("no env.sh") }
        #expect(env.contains("DOMAIN=zk-headless.default.svc.cluster.local\n") && env.contains("CLIENT_PORT=2181\n"))
    }

    @Test func theStatefulSet() throws {
        let sts = try Self.spec(Self.objects.statefulSet.make(F.sample(), Self.initial()), .statefulSet)
        #expect(try Self.value(sts["replicas"]) == Self.value(.some(3)))
        #expect(try Self.value(sts["selector"]) == Self.value(.stringMap(["app": "zk"])))
        #expect(try Self.value(sts["serviceName"]) == .string("zk-headless"))
        #expect(try Self.value(sts["template"]["labels"]) == Self.value(.stringMap(["team": "data", "app": "zk"])))
        #expect(try Self.value(sts["template"]["annotations"]) == Self.value(.stringMap(["owner": "platform", "anvil.dev/lastRestartAt": "17"])))
        let claims = try sts["volumeClaimTemplates"]
        #expect(try Self.value(claims.length) == .int(1))
        let claim = try claims.element(at: 0).unwrap(or: .literal(Sort.datatype(K8s.persistentVolumeClaimTemplate).zeroValue,
                                                                  sort: .datatype(K8s.persistentVolumeClaimTemplate))) { $0 }
        #expect(try Self.value(claim["labels"]) == Self.value(.stringMap(["app": "zk"])), "claim templates are immutable: base labels only")
        #expect(try Self.value(claim["spec"]["storage"]) == .string("20Gi"))
        #expect(try Self.value(sts["template"]["spec"]["volumes"].length) == .int(1), "with persistence: the conf volume only")
        let container = try sts["template"]["spec"]["containers"].element(at: 0)
        #expect(try Self.value(container.unwrap(or: "") { (c) throws(SortError) in try c["image"] }) == .string("pravega/zookeeper:0.2.14"))

        let ephemeral = try Self.spec(Self.objects.statefulSet.make(F.sample(changingSpec: { spec in
            try spec.with("persistence", spec["persistence"].with("enabled", false))
        }), Self.initial()), .statefulSet)
        #expect(try Self.value(ephemeral["volumeClaimTemplates"].length) == .int(0))
        #expect(try Self.value(ephemeral["template"]["spec"]["volumes"].length) == .int(2), "without persistence: an emptyDir data volume")
    }

    /// An update starts from the found object: its rv, uid, status, cluster IP and immutable
    /// stateful-set fields stay; managed metadata and managed spec fields come from the made one.
    @Test func updatesKeepWhatTheyDoNotManage() throws {
        let cr = try F.sample(), local = try Self.initial()
        let made = try Self.objects.clientService.make(cr, local)
        let found = try F.stored(made, rv: 9, uid: 20)
            .with("metadata", F.stored(made, rv: 9, uid: 20)["metadata"].with("labels", .stringMap(["stale": "yes"]))
                .with("generateName", .some("zk-")))
            .with("spec", K8s.spec(.service, Self.spec(made, .service).with("clusterIP", .some("10.0.0.7")).with("selector", .stringMap([:]))))
        let updated = try Self.objects.clientService.update(cr, local, found: found)
        let meta = try updated["metadata"]
        #expect(try Self.value(meta["resourceVersion"]) == Self.value(.some(9)) && Self.value(meta["uid"]) == Self.value(.some(20)))
        #expect(try Self.value(meta["generateName"]) == Self.value(.some("zk-")))
        #expect(try Self.value(meta["labels"]) == Self.value(made["metadata"]["labels"]))
        #expect(try Self.value(Self.spec(updated, .service)["clusterIP"]) == Self.value(.some("10.0.0.7")))
        #expect(try Self.value(Self.spec(updated, .service)["selector"]) == Self.value(.stringMap(["app": "zk"])))
        #expect(try Self.value(Self.objects.clientService.matches(cr, local, stored: updated)) == .bool(true),
                "the cluster IP is not part of the desired state")

        let sts = try F.stored(Self.objects.statefulSet.make(cr, local), rv: 9, uid: 21)
        let renamed = try sts.with("spec", K8s.spec(.statefulSet, Self.spec(sts, .statefulSet).with("serviceName", "other")))
        let stsUpdate = try Self.objects.statefulSet.update(cr, Self.initial(configMapVersion: 30), found: renamed)
        #expect(try Self.value(Self.spec(stsUpdate, .statefulSet)["serviceName"]) == .string("other"), "immutable: kept as found")
        #expect(try Self.value(Self.spec(stsUpdate, .statefulSet)["template"]["annotations"].lookup("anvil.dev/lastRestartAt"))
                == Self.value(.some("30")))
    }

    /// The desired state: all five objects as made, the stateful set for the config map's rv.
    @Test func theDesiredState() throws {
        let cr = try F.sample()
        let made = try F.reconciler.steps.resources.enumerated().map { (i, r) in
            try F.stored(r.make(cr, Self.initial(configMapVersion: 14)), rv: 10 + i, uid: 20 + i)
        }
        let model = try ClusterModel(reconciler: F.reconciler, resourceKind: .zookeeperCluster, external: ZookeeperAPI.system)
        func matches(_ objects: [Term]) throws -> Bool {
            let s = try model.initialState.with("apiServer", APIServer.makeState(etcd: F.etcd(objects)))
            return try ZookeeperController.matches(s, cr).evaluate() == .bool(true)
        }
        #expect(try !matches(made), "the stateful set was made for rv 14, the config map is at rv 13")
        var current = made
        current[3] = try F.stored(made[3], rv: 14, uid: 23)
        #expect(try matches(current))
        #expect(try !matches(Array(current.dropLast())), "no stateful set")
        current[0] = try current[0].with("metadata", current[0]["metadata"].with("ownerReferences", .emptySeq(.datatype(K8s.ownerReference))))
        #expect(try !matches(current), "the headless service is not owned by the resource")
    }
}
