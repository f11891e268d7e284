import Logic
import Testing

private let pod = RandomTerms.pod
private let phase = RandomTerms.phase
private let intList = RandomTerms.intList
private let podSort = RandomTerms.podSort
private let phaseSort = RandomTerms.phaseSort
private let intListSort = RandomTerms.intListSort

private func podValue(_ name: String, _ replicas: Int, _ ready: Bool, _ p: Int) -> Value {
    .datatype(pod, constructor: 0, fields: [.string(name), .int(replicas), .bool(ready), .datatype(phase, constructor: p, fields: [])])
}
private func intSet(_ xs: [Int], complemented: Bool = false) -> Value {
    .set(members: Set(xs.map(Value.int)), complemented: complemented)
}
private func list(_ xs: [Int]) -> Value {
    xs.reversed().reduce(Value.datatype(intList, constructor: 0, fields: [])) { .datatype(intList, constructor: 1, fields: [.int($1), $0]) }
}
private func listTerm(_ xs: [Int]) throws -> Term {
    try xs.reversed().reduce(Term.construct(intList, "nil")) { try .construct(intList, "cons", [.int($1), $0]) }
}

private let x = Variable("x", .int)
private let s = Variable("s", .string)
private let complementOfOne = Variable("notOne", .set(.int))
private let defaulted = Variable("defaulted", .map(.int, .string))
private let boolMap = Variable("boolMap", .map(.bool, .int))
private let boolSet = Variable("boolSet", .set(.bool))
/// Free variables for the examples; three of them are given out of normal form, as a model might give them.
private let rawEnvironment: [Variable: Value] = [
    x: .int(7),
    s: .string("ab\"\\"),
    complementOfOne: intSet([1], complemented: true),
    defaulted: .map(entries: [.int(1): .string("a"), .int(2): .string("b")], otherwise: .string("a")),
    boolMap: .map(entries: [.bool(true): .int(3)], otherwise: .int(3)),
    boolSet: intSetOfBools(complementOf: [true]),
]
private let environment = Dictionary(uniqueKeysWithValues: rawEnvironment.map { ($0.key, $0.value.normalized(as: $0.key.sort)) })
private func intSetOfBools(complementOf xs: [Bool]) -> Value {
    .set(members: Set(xs.map(Value.bool)), complemented: true)
}
private let functions: [String: @Sendable ([Value]) throws -> Value] = [
    "double": { args in
        guard case .int(let n) = args[0] else { throw EvaluationError("double needs an Int") }
        return .int(2 * n)
    },
    "answer": { _ in .int(42) },
    "broken": { _ in throw EvaluationError("broken on purpose") },
]

/// One evaluation example: a term (built lazily, so a sort error fails only its own case) and its value.
struct EvaluationCase: Sendable, CustomTestStringConvertible {
    let name: String
    let expected: Value
    let make: @Sendable () throws -> Term
    init(_ name: String, _ expected: Value, _ make: @escaping @Sendable () throws -> Term) {
        self.name = name; self.expected = expected; self.make = make
    }
    var testDescription: String { name }
}

