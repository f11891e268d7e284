import Controllers
import Testing

/// The objects the RabbitMQ controller makes, how it updates found ones, and its desired state.
@Suite struct RabbitmqObjectsTests {
    typealias F = RabbitmqFixture
    static let objects = F.objects

    static func value(_ t: Term) throws -> Value { try t.evaluate() }
    static func spec(_ object: Term, _ kind: K8s.Kind) throws -> Term { try ManagedResource.spec(object, kind) }

    /// The ten objects, in reconcile order, with their kinds and names.
    @Test func theTenObjectsAndTheirNames() throws {
        let cr = try F.sample()
        let keys = try Self.objects.resources.map { try Self.value($0.key(cr)) }
        let expected: [(K8s.Kind, String)] = [
            (.service, "rabbit-nodes"), (.service, "rabbit-client"), (.secret, "rabbit-erlang-cookie"), (.secret, "rabbit-default-user"),
            (.configMap, "rabbit-plugins-conf"), (.configMap, "rabbit-server-conf"), (.serviceAccount, "rabbit-server"),
            (.role, "rabbit-peer-discovery"), (.roleBinding, "rabbit-server"), (.statefulSet, "rabbit-server"),
        ]
        #expect(keys == (try expected.map { try Self.value(K8s.key($0.0, namespace: "default", name: .string($0.1))) }))
    }

    /// Every managed object: one controller owner reference to the resource, no finalizers, the
    /// resource's labels plus `app: rabbit`, its annotations, and its namespace.
    @Test(arguments: RabbitmqObjects().resources.map(\.id))
    func metadataOfEveryManagedObject(_ id: String) throws {
        let meta = try F.steps.resource(id).make(F.sample(), F.initial(serverConfigVersion: 7))["metadata"]
        let owner = try K8s.ownerRef(kind: K8s.Kind.rabbitmqCluster.term, name: "rabbit", uid: 1)
        #expect(try Self.value(meta["ownerReferences"]) == Self.value(.seq([owner], of: .datatype(K8s.ownerReference))))
        #expect(try Self.value(meta["finalizers"]) == Self.value(.emptySeq(.string)))
        #expect(try Self.value(meta["labels"]) == Self.value(.stringMap(["team": "messaging", "app": "rabbit"])))
        #expect(try Self.value(meta["annotations"]) == Self.value(.stringMap(["owner": "platform"])))
        #expect(try Self.value(meta["namespace"]) == Self.value(.some("default")))
    }

    @Test func theServices() throws {
        let cr = try F.sample(), local = try F.initial()
        let headless = try Self.spec(Self.objects.headlessService.make(cr, local), .service)
        #expect(try Self.value(headless["clusterIP"]) == Self.value(.some("None")))
        #expect(try Self.value(headless["publishNotReadyAddresses"]) == Self.value(.some(true)))
        #expect(try Self.value(headless["selector"]) == Self.value(.stringMap(["app": "rabbit"])))
        let client = try Self.spec(Self.objects.clientService.make(cr, local), .service)
        #expect(try Self.value(client["clusterIP"]) == Self.value(.none(.string)), "the API server allocates it")
        let ports = try ["amqp": 5672, "management": 15672, "prometheus": 15692].sorted { $0.value < $1.value }.map {
            try Term.record(K8s.servicePort, ["name": .string($0.key), "port": .int($0.value), "targetPort": .none(.int)])
        }
        #expect(try Self.value(client["ports"]) == Self.value(.seq(ports, of: .datatype(K8s.servicePort))))
    }

