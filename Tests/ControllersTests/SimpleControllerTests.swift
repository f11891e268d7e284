import Controllers
import Testing

/// The simple controller, run on the executable cluster model with random scheduling and faults.
@Suite struct SimpleControllerTests {
    static let key = Result { try K8s.key(.simpleCR, namespace: "default", name: "demo") }

    /// A stored SimpleCR `demo` with `data`.
    static func resource(_ data: [String: String]) throws -> Term {
        var map = Term.emptyMap(.string, .string)
        for (k, v) in data.sorted(by: { $0.key < $1.key }) { map = try map.inserting(.string(k), .string(v)) }
        return try K8s.Object.make(.simpleCR, metadata: K8s.meta(name: "demo", namespace: "default", resourceVersion: 1, uid: 7),
                                   spec: .record(K8s.simpleCRSpec, ["data": map]))
    }

    /// Runs one seed; returns whether the desired state was reached and then kept for `keep` steps.
    static func converges(_ reconciler: SimpleReconciler, seed: UInt64, faults: Faults) throws -> Bool {
        let model = try ClusterModel(reconciler: reconciler, resourceKind: .simpleCR)
        var sim = try ClusterSimulator(model: model, seed: seed, faults: faults, faultSteps: 120)
        let cr = try resource(["mode": "fast", "size": "3"])
        try sim.set { s in
            let api = try s["apiServer"]
            return try s.with("apiServer", api.with("etcd", api["etcd"].inserting(key.get(), cr))
                                            .with("resourceVersionCounter", 2).with("uidCounter", 8))
        }
        var heldFor = 0
        for _ in 0..<1_500 {
            try sim.step()
            if try sim.read({ try SimpleController.matches($0, cr) }) == .bool(true) {
                heldFor += 1
                if heldFor >= 150 && sim.trace.count > sim.faultSteps { return true }
            } else {
                heldFor = 0
            }
        }
        return false
    }

    @Test(arguments: 0..<20)
    func convergesUnderAllFaults(seed: Int) throws {
        #expect(try Self.converges(SimpleReconciler(), seed: UInt64(seed), faults: .all))
    }

    @Test func theWrongDataMutantNeverConverges() throws {
        #expect(try !Self.converges(SimpleReconciler(bug: .writesWrongData), seed: 1, faults: []))
    }
}