private let evaluationCases: [EvaluationCase] = [
    // Literals, variables, functions
    .init("bool literal", .bool(true)) { .true },
    .init("int literal", .int(-3)) { .int(-3) },
    .init("string literal", .string("a\"\\")) { .string("a\"\\") },
    .init("free variable", .int(7)) { x.term },
    .init("uninterpreted constant", .int(42)) { .uninterpreted("answer", [], .int) },
    .init("uninterpreted function", .int(14)) { .uninterpreted("double", [x.term], .int) },
    // Boolean connectives
    .init("not", .bool(false)) { try !Term.true },
    .init("and", .bool(false)) { try .apply(.and, [.true, .false, .true]) },
    .init("and of nothing", .bool(true)) { try .apply(.and, []) },
    .init("or", .bool(true)) { try .apply(.or, [.false, .true]) },
    .init("or of nothing", .bool(false)) { try .apply(.or, []) },
    .init("implies with false premise", .bool(true)) { try Term.false ==> .false },
    .init("implies", .bool(false)) { try Term.true ==> .false },
    .init("iff", .bool(true)) { try Term.false <==> .false },
    .init("and short-circuits past an overflow", .bool(false)) { try .false && (Term.int(.max) + 1 .== 0) },
    .init("or short-circuits past a partial read", .bool(true)) {
        try .true || (Term.apply(.access(intList, 1, 0), [.construct(intList, "nil")]) .== 0)
    },
    // Equality
    .init("== on Int", .bool(false)) { try Term.int(1) .== 2 },
    .init("== on String", .bool(true)) { try Term.string("ab").concat("c") .== "abc" },
    .init("== on records", .bool(true)) {
        try Term.record(pod, ["name": "p", "replicas": 1, "ready": true, "phase": .enumCase(phase, "done")])
            .== Term.literal(podValue("p", 1, true, 2), sort: podSort)
    },
    .init("== on maps ignores insertion order", .bool(true)) {
        try Term.emptyMap(.int, .string).inserting(1, "a").inserting(2, "b")
            .== Term.emptyMap(.int, .string).inserting(2, "b").inserting(1, "a")
    },
    .init("== on strings is by Unicode scalars", .bool(false)) { try Term.string("\u{E9}") .== Term.string("e\u{301}") },
    // Integers
    .init("+", .int(6)) { try .apply(.add, [1, 2, 3]) },
    .init("+ of one", .int(5)) { try .apply(.add, [5]) },
    .init("-", .int(-4)) { try Term.int(3) - 7 },
    .init("negate", .int(-7)) { try -x.term },
    .init("*", .int(-24)) { try .apply(.mul, [2, -3, 4]) },
    .init("* near the limit", .int(Int.max - 1)) { try Term.int(Int.max / 2) * 2 },
    .init("<", .bool(true)) { try Term.int(-1) < 0 },
    .init("< equal", .bool(false)) { try Term.int(0) < 0 },
    .init("<=", .bool(true)) { try Term.int(0) <= 0 },
    // Strings
    .init("str.++", .string("ab\"\\c")) { try .apply(.strConcat, [s.term, "c"]) },
    .init("str.len counts scalars", .int(3)) { try Term.string("e\u{301}\u{E9}").length },
    .init("str.len of an emoji with a modifier", .int(2)) { try Term.string("👍🏽").length },
    .init("str.prefixof", .bool(true)) { try s.term.hasPrefix("ab") },
    .init("str.prefixof by scalars", .bool(false)) { try Term.string("\u{E9}").hasPrefix("e") },
    .init("str.prefixof of empty", .bool(true)) { try Term.string("").hasPrefix("") },
    .init("str.contains", .bool(true)) { try s.term.containsString("\"\\") },
    .init("str.contains by scalars", .bool(true)) { try Term.string("xe\u{301}").containsString("e") },
    .init("str.contains missing", .bool(false)) { try s.term.containsString("ba") },
    .init("str.from_int", .string("120")) { try Term.int(120).decimalString },
    .init("str.from_int of 0", .string("0")) { try Term.int(0).decimalString },
    .init("str.from_int of a negative number", .string("")) { try Term.int(-5).decimalString },
    // Datatypes
    .init("record construction", podValue("p", 2, false, 1)) {
        try .record(pod, ["replicas": 2, "name": "p", "ready": false, "phase": .enumCase(phase, "running")])
    },
    .init("record field", .int(2)) {
        try Term.literal(podValue("p", 2, false, 1), sort: podSort)["replicas"]
    },
    .init("record update", podValue("q", 2, false, 1)) {
        try Term.literal(podValue("p", 2, false, 1), sort: podSort).with("name", "q")
    },
    .init("accessor on the right constructor", .int(4)) { try .apply(.access(intList, 1, 0), [listTerm([4, 5])]) },
    .init("tester true", .bool(true)) { try listTerm([1]).is("cons") },
    .init("tester false", .bool(false)) { try listTerm([]).is("cons") },
    .init("option some", .option(.int(1), of: .int)) { .some(1) },
    .init("option none tester", .bool(true)) { try Term.none(.int).isNone },
    // Sequences
    .init("seq.empty", .seq([])) { .emptySeq(.int) },
    .init("seq.unit", .seq([.int(3)])) { try .apply(.seqUnit, [3]) },
    .init("seq.++", .seq([.int(1), .int(2), .int(3)])) { try Term.seq([1, 2], of: .int).concatenating(.seq([3], of: .int)) },
    .init("seq.len", .int(2)) { try Term.seq([1, 2], of: .int).length },
    .init("seq.at in range", .option(.int(20), of: .int)) { try Term.seq([10, 20], of: .int).element(at: 1) },
    .init("seq.at past the end", .option(nil, of: .int)) { try Term.seq([10, 20], of: .int).element(at: 2) },
    .init("seq.at negative", .option(nil, of: .int)) { try Term.seq([10, 20], of: .int).element(at: -1) },
    .init("seq.contains", .bool(true)) { try Term.seq([10, 20], of: .int).contains(20) },
    .init("seq.contains missing", .bool(false)) { try Term.seq([10, 20], of: .int).contains(30) },
    // Maps
    .init("map.empty", .map(entries: [:], otherwise: nil)) { .emptyMap(.int, .string) },
    .init("map.insert overwrites", .map(entries: [.int(1): .string("b")], otherwise: nil)) {
        try Term.emptyMap(.int, .string).inserting(1, "a").inserting(1, "b")
    },
    .init("map.remove", .map(entries: [.int(2): .string("b")], otherwise: nil)) {
        try Term.emptyMap(.int, .string).inserting(1, "a").inserting(2, "b").removing(1)
    },
    .init("map.remove of an absent key", .map(entries: [:], otherwise: nil)) { try Term.emptyMap(.int, .string).removing(1) },
    .init("map.lookup present", .option(.string("a"), of: .string)) { try Term.emptyMap(.int, .string).inserting(1, "a").lookup(1) },
    .init("map.lookup absent", .option(nil, of: .string)) { try Term.emptyMap(.int, .string).inserting(1, "a").lookup(2) },
    .init("map.hasKey", .bool(true)) { try Term.emptyMap(.string, .int).inserting("k", 1).hasKey("k") },
    .init("map.hasKey after remove", .bool(false)) { try Term.emptyMap(.string, .int).inserting("k", 1).removing("k").hasKey("k") },
    .init("defaulted map lookup", .option(.string("a"), of: .string)) { try defaulted.term.lookup(99) },
    .init("defaulted map hasKey", .bool(true)) { try defaulted.term.hasKey(99) },
    .init("defaulted map insert of the default", .map(entries: [.int(2): .string("b")], otherwise: .string("a"))) {
        try defaulted.term.inserting(2, "b").inserting(5, "a")
    },
    .init("defaulted map over Bool keys is spelled out", .bool(true)) {
        try boolMap.term .== Term.emptyMap(.bool, .int).inserting(true, 3).inserting(false, 3)
    },
    // Sets
    .init("set.empty", intSet([])) { .emptySet(.int) },
    .init("set.insert", intSet([1, 2])) { try Term.emptySet(.int).inserting(1).inserting(2).inserting(1) },
    .init("set.remove", intSet([2])) { try Term.emptySet(.int).inserting(1).inserting(2).removing(1) },
    .init("set.contains", .bool(true)) { try Term.emptySet(.int).inserting(1).contains(1) },
    .init("set.union", intSet([1, 2, 3])) { try Term.literal(intSet([1, 2]), sort: .set(.int)).union(.literal(intSet([2, 3]), sort: .set(.int))) },
    .init("set.intersection", intSet([2])) { try Term.literal(intSet([1, 2]), sort: .set(.int)).intersection(.literal(intSet([2, 3]), sort: .set(.int))) },
    .init("set.difference", intSet([1])) { try Term.literal(intSet([1, 2]), sort: .set(.int)).subtracting(.literal(intSet([2, 3]), sort: .set(.int))) },
    .init("set.subset", .bool(true)) { try Term.literal(intSet([2]), sort: .set(.int)).isSubset(of: .literal(intSet([2, 3]), sort: .set(.int))) },
    .init("set.subset not", .bool(false)) { try Term.literal(intSet([1, 2]), sort: .set(.int)).isSubset(of: .literal(intSet([2, 3]), sort: .set(.int))) },
    .init("complement contains", .bool(true)) { try complementOfOne.term.contains(2) },
    .init("complement does not contain", .bool(false)) { try complementOfOne.term.contains(1) },
    .init("complement insert", intSet([], complemented: true)) { try complementOfOne.term.inserting(1) },
    .init("complement remove", intSet([1, 5], complemented: true)) { try complementOfOne.term.removing(5) },
    .init("union with a complement", intSet([], complemented: true)) { try complementOfOne.term.union(Term.emptySet(.int).inserting(1)) },
    .init("intersection with a complement", intSet([2])) { try complementOfOne.term.intersection(Term.emptySet(.int).inserting(1).inserting(2)) },
    .init("difference of a complement", intSet([1, 2], complemented: true)) { try complementOfOne.term.subtracting(Term.emptySet(.int).inserting(2)) },
    .init("difference by a complement", intSet([1])) { try Term.emptySet(.int).inserting(1).inserting(2).subtracting(complementOfOne.term) },
    .init("complement not a subset of a finite set", .bool(false)) { try complementOfOne.term.isSubset(of: Term.emptySet(.int).inserting(2)) },
    .init("finite set a subset of a complement", .bool(true)) { try Term.emptySet(.int).inserting(2).isSubset(of: complementOfOne.term) },
    .init("complement subset of complement", .bool(true)) { try complementOfOne.term.removing(3).isSubset(of: complementOfOne.term) },
    .init("complement over Bool is spelled out", .set(members: [.bool(false)], complemented: false)) { boolSet.term },
    .init("complement over Bool equals its spelling", .bool(true)) { try boolSet.term .== Term.emptySet(.bool).inserting(false) },
    // Control and binders
    .init("ite then", .string("yes")) { try .ite(.true, "yes", "no") },
    .init("ite else", .string("no")) { try .ite(Term.int(1) < 0, "yes", "no") },
    .init("let", .int(14)) { try .letIn("y", x.term + x.term) { y in y } },
    .init("nested let shadows", .int(3)) { try .letIn("y", 1) { (_) throws(SortError) in try .letIn("y", 3) { y in y } } },
    .init("let sees the outer binding", .int(4)) { try .letIn("y", 1) { (y) throws(SortError) in try .letIn("z", 3) { (z) throws(SortError) in try y + z } } },
    .init("match on cons", .int(9)) { try .match(listTerm([9, 8])) { c, f in c == "nil" ? 0 : f[0] } },
    .init("match on nil", .int(0)) { try .match(listTerm([])) { c, f in c == "nil" ? 0 : f[0] } },
    .init("match binds fields", .option(.int(8), of: .int)) {
        try .match(listTerm([9, 8])) { (c, f) throws(SortError) in
            c == "nil" ? .none(.int) : try .match(f[1]) { c2, g in c2 == "nil" ? .none(.int) : .some(g[0]) }
        }
    },
    .init("unwrap", .int(5)) { try Term.some(5).unwrap(or: 0) { $0 } },
    .init("forall over Bool", .bool(true)) { try .forall("b", .bool) { (b) throws(SortError) in try b || !b } },
    .init("forall over Bool fails", .bool(false)) { try .forall("b", .bool) { b in b } },
    .init("exists over an enum", .bool(true)) { try .exists("p", phaseSort) { (p) throws(SortError) in try p.is("done") } },
    .init("exists over an enum fails", .bool(false)) { try .exists("p", phaseSort) { (p) throws(SortError) in try p .!= p } },
    .init("forall over Option<Bool>", .bool(true)) {
        try .forall("o", .option(.bool)) { (o) throws(SortError) in try o.isNone || o .== .some(.true) || o .== .some(.false) }
    },
    .init("forall over two variables", .bool(false)) {
        let a = Variable("a", .bool), b = Variable("b", phaseSort)
        return try .forall([a, b], a.term || b.term.is("pending"))
    },
    .init("exists over two variables", .bool(true)) {
        let a = Variable("a", .bool), b = Variable("b", phaseSort)
        return try .exists([a, b], !a.term && b.term.is("done"))
    },
    .init("quantifier inside let", .bool(true)) { try .letIn("y", x.term) { (y) throws(SortError) in try .forall("b", .bool) { (b) throws(SortError) in try .ite(b, y, y) .== 7 } } },
]