    /// The cookie is a fixed string of the resource's namespace and name, and an update keeps the
    /// found cookie: only the metadata is rewritten.
    @Test func theErlangCookieIsNeverRewritten() throws {
        let cr = try F.sample()
        let made = try Self.objects.erlangCookie.make(cr, F.initial())
        #expect(try Self.value(Self.spec(made, .secret)["data"]) == Self.value(.stringMap([".erlang.cookie": "erlang-cookie-base64-24:default/rabbit"])))
        let found = try F.stored(made.with("spec", K8s.spec(.secret, .record(K8s.secretSpec, ["data": .stringMap([".erlang.cookie": "other"])]))),
                                 rv: 9, uid: 20)
        let updated = try Self.objects.erlangCookie.update(cr, F.initial(), found: F.with(found, metadata: "labels", .stringMap([:])))
        #expect(try Self.value(Self.spec(updated, .secret)["data"]) == Self.value(.stringMap([".erlang.cookie": "other"])))
        #expect(try Self.value(updated["metadata"]["labels"]) == Self.value(made["metadata"]["labels"]))
    }

    @Test func theConfigMapsAndTheDefaultUser() throws {
        let cr = try F.sample(), local = try F.initial()
        let plugins = try Self.value(Self.spec(Self.objects.pluginsConfigMap.make(cr, local), .configMap)["data"])
        #expect(plugins == (try Self.value(.stringMap(["enabled_plugins": .string(RabbitmqConfigFiles.enabledPlugins)]))))
        guard case .map(let server, nil) = try Self.value(Self.spec(Self.objects.serverConfigMap.make(cr, local), .configMap)["data"]),
              case .string(let defaults)? = server[.string("operatorDefaults.conf")],
              case .string(let user)? = server[.string("userDefinedConfiguration.conf")] else { throw Failure("no server configuration") }
        #expect(Set(server.keys) == [.string("operatorDefaults.conf"), .string("userDefinedConfiguration.conf")])
        #expect(defaults.contains("cluster_formation.target_cluster_size_hint = 3\n") && defaults.contains("cluster_name = rabbit\n"))
        #expect(user == RabbitmqConfigFiles.memoryOverride + "log.console.level = info\n")
        let secret = try Self.value(Self.spec(Self.objects.defaultUser.make(cr, local), .secret)["data"])
        guard case .map(let credentials, nil) = secret else { throw Failure("no credentials") }
        #expect(credentials[.string("username")] == .string("user") && credentials[.string("password")] == .string("changeme"))
    }

    /// `advanced.config` and `rabbitmq-env.conf` are written when given and not empty.
    @Test(arguments: [("advancedConfig", "advanced.config"), ("envConfig", "rabbitmq-env.conf")])
    func optionalConfigurationFiles(_ field: String, _ file: String) throws {
        func data(_ text: String?) throws -> [Value: Value] {
            let cr = try F.sample(changingSpec: { spec in
                try spec.with("rabbitmqConfig", spec["rabbitmqConfig"].unwrap(or: .none(.datatype(K8s.rabbitmqConfig))) { (config) throws(SortError) in
                    try .some(config.with(field, text.map { .some(.string($0)) } ?? .none(.string)))
                })
            })
            guard case .map(let entries, nil) = try Self.value(Self.spec(Self.objects.serverConfigMap.make(cr, F.initial()), .configMap)["data"])
            else { throw Failure("no data") }
            return entries
        }
        #expect(try data("x = 1")[.string(file)] == .string("x = 1"))
        #expect(try data("")[.string(file)] == nil)
        #expect(try data(nil)[.string(file)] == nil)
    }

