import Controllers
import Testing

/// The FluentBit and FluentBitConfig reconcile steps evaluated concretely equal the same closed
/// terms evaluated by Z3, on random inputs, for the correct controllers and every mutant.
@Suite struct FluentBitAgreementTests {
    typealias F = FluentBitFixture

    /// Variants of the FluentBit sample: log volumes off, a service selector, user ports and volumes.
    static func resources() throws -> [Term] {
        let port = try Term.record(K8s.containerPort, ["name": "forward", "containerPort": 24224])
        let volume = try Term.record(K8s.volume, ["name": "extra", "source": .construct(K8s.volumeSource, "emptyDir")])
        return try [
            F.sample(),
            F.with(F.sample(changingSpec: { spec in
                try spec.with("disableLogVolumes", true).with("serviceSelector", .stringMap(["a": "b"]))
                    .with("ports", .seq([port], of: .datatype(K8s.containerPort))).with("positionDB", .none(.string))
            }), metadata: "uid", .some(2)),
            F.with(F.sample(changingSpec: { spec in
                try spec.with("volumes", .seq([volume], of: .datatype(K8s.volume))).with("containerLogRealPath", .some("/var/lib/docker"))
            }), metadata: "name", .some("fb")),
        ]
    }

    @Test(arguments: [nil] + FluentBitReconciler.Bug.allCases.map(Optional.some))
    func fluentBitInterpretationsAgree(_ bug: FluentBitReconciler.Bug?) throws {
        let index = bug.map { FluentBitReconciler.Bug.allCases.firstIndex(of: $0)! + 1 } ?? 0
        let agreement = ManagedAgreement(reconciler: FluentBitReconciler(bug: bug), resources: try Self.resources())
        #expect(try agreement.disagreements(count: bug == nil ? 48 : 12, seed: 0xFB00 + UInt64(index)) == [])
    }

    @Test(arguments: [nil] + FluentBitConfigReconciler.Bug.allCases.map(Optional.some))
    func fluentBitConfigInterpretationsAgree(_ bug: FluentBitConfigReconciler.Bug?) throws {
        let index = bug.map { FluentBitConfigReconciler.Bug.allCases.firstIndex(of: $0)! + 1 } ?? 0
        let other = try F.changing(F.configSample(), .fluentBitConfig, spec: { spec in try spec.with("parsersConfig", "") })
        let agreement = ManagedAgreement(reconciler: FluentBitConfigReconciler(bug: bug), resources: [try F.configSample(), other])
        #expect(try agreement.disagreements(count: 24, seed: 0xFC00 + UInt64(index)) == [])
    }
}