@Test(arguments: evaluationCases)
func evaluatesEveryOperationAndNode(_ c: EvaluationCase) throws {
    let term = try c.make()
    let value = try term.evaluate(environment, functions: functions)
    #expect(value == c.expected, "\(term)")
}

/// A term whose evaluation must fail, with a phrase the error message must contain.
struct FailingEvaluation: Sendable, CustomTestStringConvertible {
    let name: String
    let phrase: String
    let make: @Sendable () throws -> Term
    init(_ name: String, _ phrase: String, _ make: @escaping @Sendable () throws -> Term) {
        self.name = name; self.phrase = phrase; self.make = make
    }
    var testDescription: String { name }
}

private let failingEvaluations: [FailingEvaluation] = [
    .init("+ overflows", "integer overflow in +") { try Term.int(.max) + 1 },
    .init("- overflows", "integer overflow in -") { try Term.int(.min) - 1 },
    .init("negate overflows", "integer overflow in negate") { try -Term.int(.min) },
    .init("* overflows", "integer overflow in *") { try Term.int(.max / 2 + 1) * 2 },
    .init("n-ary + overflows midway", "integer overflow in +") { try .apply(.add, [.int(.max), 1, -1]) },
    .init("accessor on another constructor", "IntList.head read from a value built by nil, not cons") {
        try .apply(.access(intList, 1, 0), [.construct(intList, "nil")])
    },
    .init("quantifier over Int", "quantifier over n!1: Int is not a finite sort") { try .forall("n", .int) { (n) throws(SortError) in try n .== n } },
    .init("quantifier over a recursive datatype", "quantifier over l!1: IntList is not a finite sort") {
        try .exists("l", intListSort) { (l) throws(SortError) in try l.is("nil") }
    },
    .init("unbound variable", "variable y: Int has no value") { Variable("y", .int).term },
    .init("variable of another sort", "variable x: String has no value") { Variable("x", .string).term },
    .init("missing function", "uninterpreted function f has no interpretation") { .uninterpreted("f", [], .int) },
    .init("failing function", "broken on purpose") { .uninterpreted("broken", [], .int) },
    .init("remove from a defaulted map", "cannot be represented") { try defaulted.term.removing(3) },
]

