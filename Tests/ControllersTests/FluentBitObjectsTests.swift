import Controllers
import Testing

/// The objects the FluentBit and FluentBitConfig controllers make, and their desired states.
@Suite struct FluentBitObjectsTests {
    typealias F = FluentBitFixture
    static let objects = F.objects

    static func value(_ t: Term) throws -> Value { try t.evaluate() }
    static func spec(_ object: Term, _ kind: K8s.Kind) throws -> Term { try ManagedResource.spec(object, kind) }
    static func initial() throws -> Term { try F.local(F.steps.phase("initial")) }

    @Test func theFiveObjectsAndTheirNames() throws {
        let cr = try F.sample()
        let keys = try Self.objects.resources.map { try Self.value($0.key(cr)) }
        let expected: [(K8s.Kind, String)] = [
            (.serviceAccount, "fluent-bit"), (.role, "fluent-bit-role"), (.roleBinding, "fluent-bit-role-binding"), (.service, "fluent-bit"),
            (.daemonSet, "fluent-bit"),
        ]
        #expect(keys == (try expected.map { try Self.value(K8s.key($0.0, namespace: "default", name: .string($0.1))) }))
        #expect(try Self.value(FluentBitObjects.configSecretKey(cr)) == Self.value(K8s.key(.secret, namespace: "default", name: "fluent-bit-config")))
    }

    /// Every managed object has one controller owner reference to the resource and no finalizers.
    @Test(arguments: FluentBitObjects().resources.map(\.id))
    func ownedByTheResource(_ id: String) throws {
        let meta = try F.steps.resource(id).make(F.sample(), Self.initial())["metadata"]
        let owner = try K8s.ownerRef(kind: K8s.Kind.fluentBit.term, name: "fluent-bit", uid: 1)
        #expect(try Self.value(meta["ownerReferences"]) == Self.value(.seq([owner], of: .datatype(K8s.ownerReference))))
        #expect(try Self.value(meta["finalizers"]) == Self.value(.emptySeq(.string)))
        #expect(try Self.value(meta["namespace"]) == Self.value(.some("default")))
    }

