import ClusterModel
import Controllers
import Logic
@testable import Proofs
import Testing

/// Phase D's check of a write against the object of its kind and name
/// (`ReconcilePredicates.writesTheMadeObjects`), over the FluentBit controller's five objects.
@Suite struct ReconcilePredicatesTests {
    static let sample = Result { try KubernetesYAML.object(FluentBitController.sampleYAML, kind: .fluentBit) }

    /// Whether the create of `object`, or its update, is right for the sample resource.
    static func right(_ object: Term, update: Bool, at i: Int) throws -> Value {
        let model = try fluentbit.fluentBitModel.get()
        let p = try fluentbit.fluentBitESR.predicates(model)
        let cr = try sample.get()
        let namespace = try ManagedObject.namespace(cr)
        let name = try fluentbit.fluentBitObjects[i].name(ManagedObject.name(cr))
        let request = try update ? APIServer.Request.update(namespace: namespace, name: name, object: object)
            : APIServer.Request.create(namespace: namespace, object: object)
        return try p.writesTheMadeObjects(request).substituting([ManagedObject.cr: cr]).evaluate()
    }

    /// A create or an update of each object as made is right; with other labels it is not.
    @Test(arguments: 0..<fluentbit.fluentBitObjects.count, [false, true])
    func eachWriteIsCheckedAgainstItsObject(_ i: Int, update: Bool) throws {
        let made = try fluentbit.fluentBitObjects[i].made(Self.sample.get())
        #expect(try Self.right(made, update: update, at: i) == .bool(true))
        let relabelled = try made.with("metadata", made["metadata"].with("labels", .emptyMap(.string, .string)))
        #expect(try Self.right(relabelled, update: update, at: i) == .bool(false))
    }
}