@Test(arguments: failingEvaluations)
func evaluationFailsWithAReason(_ c: FailingEvaluation) throws {
    let term = try c.make()
    let error = #expect(throws: EvaluationError.self) { try term.evaluate(environment, functions: functions) }
    #expect(error?.message.contains(c.phrase) == true, "\(error?.message ?? "no error")")
}

/// Building this must throw a `SortError` with exactly this message.
struct IllSortedConstruction: Sendable, CustomTestStringConvertible {
    let message: String
    let make: @Sendable () throws -> Term
    init(_ message: String, _ make: @escaping @Sendable () throws -> Term) { self.message = message; self.make = make }
    var testDescription: String { message }
}

private let illSortedConstructions: [IllSortedConstruction] = [
    .init("+: argument 2 must be Int, got String") { try Term.int(1) + Term.string("a") },
    .init("== compares Int with String") { try Term.int(1) .== Term.string("1") },
    .init("not: argument 1 must be Bool, got Int") { try !Term.int(1) },
    .init("map.lookup: argument 2 must be Int, got String") { try Term.emptyMap(.int, .string).lookup("a") },
    .init("map.insert: argument 3 must be String, got Int") { try Term.emptyMap(.int, .string).inserting(1, 2) },
    .init("set.union: argument 2 must be Set<Int>, got Set<String>") { try Term.emptySet(.int).union(.emptySet(.string)) },
    .init("seq.contains: argument 2 must be Int, got Bool") { try Term.emptySeq(.int).contains(.true) },
    .init("Pod: field 'replicas' missing") { try .record(pod, ["name": "p", "ready": true, "phase": .enumCase(phase, "done")]) },
    .init("Pod has no field 'image'") { try .record(pod, ["image": "nginx"]) },
    .init("Pod.Pod: field 'replicas' must be Int, got String") { try .construct(pod, "Pod", ["p", "2", .true, .enumCase(phase, "done")]) },
    .init("field 'head' of IntList is partial (several constructors); use match") { try listTerm([1])["head"] },
    .init("Phase has no constructor 'failed'") { try .enumCase(phase, "failed") },
    .init("if-then-else branches differ: Int vs String") { try .ite(.true, 1, "one") },
    .init("if-then-else condition must be Bool, got Int") { try .ite(1, 1, 2) },
    .init("quantifier body must be Bool, got Int") { try .forall([Variable("n", .int)], .int(1)) },
    .init("trigger double(k) mentions none of the bound variables") {
        let n = Variable("n", .int), k = Variable("k", .int)
        return try .forall([n], triggers: [[.uninterpreted("double", [k.term], .int)]], n.term .== n.term)
    },
    .init("a trigger must be an application, not the variable n") {
        let n = Variable("n", .int)
        return try .forall([n], triggers: [[n.term]], n.term .== n.term)
    },
    .init("match needs a datatype, got Int") { try .match(1) { _, _ in .true } },
    .init("match on IntList: arm 'cons' has sort Bool, expected Int") { try .match(listTerm([])) { c, _ in c == "nil" ? 0 : .true } },
    .init("the value 1 is not of sort String") { try .literal(.int(1), sort: .string) },
    .init("the set complement {1} is the complement of a finite set of Int; no term denotes it") {
        try .literal(intSet([1], complemented: true), sort: .set(.int))
    },
    .init("the map {_ → \"a\"} sends all but finitely many keys of Int to \"a\"; no term denotes it") {
        try .literal(.map(entries: [:], otherwise: .string("a")), sort: .map(.int, .string))
    },
]

