import Testing
import Logic

/// Z3's evaluation of closed terms of every sort, decoded to `Value`s.
struct ProverEvaluationTests {
    typealias F = ProverFixtures

    struct Case: Sendable, CustomTestStringConvertible {
        let term: Term
        let expected: Value
        var testDescription: String { "\(term) ⇒ \(expected)" }
    }

    static func cases() throws -> [Case] {
        let red = try Term.enumCase(F.color, "red"), blue = try Term.enumCase(F.color, "blue")
        let p = try Term.record(F.point, ["x": 1 + 1, "y": 3])
        let xs = try Term.seq([1, 2, 3], of: .int)
        let m = try Term.emptyMap(.int, .string).inserting(1, "a").inserting(2, "b").removing(1)
        let s = try Term.emptySet(.int).inserting(1).inserting(2)
        let list = try F.cons(1, F.cons(2, F.nilList()))
        return [
            Case(term: try .true && .false, expected: .bool(false)),
            Case(term: try Term.int(1) < 2 ==> .false, expected: .bool(false)),
            Case(term: try Term.int(2) * 3 + 4 - (-5), expected: .int(15)),
            Case(term: try -Term.int(7), expected: .int(-7)),
            Case(term: .int(Int.max), expected: .int(Int.max)),
            Case(term: .int(Int.min), expected: .int(Int.min)),
            Case(term: try Term.string("ab").concat("c"), expected: .string("abc")),
            Case(term: try Term.string("abc").hasPrefix("ab"), expected: .bool(true)),
            Case(term: try Term.string("abc").containsString("bd"), expected: .bool(false)),
            Case(term: try Term.int(42).decimalString, expected: .string("42")),
            Case(term: try Term.int(-1).decimalString, expected: .string("")),
            Case(term: p, expected: F.pointValue(2, 3)),
            Case(term: try p["y"], expected: .int(3)),
            Case(term: try p.with("x", 9), expected: F.pointValue(9, 3)),
            Case(term: blue, expected: F.colorValue("blue")),
            Case(term: try red.is("red"), expected: .bool(true)),
            Case(term: try .ite(blue.is("red"), red, blue), expected: F.colorValue("blue")),
            Case(term: list, expected: F.listValue([1, 2])),
            Case(term: try F.head(F.tail(list)), expected: .int(2)),
            Case(term: try Term.match(list) { (c, f) throws(SortError) in c == "nil" ? 0 : try f[0] + 10 }, expected: .int(11)),
            Case(term: .some(5), expected: .option(.int(5), of: .int)),
            Case(term: .none(.string), expected: .option(nil, of: .string)),
            Case(term: try Term.some(5).unwrap(or: 0) { $0 }, expected: .int(5)),
            Case(term: xs, expected: .seq([.int(1), .int(2), .int(3)])),
            Case(term: try xs.concatenating(.seq([4], of: .int)).length, expected: .int(4)),
            Case(term: try xs.element(at: 1), expected: .option(.int(2), of: .int)),
            Case(term: try xs.element(at: 3), expected: .option(nil, of: .int)),
            Case(term: try xs.element(at: -1), expected: .option(nil, of: .int)),
            Case(term: try xs.contains(2), expected: .bool(true)),
            Case(term: .emptySeq(.bool), expected: .seq([])),
            Case(term: m, expected: .map(entries: [.int(2): .string("b")], otherwise: nil)),
            Case(term: try m.lookup(2), expected: .option(.string("b"), of: .string)),
            Case(term: try m.hasKey(1), expected: .bool(false)),
            Case(term: .emptyMap(.string, .int), expected: .map(entries: [:], otherwise: nil)),
            Case(term: s, expected: .set(members: [.int(1), .int(2)], complemented: false)),
            Case(term: try s.union(Term.emptySet(.int).inserting(3)), expected: .set(members: [.int(1), .int(2), .int(3)], complemented: false)),
            Case(term: try s.intersection(Term.emptySet(.int).inserting(2)), expected: .set(members: [.int(2)], complemented: false)),
            Case(term: try s.subtracting(Term.emptySet(.int).inserting(2)), expected: .set(members: [.int(1)], complemented: false)),
            Case(term: try s.removing(1).contains(1), expected: .bool(false)),
            Case(term: try Term.emptySet(.int).inserting(1).isSubset(of: s), expected: .bool(true)),
            Case(term: try Term.letIn("n", 20) { (n) throws(SortError) in try n + n }, expected: .int(40)),
            Case(term: try Term.forall("b", .bool) { (b) throws(SortError) in try b || !b }, expected: .bool(true)),
        ]
    }

    @Test(arguments: try cases())
    func evaluatesClosedTerm(_ c: Case) throws {
        let prover = try Prover()
        #expect(try prover.evaluateClosed(c.term) == c.expected)
    }
}
