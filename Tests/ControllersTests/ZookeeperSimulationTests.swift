import Controllers
import Testing

/// The ZooKeeper controller from the catalogue, as `anvil-sim zookeeper` runs it: its sample
/// resource is read from YAML and admitted by the API server, and random runs with every fault
/// reach the desired state and keep it. (bench/sim-controllers.sh runs 50 seeds.)
@Suite struct ZookeeperSimulationTests {
    static let entry = ZookeeperController.entry

    @Test func theSampleParses() throws {
        let cr = try KubernetesYAML.object(Self.entry.sampleYAML, kind: .zookeeperCluster)
        let spec = try ZookeeperObjects.spec(cr)
        #expect(try spec["replicas"].evaluate() == .int(3))
        #expect(try spec["conf"]["syncLimit"].evaluate() == .int(2))
        #expect(try spec["persistence"]["storageSize"].evaluate() == .string("20Gi"))
        #expect(try K8s.stateViolations(of: cr.evaluate()).isEmpty)
    }

    struct Invalid: CustomTestStringConvertible, Sendable {
        let change: String, replacement: String, violation: String
        var testDescription: String { violation }
    }

    /// A resource breaking an admission rule is refused, and the refusal names the field.
    @Test(arguments: [
        Invalid(change: "  replicas: 3", replacement: "  replicas: 2", violation: "spec.replicas: must be at least 3"),
        Invalid(change: "    syncLimit: 2", replacement: "    syncLimit: 0", violation: "spec.conf.syncLimit: must be at least 1"),
        Invalid(change: "    minSessionTimeout: 4000", replacement: "    minSessionTimeout: 50000",
                violation: "spec.conf.minSessionTimeout: must not exceed spec.conf.maxSessionTimeout"),
    ])
    func anInvalidResourceIsRefusedNamingTheField(_ c: Invalid) throws {
        #expect(Self.entry.sampleYAML.contains(c.change + "\n"))
        let yaml = Self.entry.sampleYAML.replacingOccurrences(of: c.change + "\n", with: c.replacement + "\n")
        let cr = try KubernetesYAML.object(yaml, kind: .zookeeperCluster)
        do {
            _ = try ControllerSimulation(Self.entry).start(resource: cr, seed: 0)
            Issue.record("the resource was admitted")
        } catch let rejected as ResourceRejected {
            #expect(rejected.violations == [c.violation])
            #expect(rejected.description.contains("invalid") && rejected.description.contains(c.violation))
        }
    }

    @Test func aMistypedFieldIsNamed() throws {
        let yaml = Self.entry.sampleYAML.replacingOccurrences(of: "  replicas: 3\n", with: "  replicas: three\n")
        #expect { try KubernetesYAML.object(yaml, kind: .zookeeperCluster) } throws: { error in
            "\(error)" == "spec.replicas: expected an integer, got 'three'"
        }
    }

    static let simulation = Result { try ControllerSimulation(entry) }

    @Test(arguments: 0..<4)
    func convergesUnderAllFaults(seed: Int) throws {
        let resource = try KubernetesYAML.object(Self.entry.sampleYAML, kind: .zookeeperCluster)
        let outcome = try Self.simulation.get().run(resource: resource, seed: UInt64(seed), steps: 1_500, faults: .all)
        #expect(outcome.converged, "first match \(String(describing: outcome.firstMatch)), held for \(outcome.heldFor)")
        #expect(outcome.actionCounts["externalHandles", default: 0] > 0, "the ZooKeeper API was used")
    }
}