@Test(arguments: illSortedConstructions)
func illSortedConstructionThrows(_ c: IllSortedConstruction) {
    let error = #expect(throws: SortError.self) { try c.make() }
    #expect(error?.message == c.message)
}

@Test func finiteSortsAreEnumerated() throws {
    #expect(Sort.bool.allValues == [.bool(false), .bool(true)])
    #expect(phaseSort.allValues?.count == 3)
    #expect(Sort.option(.bool).allValues == [.option(nil, of: .bool), .option(.bool(false), of: .bool), .option(.bool(true), of: .bool)])
    let pair = DatatypeDecl.record("Pair", [.init("flag", .bool), .init("phase", phaseSort)])
    let pairs = try #require(Sort.datatype(pair).allValues)
    #expect(pairs.count == 6 && Set(pairs).count == 6)
    #expect(Sort.int.allValues == nil)
    #expect(podSort.allValues == nil)
    #expect(intListSort.allValues == nil)
}

@Test func normalisationMakesFunctionallyEqualValuesEqual() {
    let m1 = Value.map(entries: [.int(1): .string("a"), .int(2): .string("b")], otherwise: .string("a"))
    let m2 = Value.map(entries: [.int(2): .string("b")], otherwise: .string("a"))
    #expect(m1 != m2)
    #expect(m1.normalized(as: .map(.int, .string)) == m2)
    #expect(!m1.isNormalized(as: .map(.int, .string)) && m2.isNormalized(as: .map(.int, .string)))
    let nested = Value.seq([intSetOfBools(complementOf: []), .set(members: [.bool(true), .bool(false)], complemented: false)])
    let normal = nested.normalized(as: .seq(.set(.bool)))
    #expect(normal == .seq([.set(members: [.bool(true), .bool(false)], complemented: false),
                            .set(members: [.bool(true), .bool(false)], complemented: false)]))
    let notNormal: Set<Variable> = [defaulted, boolMap, boolSet]
    for (variable, value) in rawEnvironment {
        #expect(value.isNormalized(as: variable.sort) == !notNormal.contains(variable), "\(variable.name)")
        #expect(environment[variable]!.isNormalized(as: variable.sort))
    }
    #expect(Value.string("\u{E9}") != .string("e\u{301}"))
    #expect(Set([Value.string("\u{E9}"), .string("e\u{301}")]).count == 2)
}

