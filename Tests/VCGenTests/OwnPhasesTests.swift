import ClusterModel
import Logic
@testable import Proofs
import Testing

/// Where the controller's own phases sit along phase M's chain (`OwnPhases.objectsBefore`): each
/// is reached after a fixed number of written objects, and a graph that is ambiguous, leaves a
/// phase unreached or names an unknown one is refused.
@Suite struct OwnPhasesTests {
    static func phase(_ name: String, _ next: [OwnPhase.Next]) -> OwnPhase {
        OwnPhase(name: name, answeredBy: "apiServerHandles", waiting: { _, _, _, _ in .true }, answered: { _, _, _, _ in .true }, next: next)
    }

    @Test func zookeepersNodeCallsComeAfterTheFourObjectsBeforeTheStatefulSet() throws {
        let before = try ZookeeperESR.nodeCalls.objectsBefore()
        #expect(before == ["afterExistsStatefulSet": 4, "afterExistsZKNode": 4, "afterUpdateZKNode": 4,
                           "afterCreateZKParentNode": 4, "afterCreateZKNode": 4])
    }

    /// FluentBit's own phase comes from `ReconcilePhases.before` and its theorem's assumption: a get
    /// of the configuration secret from the start, then the first object's get; without an
    /// assumption such a phase is refused (nothing says its get is answered ok).
    @Test func fluentBitsSecretGetIsItsOnlyOwnPhase() throws {
        let own = try fluentbit.fluentBitESR.chainPhases()
        #expect(own.fromStart == [.phase("afterGetSecret")])
        #expect(own.phases.map(\.name) == ["afterGetSecret"])
        #expect(own.phases.first?.next == [.get(0)])
        #expect(own.phases.first?.answeredBy == "apiServerHandles")
        #expect(try own.objectsBefore() == ["afterGetSecret": 0])
        var unassumed = fluentbit.fluentBitESR
        unassumed.assumption = nil
        #expect(throws: KernelError.self) { try unassumed.chainPhases() }
        #expect(try fluentbit.esrProof.chainPhases().phases.isEmpty)
    }

    @Test(arguments: [
        ("a chain from the start", OwnPhases(phases: [phase("a", [.phase("b")]), phase("b", [.get(0)])], fromStart: [.phase("a")]),
         ["a": 0, "b": 0] as [String: Int]?),
        ("a branch after object 1", OwnPhases(phases: [phase("a", [.phase("b"), .get(2)]), phase("b", [.get(2)])],
                                              afterObject: [1: [.phase("a")]]), ["a": 2, "b": 2]),
        ("reached from two places", OwnPhases(phases: [phase("a", [.get(1)])], fromStart: [.phase("a")], afterObject: [0: [.phase("a")]]), nil),
        ("never reached", OwnPhases(phases: [phase("a", [.get(0)])]), nil),
        ("an unknown phase", OwnPhases(phases: [], fromStart: [.phase("missing")]), nil),
    ])
    func phasesSitAfterAFixedNumberOfObjects(_ name: String, _ own: OwnPhases, _ expected: [String: Int]?) {
        let result = Result { try own.objectsBefore() }
        switch (result, expected) {
        case (.success(let got), let want?): #expect(got == want, "\(name)")
        case (.failure, nil): break
        case (.success(let got), nil): Issue.record("\(name): expected a refusal, got \(got)")
        case (.failure(let error), _?): Issue.record("\(name): \(error)")
        }
    }
}
