import Controllers
import Testing

/// One garbage-collection case: the stored owners (name, uid, namespace), the dependent's owner references.
struct CollectionCase: Sendable, CustomTestStringConvertible {
    let label: String
    let owners: [(name: String, uid: Int, namespace: String)]
    let references: [(name: String, uid: Int)]
    let dependentStored: Bool
    let collectable: Bool
    var testDescription: String { label }
}

let collectionCases: [CollectionCase] = [
    .init(label: "no owner references", owners: [], references: [], dependentStored: true, collectable: false),
    .init(label: "owner present with the same uid", owners: [("fb", 7, "default")], references: [("fb", 7)],
          dependentStored: true, collectable: false),
    .init(label: "owner absent", owners: [], references: [("fb", 7)], dependentStored: true, collectable: true),
    .init(label: "owner present with another uid", owners: [("fb", 9, "default")], references: [("fb", 7)],
          dependentStored: true, collectable: true),
    .init(label: "owner only in another namespace", owners: [("fb", 7, "other")], references: [("fb", 7)],
          dependentStored: true, collectable: true),
    .init(label: "one of two owners alive", owners: [("fb2", 8, "default")], references: [("fb", 7), ("fb2", 8)],
          dependentStored: true, collectable: false),
    .init(label: "both owners gone", owners: [("fb2", 9, "default")], references: [("fb", 7), ("fb2", 8)],
          dependentStored: true, collectable: true),
    .init(label: "dependent not stored", owners: [], references: [("fb", 7)], dependentStored: false, collectable: false),
]

@Test("garbageCollectable: some owner reference, and every owner gone or with another uid", arguments: collectionCases)
func garbageCollectable(_ c: CollectionCase) throws {
    var etcd = APIServer.emptyEtcd
    for owner in c.owners {
        let object = try K8s.Object.make(.fluentBit, metadata: Fixture.meta(owner.name, namespace: owner.namespace, uid: owner.uid),
                                         spec: Fixture.zero(K8s.fluentBitSpec))
        etcd = try etcd.inserting(Fixture.key(.fluentBit, owner.name, namespace: owner.namespace), object)
    }
    let dependentKey = try Fixture.key(.configMap, "a")
    if c.dependentStored {
        let refs = try c.references.map { try Fixture.controllerRef(.fluentBit, $0.name, uid: $0.uid, controller: $0.name == "fb") }
        etcd = try etcd.inserting(dependentKey, Fixture.configMap("a", namespace: "default", uid: 1, owners: refs))
    }
    #expect(try APIServer.garbageCollectable(etcd: etcd, key: dependentKey).evaluate() == .bool(c.collectable))
}