/// Set operations on possibly complemented sets agree with membership, checked on a window of
/// integers that contains every member plus one outsider (whose membership stands for all others).
@Test func complementedSetOperationsAgreeWithMembership() throws {
    var rng = SplitMix64(state: 7)
    let window = Array(0..<6) + [100]
    func randomSet() -> (value: Value, contains: (Int) -> Bool) {
        let members = (0..<6).filter { _ in rng.below(2) == 0 }
        let complemented = rng.below(2) == 0
        return (intSet(members, complemented: complemented), { members.contains($0) != complemented })
    }
    let a = Variable("a", .set(.int)), b = Variable("b", .set(.int))
    for _ in 0..<200 {
        let (av, inA) = randomSet()
        let (bv, inB) = randomSet()
        let env = [a: av, b: bv]
        let ops: [(Term, (Int) -> Bool)] = [
            (try a.term.union(b.term), { inA($0) || inB($0) }),
            (try a.term.intersection(b.term), { inA($0) && inB($0) }),
            (try a.term.subtracting(b.term), { inA($0) && !inB($0) }),
        ]
        for (term, expected) in ops {
            for n in window {
                #expect(try term.contains(.int(n)).evaluate(env) == .bool(expected(n)), "\(term) at \(n) with a=\(av), b=\(bv)")
            }
        }
        let subset = window.allSatisfy { !inA($0) || inB($0) }
        #expect(try a.term.isSubset(of: b.term).evaluate(env) == .bool(subset), "a=\(av) ⊆ b=\(bv)")
        let equal = window.allSatisfy { inA($0) == inB($0) }
        #expect(try (a.term .== b.term).evaluate(env) == .bool(equal), "a=\(av) == b=\(bv)")
    }
}

