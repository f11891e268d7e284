import Controllers
import Testing

/// Every datatype reachable from a sort, by name; `conflicts` collects names used for two structures.
private func datatypes(reachableFrom sort: Sort, into found: inout [String: DatatypeDecl], conflicts: inout Set<String>) {
    switch sort {
    case .datatype(let d):
        if let seen = found[d.name] {
            if seen.signature != d.signature { conflicts.insert(d.name) }
            return
        }
        found[d.name] = d
        for (i, c) in d.constructors.enumerated() {
            for j in c.fields.indices { datatypes(reachableFrom: d.fieldSort(i, j), into: &found, conflicts: &conflicts) }
        }
    case .map(let k, let v):
        datatypes(reachableFrom: k, into: &found, conflicts: &conflicts)
        datatypes(reachableFrom: v, into: &found, conflicts: &conflicts)
    case .set(let e), .seq(let e): datatypes(reachableFrom: e, into: &found, conflicts: &conflicts)
    default: break
    }
}

/// Every datatype the API server's requests and outcomes mention.
private func allDatatypes() -> (found: [String: DatatypeDecl], conflicts: Set<String>) {
    var found: [String: DatatypeDecl] = [:], conflicts: Set<String> = []
    for sort in [Sort.datatype(APIServer.outcome), .datatype(APIServer.request)] {
        datatypes(reachableFrom: sort, into: &found, conflicts: &conflicts)
    }
    return (found, conflicts)
}

@Test("every opaque field exists and is an optional string or a sequence of strings")
func opaqueFieldsExist() {
    let found = allDatatypes().found
    #expect(K8s.opaqueFields.count == Set(K8s.opaqueFields).count)
    for entry in K8s.opaqueFields {
        let parts = entry.split(separator: ".").map(String.init)
        let field = found[parts[0]]?.constructors.first?.fields.first { $0.name == parts[1] }
        #expect(field?.sort == .option(.string) || field?.sort == .seq(.string), "\(entry)")
    }
}

@Test("no datatype name is used for two structures")
func datatypeNamesAreUnique() {
    let (found, conflicts) = allDatatypes()
    #expect(conflicts.isEmpty)
    #expect(found.count > 50)
}

@Test("an object unmarshals exactly when its spec is its kind's", arguments: K8s.Kind.allCases)
func specMatchesKind(_ kind: K8s.Kind) throws {
    for other in K8s.Kind.allCases {
        let object = try K8s.Object.make(other, metadata: Fixture.meta("x"), spec: Fixture.zero(other.specDecl))
            .with("kind", kind.term)
        #expect(try K8s.specMatchesKind(object).evaluate() == .bool(kind == other), "\(kind) with a \(other) spec")
        #expect(try K8s.statusMatchesKind(object).evaluate() == .bool(true), "no status fits every kind")
        if let statusDecl = other.statusDecl {
            let withStatus = try object.with("status", K8s.status(other, Fixture.zero(statusDecl)))
            #expect(try K8s.statusMatchesKind(withStatus).evaluate() == .bool(kind == other), "\(kind) with a \(other) status")
        }
    }
}

/// A spec edit and whether state validation accepts the result.
struct ValidationCase: Sendable, CustomTestStringConvertible {
    let label: String
    let object: @Sendable () throws -> Term
    let valid: Bool
    var testDescription: String { label }
}

let validationCases: [ValidationCase] = [
    .init(label: "zookeeper with 3 replicas", object: { try Fixture.zookeeper("zk", replicas: 3) }, valid: true),
    .init(label: "zookeeper with 2 replicas", object: { try Fixture.zookeeper("zk", replicas: 2) }, valid: false),
    .init(label: "zookeeper with syncLimit 0", object: { try zookeeperConf("syncLimit", 0) }, valid: false),
    .init(label: "zookeeper with min session timeout above max", object: { try zookeeperConf("minSessionTimeout", 50000) },
          valid: false),
    .init(label: "zookeeper with min session timeout equal to max", object: { try zookeeperConf("minSessionTimeout", 40000) },
          valid: true),
    .init(label: "rabbitmq with 0 replicas", object: { try Fixture.rabbitmq("r", replicas: 0) }, valid: true),
    .init(label: "rabbitmq with -1 replicas", object: { try Fixture.rabbitmq("r", replicas: -1) }, valid: false),
    .init(label: "config map", object: { try Fixture.configMap("a") }, valid: true),
]

private func zookeeperConf(_ field: String, _ value: Int) throws -> Term {
    let zk = try Fixture.zookeeper("zk", replicas: 3)
    return try K8s.Object.withSpec(zk, as: .zookeeperCluster, otherwise: zk) { (spec) throws(SortError) in
        try K8s.Object.make(.zookeeperCluster, metadata: zk["metadata"],
                            spec: spec.with("conf", spec["conf"].with(field, .int(value))))
    }
}

@Test("state validation of custom resources", arguments: validationCases)
func stateValidation(_ c: ValidationCase) throws {
    #expect(try K8s.stateIsValid(c.object()).evaluate() == .bool(c.valid))
}
