import Logic

/// Sorts and helpers shared by the prover tests.
enum ProverFixtures {
    static let point = DatatypeDecl.record("Point", [.init("x", .int), .init("y", .int)])
    static let color = DatatypeDecl.enumeration("Color", ["red", "green", "blue"])
    static let list = DatatypeDecl("IntList", [
        .init("nil"),
        .init("cons", [.init("head", .int), .init("tail", .recursive("IntList"))]),
    ])
    /// A record nesting another record, an option, a sequence, a map and a set.
    static let shape = DatatypeDecl.record("Shape", [
        .init("corner", .datatype(point)),
        .init("label", .option(.string)),
        .init("path", .seq(.datatype(point))),
        .init("tags", .map(.string, .int)),
        .init("colors", .set(.datatype(color))),
    ])

    static func x() -> Term { .variable("x", .int) }

    static func cons(_ head: Term, _ tail: Term) throws -> Term { try .construct(list, "cons", [head, tail]) }
    static func nilList() throws -> Term { try .construct(list, "nil") }
    static func head(_ l: Term) throws -> Term { try .apply(.access(list, 1, 0), [l]) }
    static func tail(_ l: Term) throws -> Term { try .apply(.access(list, 1, 1), [l]) }

    static func listValue(_ elements: [Int]) -> Value {
        elements.reversed().reduce(Value.datatype(list, constructor: 0, fields: [])) { tail, head in
            .datatype(list, constructor: 1, fields: [.int(head), tail])
        }
    }
    static func pointValue(_ x: Int, _ y: Int) -> Value { .datatype(point, constructor: 0, fields: [.int(x), .int(y)]) }
    static func colorValue(_ name: String) -> Value { .datatype(color, constructor: color.constructorIndex(name)!, fields: []) }

    /// What a decoded map gives for a key: the entry, else the default.
    static func lookup(_ map: Value, _ key: Value) -> Value? {
        guard case .map(let entries, let otherwise) = map else { return nil }
        return entries[key] ?? otherwise
    }

    /// Whether a decoded set contains an element.
    static func contains(_ set: Value, _ element: Value) -> Bool? {
        guard case .set(let members, let complemented) = set else { return nil }
        return members.contains(element) != complemented
    }
}