@Test(arguments: RandomTerms.sortsUnderTest)
func literalsRoundTrip(_ sort: Sort) throws {
    var generator = RandomTerms(seed: 0x5EED &+ sort.description.stableHash)
    for i in 0..<2_000 {
        let term = generator.term(of: sort, depth: i % 6)
        let value = try term.evaluate()
        let literal = try Term.literal(value, sort: sort)
        #expect(literal.sort == sort)
        #expect(literal.freeVariables.isEmpty)
        #expect(try literal.evaluate() == value, "\(term) evaluates to \(value), but its literal \(literal) does not")
    }
}

@Test(arguments: RandomTerms.sortsUnderTest)
func randomTermsAreClosedWellSortedAndDefined(_ sort: Sort) throws {
    var generator = RandomTerms(seed: 42 &+ sort.description.stableHash)
    for i in 0..<10_000 {
        let term = generator.term(of: sort, depth: i % 7)
        #expect(term.sort == sort)
        #expect(term.freeVariables.isEmpty, "\(term)")
        #expect(throws: Never.self, "\(term)") { _ = try term.evaluate() }
    }
}

@Test func randomTermsAreDeterministicFromTheSeed() throws {
    var first = RandomTerms(seed: 99), second = RandomTerms(seed: 99), other = RandomTerms(seed: 100)
    var differs = false
    for sort in RandomTerms.sortsUnderTest {
        for _ in 0..<50 {
            let a = first.term(of: sort, depth: 4), b = second.term(of: sort, depth: 4), c = other.term(of: sort, depth: 4)
            #expect(a.shape == b.shape)
            #expect(try a.evaluate() == b.evaluate())
            differs = differs || a.shape != c.shape
        }
    }
    #expect(differs)
}

