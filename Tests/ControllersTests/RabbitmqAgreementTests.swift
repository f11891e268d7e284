import Controllers
import Testing

/// The RabbitMQ reconcile step evaluated concretely equals the same closed terms evaluated by Z3,
/// on random inputs, for the correct controller and every mutant.
@Suite struct RabbitmqAgreementTests {
    typealias F = RabbitmqFixture

    /// Variants of the sample: other sizes, labels, storage, user configuration, uids and names.
    static func resources() throws -> [Term] {
        let variants: [(Int, Term, String, Term)] = try [
            (3, .stringMap([:]), "10Gi", .none(.datatype(K8s.rabbitmqConfig))),
            (5, .stringMap(["team": "x"]), "0Gi", .some(.record(K8s.rabbitmqConfig, [
                "additionalConfig": .some("a = 1"), "advancedConfig": .some("[]."), "envConfig": .some(""),
            ]))),
            (1, .stringMap(["app": "mine"]), "1Gi", .some(.record(K8s.rabbitmqConfig, [
                "additionalConfig": .none(.string), "advancedConfig": .none(.string), "envConfig": .some("X=1"),
            ]))),
        ]
        return try variants.enumerated().map { (i, v) in
            let cr = try F.sample(changingSpec: { spec in
                try spec.with("replicas", .int(v.0)).with("labels", v.1).with("persistence", spec["persistence"].with("storage", .string(v.2)))
                    .with("rabbitmqConfig", v.3)
            })
            return try F.with(F.with(cr, metadata: "uid", .some(.int(1 + i))), metadata: "name", .some(.string(["rabbit", "r", "rabbit-nodes"][i])))
        }
    }

    @Test(arguments: [nil] + RabbitmqReconciler.Bug.allCases.map(Optional.some))
    func bothInterpretationsAgreeOnRandomSteps(_ bug: RabbitmqReconciler.Bug?) throws {
        let index = bug.map { RabbitmqReconciler.Bug.allCases.firstIndex(of: $0)! + 1 } ?? 0
        let agreement = ManagedAgreement(reconciler: RabbitmqReconciler(bug: bug), resources: try Self.resources())
        #expect(try agreement.disagreements(count: bug == nil ? 48 : 12, seed: 0x3A00 + UInt64(index)) == [])
    }
}
