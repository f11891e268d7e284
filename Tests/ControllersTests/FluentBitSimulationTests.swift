import Controllers
import Testing

/// The FluentBit and FluentBitConfig controllers from the catalogue, as `anvil-sim fluentbit` and
/// `anvil-sim fluentbitconfig` run them: samples read from YAML and admitted by the API server,
/// the FluentBit's configuration stored first, and random runs with every fault reaching the
/// desired state and keeping it. (bench/sim-controllers.sh runs 50 seeds.)
@Suite struct FluentBitSimulationTests {
    typealias F = FluentBitFixture
    static let entry = FluentBitController.entry, configEntry = FluentBitConfigController.entry

    @Test func theSamplesParse() throws {
        let spec = try FluentBitObjects.spec(KubernetesYAML.object(Self.entry.sampleYAML, kind: .fluentBit))
        #expect(try spec["fluentBitConfigName"].evaluate() == .string("fluent-bit-config"))
        #expect(try spec["metricsPort"].evaluate() == .int(2020))
        let config = try ManagedResource.spec(KubernetesYAML.object(Self.configEntry.sampleYAML, kind: .fluentBitConfig), .fluentBitConfig)
        guard case .string(let parsers) = try config["parsersConfig"].evaluate() else { throw Failure("no parsers") }
        #expect(parsers.contains("Format json\n"))
    }

    /// Before the FluentBit, the simulation stores the FluentBitConfig its `fluentBitConfigName`
    /// names and the secret the FluentBitConfig controller makes for it, owned by it; for a
    /// resource naming another configuration, that one.
    @Test(arguments: ["fluent-bit-config", "other-config"])
    func theConfigurationIsStoredFirst(_ name: String) throws {
        let yaml = Self.entry.sampleYAML.replacingOccurrences(of: "fluentBitConfigName: fluent-bit-config", with: "fluentBitConfigName: \(name)")
        let (sim, _) = try ControllerSimulation(Self.entry).start(resource: KubernetesYAML.object(yaml, kind: .fluentBit), seed: 0)
        let etcd = try sim.read { s in try s["apiServer"]["etcd"] }
        let lookup = { (key: Term) throws -> Term? in
            guard case .some(.some(let v)) = try Term.literal(etcd, sort: .map(.datatype(K8s.objectKey), .datatype(K8s.object))).lookup(key)
                .evaluate().optionPayload else { return nil }
            return try .literal(v, sort: .datatype(K8s.object))
        }
        let config = try #require(try lookup(K8s.key(.fluentBitConfig, namespace: "default", name: .string(name))))
        let secret = try #require(try lookup(K8s.key(.secret, namespace: "default", name: .string(name))))
        #expect(try secret["metadata"]["ownerReferences"].evaluate()
                == Term.seq([ManagedResource.ownerReference(config)], of: .datatype(K8s.ownerReference)).evaluate())
        #expect(try FluentBitConfigController.matches(Term.literal(sim.state, sort: ControllerSimulation(Self.configEntry).model.stateSort), config)
                .evaluate() == .bool(true))
    }

    /// Without its configuration secret the FluentBit reconcile fails at its first step, every
    /// time: nothing is made.
    @Test func withoutItsSecretNothingIsMade() throws {
        let bare = ControllerEntry(name: "fluentbit", kind: .fluentBit, reconciler: F.reconciler, external: nil,
                                   matches: FluentBitController.matches, sampleYAML: Self.entry.sampleYAML)
        var (sim, key) = try ControllerSimulation(bare).start(resource: F.sample(), seed: 1)
        let outcome = try ControllerSimulation(bare).observe(&sim, key: key, steps: 600)
        #expect(!outcome.converged && outcome.firstMatch == nil)
        #expect(try sim.read { s in try s["apiServer"]["etcd"].hasKey(K8s.key(.serviceAccount, namespace: "default", name: "fluent-bit")) }
                == .bool(false))
    }

    struct Bad: CustomTestStringConvertible, Sendable {
        let kind: K8s.Kind, change: String, replacement: String, message: String
        var testDescription: String { message }
    }

    /// A resource with a mistyped or unknown field is not read, naming the field.
    @Test(arguments: [
        Bad(kind: .fluentBit, change: "  metricsPort: 2020", replacement: "  metricsPort: high",
            message: "spec.metricsPort: expected an integer, got 'high'"),
        Bad(kind: .fluentBit, change: "  tolerations:\n    - '{\"operator\":\"Exists\"}'", replacement: "  tolerations: all",
            message: "spec.tolerations: expected a list, got 'all'"),
        Bad(kind: .fluentBitConfig, change: "  parsersConfig: |", replacement: "  parserConfig: |",
            message: "spec.parserConfig: unknown field (FluentBitConfigSpec has fluentBitConfig, parsersConfig)"),
    ])
    func aBadResourceIsRefusedNamingTheField(_ c: Bad) throws {
        let sample = c.kind == .fluentBit ? Self.entry.sampleYAML : Self.configEntry.sampleYAML
        #expect(sample.contains(c.change + "\n"))
        #expect { try KubernetesYAML.object(sample.replacingOccurrences(of: c.change + "\n", with: c.replacement + "\n"), kind: c.kind) }
            throws: { error in "\(error)" == c.message }
    }

    static let simulation = Result { try ControllerSimulation(entry) }
    static let configSimulation = Result { try ControllerSimulation(configEntry) }

    @Test(arguments: 0..<3)
    func fluentBitConvergesUnderAllFaults(seed: Int) throws {
        let outcome = try Self.simulation.get().run(resource: KubernetesYAML.object(Self.entry.sampleYAML, kind: .fluentBit),
                                                    seed: UInt64(seed), steps: 1_500, faults: .all)
        #expect(outcome.converged, "first match \(String(describing: outcome.firstMatch)), held for \(outcome.heldFor)")
    }

    @Test(arguments: 0..<2)
    func fluentBitConfigConvergesUnderAllFaults(seed: Int) throws {
        let outcome = try Self.configSimulation.get().run(resource: KubernetesYAML.object(Self.configEntry.sampleYAML, kind: .fluentBitConfig),
                                                          seed: UInt64(seed), steps: 1_500, faults: .all)
        #expect(outcome.converged, "first match \(String(describing: outcome.firstMatch)), held for \(outcome.heldFor)")
    }
}