/// The generator reaches every operation and node kind (except the sortless empties' checked forms).
@Test func randomTermsCoverTheLanguage() {
    var generator = RandomTerms(seed: 3)
    var seen = Set<String>()
    for sort in RandomTerms.sortsUnderTest {
        for _ in 0..<300 { generator.term(of: sort, depth: 5).collectKinds(into: &seen) }
    }
    let expected: Set<String> = [
        "bool", "int", "string", "variable", "ite", "forall", "exists", "let", "match",
        "not", "and", "or", "=>", "<=>", "==", "+", "-", "negate", "*", "<", "<=",
        "str.++", "str.len", "str.prefixof", "str.contains", "str.from_int", "construct", "access", "test",
        "seq.empty", "seq.unit", "seq.++", "seq.len", "seq.at", "seq.contains",
        "map.empty", "map.insert", "map.remove", "map.lookup", "map.hasKey",
        "set.empty", "set.insert", "set.remove", "set.contains", "set.union", "set.intersection", "set.difference", "set.subset",
    ]
    #expect(expected.subtracting(seen).isEmpty, "never generated: \(expected.subtracting(seen).sorted())")
}

extension Term {
    /// The term's description with the library's fresh binder suffixes (`#n`) erased, so terms
    /// from two generator runs can be compared.
    var shape: String {
        description.split(separator: "#").enumerated().map { i, part in i == 0 ? Substring(part) : part.drop { $0.isNumber } }.joined()
    }

    func collectKinds(into seen: inout Set<String>) {
        switch node {
        case .bool: seen.insert("bool")
        case .int: seen.insert("int")
        case .string: seen.insert("string")
        case .variable: seen.insert("variable")
        case .uninterpreted(_, let args):
            seen.insert("uninterpreted")
            for a in args { a.collectKinds(into: &seen) }
        case .opaque(_, let args, _):
            seen.insert("opaque")
            for a in args { a.collectKinds(into: &seen) }
        case .apply(let op, let args):
            switch op {
            case .construct: seen.insert("construct")
            case .access: seen.insert("access")
            case .test: seen.insert("test")
            default: seen.insert(op.name)
            }
            for a in args { a.collectKinds(into: &seen) }
        case .ite(let c, let a, let b):
            seen.insert("ite")
            for t in [c, a, b] { t.collectKinds(into: &seen) }
        case .forall(_, let body, _):
            seen.insert("forall")
            body.collectKinds(into: &seen)
        case .exists(_, let body, _):
            seen.insert("exists")
            body.collectKinds(into: &seen)
        case .labeled(_, let body):
            seen.insert("labeled")
            body.collectKinds(into: &seen)
        case .letIn(_, let value, let body):
            seen.insert("let")
            value.collectKinds(into: &seen)
            body.collectKinds(into: &seen)
        case .match(let scrutinee, let arms):
            seen.insert("match")
            scrutinee.collectKinds(into: &seen)
            for arm in arms { arm.body.collectKinds(into: &seen) }
        }
    }
}

extension String {
    /// An FNV-1a hash, the same in every process (Swift's `hashValue` is seeded per process).
    var stableHash: UInt64 {
        utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
