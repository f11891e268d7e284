import Controllers
import Testing

/// The RabbitMQ controller from the catalogue, as `anvil-sim rabbitmq` runs it: its sample
/// resource is read from YAML and admitted by the API server, and random runs with every fault
/// reach the desired state and keep it. (bench/sim-controllers.sh runs 50 seeds.)
@Suite struct RabbitmqSimulationTests {
    static let entry = RabbitmqController.entry

    @Test func theSampleParses() throws {
        let spec = try RabbitmqObjects.spec(KubernetesYAML.object(Self.entry.sampleYAML, kind: .rabbitmqCluster))
        #expect(try spec["replicas"].evaluate() == .int(3))
        #expect(try spec["persistence"]["storageClassName"].evaluate() == .string("standard"))
        #expect(try spec["podManagementPolicy"].evaluate() == .string("Parallel"))
        #expect(try spec["rabbitmqConfig"].evaluate() == Term.some(.record(K8s.rabbitmqConfig, [
            "additionalConfig": .some("log.console.level = info\n"), "advancedConfig": .none(.string), "envConfig": .none(.string),
        ])).evaluate())
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let change: String, replacement: String, message: String
        var testDescription: String { message }
    }

    /// A resource breaking an admission rule is refused naming the field; one with a mistyped or
    /// unknown field is not read, naming the field.
    @Test(arguments: [
        Bad(change: "  replicas: 3", replacement: "  replicas: -1",
            message: "the API server rejected the resource (invalid): spec.replicas: must not be negative"),
        Bad(change: "  replicas: 3", replacement: "  replicas: three", message: "spec.replicas: expected an integer, got 'three'"),
        Bad(change: "    storage: 10Gi", replacement: "    storage: [10Gi]", message: "spec.persistence.storage: expected a string, got a list"),
        Bad(change: "  podManagementPolicy: Parallel", replacement: "  podManagementPolicy: Parallel\n  replica: 3",
            message: "spec.replica: unknown field (RabbitmqClusterSpec has replicas, image, persistence, rabbitmqConfig, affinity, tolerations, "
                + "labels, annotations, resources, podManagementPolicy, persistentVolumeClaimRetentionPolicy)"),
    ])
    func aBadResourceIsRefusedNamingTheField(_ c: Bad) throws {
        #expect(Self.entry.sampleYAML.contains(c.change + "\n"))
        let yaml = Self.entry.sampleYAML.replacingOccurrences(of: c.change + "\n", with: c.replacement + "\n")
        #expect { _ = try ControllerSimulation(Self.entry).start(resource: KubernetesYAML.object(yaml, kind: .rabbitmqCluster), seed: 0) }
            throws: { error in "\(error)" == c.message }
    }

    struct Change: CustomTestStringConvertible, Sendable {
        let name: String, allowed: Bool
        let change: @Sendable (Term) throws -> Term
        var testDescription: String { name }
    }

    /// The resource's transition rules: fewer replicas, another storage size, storage class or pod
    /// management policy are refused; more replicas or another image are not.
    @Test(arguments: [
        Change(name: "fewer replicas", allowed: false) { spec in try spec.with("replicas", 2) },
        Change(name: "more replicas", allowed: true) { spec in try spec.with("replicas", 4) },
        Change(name: "another image", allowed: true) { spec in try spec.with("image", "rabbitmq:4") },
        Change(name: "another storage size", allowed: false) { spec in try spec.with("persistence", spec["persistence"].with("storage", "20Gi")) },
        Change(name: "another storage class", allowed: false) { spec in
            try spec.with("persistence", spec["persistence"].with("storageClassName", "fast"))
        },
        Change(name: "another pod management policy", allowed: false) { spec in try spec.with("podManagementPolicy", "OrderedReady") },
    ])
    func theTransitionRules(_ c: Change) throws {
        let old = try RabbitmqFixture.sample()
        let new = try RabbitmqFixture.changing(old, .rabbitmqCluster, spec: c.change)
        #expect(try K8s.transitionIsValid(old: old, new: new).evaluate() == .bool(c.allowed))
    }

    static let simulation = Result { try ControllerSimulation(entry) }

    @Test(arguments: 0..<3)
    func convergesUnderAllFaults(seed: Int) throws {
        let resource = try KubernetesYAML.object(Self.entry.sampleYAML, kind: .rabbitmqCluster)
        let outcome = try Self.simulation.get().run(resource: resource, seed: UInt64(seed), steps: 1_500, faults: .all)
        #expect(outcome.converged, "first match \(String(describing: outcome.firstMatch)), held for \(outcome.heldFor)")
        #expect(outcome.actionCounts["restartController", default: 0] > 0, "the controller crashed")
    }
}