    @Test func theStatefulSet() throws {
        let sts = try Self.spec(Self.objects.statefulSet.make(F.sample(), F.initial(serverConfigVersion: 17)), .statefulSet)
        #expect(try Self.value(sts["replicas"]) == Self.value(.some(3)))
        #expect(try Self.value(sts["selector"]) == Self.value(.stringMap(["app": "rabbit"])))
        #expect(try Self.value(sts["serviceName"]) == .string("rabbit-nodes"))
        #expect(try Self.value(sts["podManagementPolicy"]) == Self.value(.some("Parallel")))
        #expect(try Self.value(sts["template"]["annotations"]) == Self.value(.stringMap(["owner": "platform", "anvil.dev/lastRestartAt": "17"])))
        #expect(try Self.value(sts["template"]["spec"]["serviceAccountName"]) == Self.value(.some("rabbit-server")))
        let claim = try sts["volumeClaimTemplates"].element(at: 0)
        #expect(try Self.value(claim.isSome) == .bool(true) && Self.value(sts["volumeClaimTemplates"].length) == .int(1))
        let claimSpec = try claim.unwrap(or: .literal(Sort.datatype(K8s.persistentVolumeClaimTemplate).zeroValue,
                                                      sort: .datatype(K8s.persistentVolumeClaimTemplate))) { $0 }["spec"]
        #expect(try Self.value(claimSpec["storage"]) == .string("10Gi") && Self.value(claimSpec["storageClassName"]) == Self.value(.some("standard")))

        let ephemeral = try Self.spec(Self.objects.statefulSet.make(F.sample(changingSpec: { spec in
            try spec.with("persistence", spec["persistence"].with("storage", "0Gi"))
        }), F.initial(serverConfigVersion: 17)), .statefulSet)
        #expect(try Self.value(ephemeral["volumeClaimTemplates"].length) == .int(0))
        #expect(try Self.value(ephemeral["template"]["spec"]["volumes"].length) == Self.value(sts["template"]["spec"]["volumes"].length + 1),
                "without a claim, the data directory is an empty directory")
    }

    /// The stateful set is made only with the server config map's version, and updated only when
    /// this very resource (its uid) owns it.
    @Test func theStatefulSetIsUpdatedOnlyWhenOwned() throws {
        let cr = try F.sample(), sts = Self.objects.statefulSet
        #expect(try Self.value(sts.requires(F.initial())) == .bool(false))
        #expect(try Self.value(sts.requires(F.initial(serverConfigVersion: 3))) == .bool(true))
        let found = try F.stored(sts.make(cr, F.initial(serverConfigVersion: 3)), rv: 9, uid: 20)
        #expect(try Self.value(sts.updatesOnlyIf(cr, found)) == .bool(true))
        let namesake = try F.with(cr, metadata: "uid", .some(2))
        #expect(try Self.value(sts.updatesOnlyIf(namesake, found)) == .bool(false))
        let shared = try F.with(found, metadata: "ownerReferences", .seq([ManagedResource.ownerReference(cr), ManagedResource.ownerReference(namesake)],
                                                                         of: .datatype(K8s.ownerReference)))
        #expect(try Self.value(sts.updatesOnlyIf(cr, shared)) == .bool(false), "exactly this resource, no other owner")
    }

    /// The desired state holds when every object is stored as made (the stateful set for the
    /// server config map's stored version), and not when one is missing or stale.
    @Test func theDesiredState() throws {
        let cr = try F.sample()
        let model = try ClusterModel(reconciler: F.reconciler, resourceKind: .rabbitmqCluster)
        func matches(_ objects: [Term]) throws -> Bool {
            let s = try model.initialState.with("apiServer", APIServer.makeState(etcd: F.etcd(objects + [cr])))
            return try RabbitmqController.matches(s, cr).evaluate() == .bool(true)
        }
        let made = try Self.objects.resources.enumerated().map { (i, r) in
            try F.stored(r.make(cr, F.initial(serverConfigVersion: 14)), rv: i == 5 ? 14 : 20 + i, uid: 30 + i)
        }
        #expect(try matches(made))
        #expect(try !matches(Array(made.dropLast())), "no stateful set")
        var stale = made
        stale[5] = try F.stored(made[5], rv: 15, uid: 35)
        #expect(try !matches(stale), "the stateful set was made for another version of the server config map")
        var allocated = made
        allocated[1] = try made[1].with("spec", K8s.spec(.service, Self.spec(made[1], .service).with("clusterIP", .some("10.96.0.31"))))
        #expect(try matches(allocated), "the cluster IP is the API server's")
    }
}