    @Test func theAccessObjects() throws {
        let cr = try F.sample(changingSpec: { spec in try spec.with("serviceAccountAnnotations", .stringMap(["iam": "logs"])) })
        let account = try Self.objects.serviceAccount.make(cr, Self.initial())
        #expect(try Self.value(account["metadata"]["annotations"]) == Self.value(.stringMap(["iam": "logs"])))
        #expect(try Self.value(account["metadata"]["labels"]) == Self.value(.stringMap(["team": "logging", "app": "fluent-bit"])))
        let rules = try Self.spec(Self.objects.role.make(cr, Self.initial()), .role)["rules"]
        let getPods = try Term.record(K8s.policyRule, ["apiGroups": .seq([""], of: .string), "resources": .seq(["pods"], of: .string),
                                                       "verbs": .seq(["get"], of: .string)])
        #expect(try Self.value(rules) == Self.value(.seq([getPods], of: .datatype(K8s.policyRule))))
        let binding = try Self.spec(Self.objects.roleBinding.make(cr, Self.initial()), .roleBinding)
        #expect(try Self.value(binding["roleRef"]["name"]) == .string("fluent-bit-role"))
        #expect(try Self.value(binding["subjects"]) == Self.value(.seq([.record(K8s.subject, [
            "kind": "ServiceAccount", "name": "fluent-bit", "namespace": "default",
        ])], of: .datatype(K8s.subject))))
    }

    /// The service publishes the metrics port and selects the pods, or the resource's own selector.
    @Test func theService() throws {
        let service = try Self.spec(Self.objects.service.make(F.sample(), Self.initial()), .service)
        #expect(try Self.value(service["ports"]) == Self.value(.seq([.record(K8s.servicePort, [
            "name": "metrics", "port": 2020, "targetPort": .none(.int),
        ])], of: .datatype(K8s.servicePort))))
        #expect(try Self.value(service["selector"]) == Self.value(.stringMap(["app": "fluent-bit"])))
        let selecting = try F.sample(changingSpec: { spec in try spec.with("serviceSelector", .stringMap(["role": "logs"])) })
        #expect(try Self.value(Self.spec(Self.objects.service.make(selecting, Self.initial()), .service)["selector"])
                == Self.value(.stringMap(["role": "logs"])))
    }

    /// The daemon set mounts the configuration secret, the host's logs (unless disabled) and the
    /// positions database, and runs as the service account.
    @Test(arguments: [false, true])
    func theDaemonSet(disableLogVolumes: Bool) throws {
        let cr = try F.sample(changingSpec: { spec in try spec.with("disableLogVolumes", .bool(disableLogVolumes)) })
        let ds = try Self.spec(Self.objects.daemonSet.make(cr, Self.initial()), .daemonSet)
        #expect(try Self.value(ds["selector"]) == Self.value(.stringMap(["app": "fluent-bit"])))
        let pod = try ds["template"]["spec"]
        #expect(try Self.value(pod["serviceAccountName"]) == Self.value(.some("fluent-bit")))
        #expect(try Self.value(pod["tolerations"]) == Self.value(.seq(["{\"operator\":\"Exists\"}"], of: .string)))
        guard case .seq(let volumes) = try Self.value(pod["volumes"]) else { throw Failure("no volumes") }
        #expect(volumes.count == (disableLogVolumes ? 2 : 5))
        let config = try Term.record(K8s.volume, ["name": "config", "source": .construct(K8s.volumeSource, "secret", ["fluent-bit-config"])])
        #expect(volumes.first == (try Self.value(config)))
        let container = try pod["containers"].element(at: 0).unwrap(or: .literal(Sort.datatype(K8s.container).zeroValue,
                                                                                  sort: .datatype(K8s.container))) { $0 }
        #expect(try Self.value(container["image"]) == .string("kubesphere/fluent-bit:v2.1.4"))
        #expect(try Self.value(container["volumeMounts"].length) == .int(disableLogVolumes ? 2 : 5))
    }

    /// The daemon set is updated only when this very resource (its uid) owns it.
    @Test func theDaemonSetIsUpdatedOnlyWhenOwned() throws {
        let cr = try F.sample(), ds = Self.objects.daemonSet
        let found = try F.stored(ds.make(cr, Self.initial()), rv: 9, uid: 20)
        #expect(try Self.value(ds.updatesOnlyIf(cr, found)) == .bool(true))
        #expect(try Self.value(ds.updatesOnlyIf(F.with(cr, metadata: "uid", .some(2)), found)) == .bool(false))
    }

    /// The FluentBitConfig's secret holds the two files, owned by the resource.
    @Test func theConfigSecret() throws {
        let cr = try F.configSample(), secret = F.configReconciler.secret
        let made = try secret.make(cr, F.configReconciler.initialState)
        #expect(try Self.value(secret.key(cr)) == Self.value(K8s.key(.secret, namespace: "default", name: "fluent-bit-config")))
        guard case .map(let data, nil) = try Self.value(Self.spec(made, .secret)["data"]),
              case .string(let main)? = data[.string("fluent-bit.conf")], case .string(let parsers)? = data[.string("parsers.conf")] else {
            throw Failure("no files")
        }
        #expect(main.hasPrefix("[Service]\n") && parsers.hasPrefix("[PARSER]\n"))
        #expect(try Self.value(made["metadata"]["ownerReferences"]) == Self.value(.seq([ManagedResource.ownerReference(cr)],
                                                                                       of: .datatype(K8s.ownerReference))))
    }

    /// The desired states hold when every object is stored as made, and not when one is missing.
    @Test func theDesiredStates() throws {
        let model = try ClusterModel(reconciler: F.reconciler, resourceKind: .fluentBit)
        func holds(_ matches: (Term, Term) throws -> Term, _ cr: Term, _ objects: [Term]) throws -> Bool {
            let s = try model.initialState.with("apiServer", APIServer.makeState(etcd: F.etcd(objects + [cr])))
            return try matches(s, cr).evaluate() == .bool(true)
        }
        let cr = try F.sample()
        let made = try Self.objects.resources.enumerated().map { (i, r) in try F.stored(r.make(cr, Self.initial()), rv: 20 + i, uid: 30 + i) }
        #expect(try holds(FluentBitController.matches, cr, made))
        #expect(try !holds(FluentBitController.matches, cr, Array(made.dropFirst())), "no service account")
        let config = try F.configSample()
        let secret = try F.stored(F.configReconciler.secret.make(config, F.configReconciler.initialState), rv: 5, uid: 6)
        #expect(try holds(FluentBitConfigController.matches, config, [secret]))
        #expect(try !holds(FluentBitConfigController.matches, config, []))
    }
}
