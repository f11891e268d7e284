import Controllers
import Foundation
import Testing

/// The controller runtime against the served cluster model in process: the same code path as
/// `anvil-controller` minus HTTP.
@Suite struct ControllerRuntimeTests {
    static let quiet = RuntimeLog { _ in }

    /// A served cluster for `entry` with its sample resource stored (as `kubectl apply` would).
    static func cluster(_ entry: ControllerEntry, faults: ServedCluster.Faults = .init()) throws -> (ServedCluster, Value) {
        let cluster = try ServedCluster(model: ClusterModel(reconciler: entry.reconciler, resourceKind: entry.kind, external: entry.external),
                                        faults: faults)
        let sample = try ControllerCatalogue.sampleObject(entry)
        let create = try APIServer.Request.create(namespace: "default", object: .literal(sample, sort: .datatype(K8s.object))).evaluate()
        var stored = try cluster.handle(create)
        while stored.response.responseError != nil { stored = try cluster.handle(create) }
        return (cluster, try #require(stored.response.datatypeFields.first?.datatypeFields.first?.storedKey))
    }

    /// Whether the served cluster matches the stored custom resource, by the entry's `matches`.
    static func matches(_ entry: ControllerEntry, _ cluster: ServedCluster, _ key: Value) throws -> Bool {
        try cluster.read { state in
            guard case .map(let etcd, _)? = state[field: "apiServer"]?[field: "etcd"], let cr = etcd[key] else { return false }
            return try cluster.model.evaluate(at: state) { s in try entry.matches(s, .literal(cr, sort: .datatype(K8s.object))) } == .bool(true)
        }
    }

    @Test(arguments: ControllerCatalogue.all.map(\.name))
    func oneReconcileReachesTheDesiredState(controller: String) throws {
        let entry = try #require(ControllerCatalogue.named(controller))
        let (cluster, key) = try Self.cluster(entry)
        #expect(try !Self.matches(entry, cluster, key))
        let runtime = try ControllerRuntime(entry: entry, connection: cluster, log: Self.quiet)
        guard case .done = runtime.reconcile(key) else { Issue.record("the reconcile did not end done"); return }
        #expect(try Self.matches(entry, cluster, key))
        guard case .done = runtime.reconcile(key) else { Issue.record("the second reconcile did not end done"); return }
        #expect(try Self.matches(entry, cluster, key))
    }

    /// A reconcile cut off after `k` steps (the process killed), then a fresh runtime: converges.
    @Test(arguments: 1...4)
    func aReconcileCutShortIsFinishedByTheNextRuntime(k: Int) throws {
        let entry = try #require(ControllerCatalogue.named("simple"))
        let (cluster, key) = try Self.cluster(entry)
        var cut = ControllerRuntime.Options()
        cut.maxSteps = k
        _ = try ControllerRuntime(entry: entry, connection: cluster, options: cut, log: Self.quiet).reconcile(key)
        let fresh = try ControllerRuntime(entry: entry, connection: cluster, log: Self.quiet)
        guard case .done = fresh.reconcile(key) else { Issue.record("the fresh runtime's reconcile did not end done"); return }
        #expect(try Self.matches(entry, cluster, key))
    }

    /// Dropped requests and API errors: reconciles fail and are retried until one succeeds.
    @Test(arguments: 0..<5)
    func convergesUnderInjectedFaults(seed: Int) throws {
        let entry = try #require(ControllerCatalogue.named("simple"))
        var faults = ServedCluster.Faults()
        (faults.drop, faults.apiErrors, faults.rate, faults.seed) = (true, true, 0.3, UInt64(seed))
        let (cluster, key) = try Self.cluster(entry, faults: faults)
        let runtime = try ControllerRuntime(entry: entry, connection: cluster, log: Self.quiet)
        var tries = 0
        while tries < 50 {
            tries += 1
            if case .done = runtime.reconcile(key), try Self.matches(entry, cluster, key) { break }
        }
        #expect(try Self.matches(entry, cluster, key), "not converged after \(tries) reconciles")
    }

    /// The loop: list, watch and requeue; a change of the resource is reconciled again.
    @Test func theLoopFollowsChanges() throws {
        let entry = try #require(ControllerCatalogue.named("simple"))
        let (cluster, key) = try Self.cluster(entry)
        let runtime = try ControllerRuntime(entry: entry, connection: cluster, log: Self.quiet)
        let loop = Thread { runtime.run(for: 3) }
        loop.start()
        defer { while loop.isExecuting { Thread.sleep(forTimeInterval: 0.05) } }
        try waitUntil { try Self.matches(entry, cluster, key) }
        // Change the resource's data; the watch makes it due at once.
        let changed = try cluster.handleAfterGet(key) { got in
            let cr = got.datatypeFields[0].datatypeFields[0]
            let spec = Value.datatype(K8s.simpleCRSpec, constructor: 0, fields: [.map(entries: [.string("mode"): .string("changed")], otherwise: nil)])
            let object = cr.setting("spec", .datatype(K8s.objectSpec, constructor: K8s.objectSpec.constructorIndex("simpleCR")!, fields: [spec]))
            return try APIServer.Request.update(namespace: "default", name: "demo", object: .literal(object, sort: .datatype(K8s.object))).evaluate()
        }
        #expect(changed.response.responseError == nil)
        // The runtime may already be reconciling it (the watch is quick): wait for the config map's new data.
        let configMap = Value.objectKey(.configMap, namespace: "default", name: "demo-data")
        try waitUntil {
            cluster.read { state in
                guard case .map(let etcd, _)? = state[field: "apiServer"]?[field: "etcd"] else { return false }
                return etcd[configMap]?[field: "spec"]?.datatypeFields.first?[field: "data"]
                    == .map(entries: [.string("mode"): .string("changed")], otherwise: nil)
            }
        }
        #expect(try Self.matches(entry, cluster, key))
    }

    func waitUntil(_ condition: () throws -> Bool, seconds: TimeInterval = 2.5) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        Issue.record("the condition did not hold within \(seconds) s")
    }
}
