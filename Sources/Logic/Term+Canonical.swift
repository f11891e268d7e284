/// An injective byte encoding of terms, for fingerprinting: two terms encode equally only when
/// they are the same term. Every string is length-prefixed, every node carries its sort, and each
/// datatype is written out in full once (in order of first use) and referred to by index after.
struct CanonicalEncoder {
    private(set) var body: [UInt8] = []
    private var definitions: [[UInt8]] = []
    private var indexOfDefinition: [[UInt8]: Int] = [:]
    private var indexOfDecl: [ObjectIdentifier: Int] = [:]

    /// The datatype table followed by everything encoded so far.
    var bytes: [UInt8] {
        var out: [UInt8] = []
        Self.append(number: definitions.count, to: &out)
        for d in definitions { out += d }
        return out + body
    }

    mutating func append(_ text: String) { Self.append(string: text, to: &body) }
    mutating func append(_ n: Int) { Self.append(number: n, to: &body) }

    mutating func append(_ term: Term) {
        append(term.sort)
        switch term.node {
        case .bool(let b): tag(b ? "T" : "F")
        case .int(let n): tag("i"); append(n)
        case .string(let s): tag("s"); append(s)
        case .variable(let v): tag("v"); append(v)
        case .apply(let op, let args): tag("a"); append(op); append(args)
        case .ite(let c, let t, let e): tag("?"); append([c, t, e])
        case .uninterpreted(let name, let args): tag("u"); append(name); append(args)
        case .forall(let vars, let body, let triggers): tag("A"); quantifier(vars, body, triggers)
        case .exists(let vars, let body, let triggers): tag("E"); quantifier(vars, body, triggers)
        case .letIn(let v, let value, let body): tag("l"); append(v); append([value, body])
        case .match(let scrutinee, let cases):
            tag("m"); append(scrutinee); append(cases.count)
            for c in cases { append(c.constructor); append(c.bindings.count); c.bindings.forEach { append($0) }; append(c.body) }
        case .labeled(let label, let t): tag("L"); append(label); append(t)
        }
    }

    private mutating func quantifier(_ vars: [Variable], _ body: Term, _ triggers: [[Term]]) {
        append(vars.count); vars.forEach { append($0) }
        append(body)
        append(triggers.count); triggers.forEach { append($0) }
    }

    private mutating func append(_ terms: [Term]) { append(terms.count); terms.forEach { append($0) } }
    private mutating func append(_ v: Variable) { append(v.name); append(v.sort) }
    private mutating func tag(_ t: Unicode.Scalar) { body.append(UInt8(ascii: t)) }

    private mutating func append(_ op: Op) {
        switch op {
        case .construct(let d, let c): tag("c"); append(index(of: d)); append(c)
        case .access(let d, let c, let f): tag("f"); append(index(of: d)); append(c); append(f)
        case .test(let d, let c): tag("t"); append(index(of: d)); append(c)
        default: tag("o"); append("\(op)")
        }
    }

    private mutating func append(_ sort: Sort) {
        if case .datatype(let d) = sort { tag("D"); append(index(of: d)) } else { Self.append(sort: sort, to: &body) }
    }

    /// The table index of a datatype, adding its full definition on first use.
    private mutating func index(of d: DatatypeDecl) -> Int {
        if let i = indexOfDecl[ObjectIdentifier(d)] { return i }
        var definition: [UInt8] = []
        Self.append(decl: d, to: &definition)
        let i = indexOfDefinition[definition] ?? definitions.count
        if i == definitions.count { definitions.append(definition); indexOfDefinition[definition] = i }
        indexOfDecl[ObjectIdentifier(d)] = i
        return i
    }

    private static func append(decl d: DatatypeDecl, to out: inout [UInt8]) {
        append(string: d.name, to: &out)
        append(number: d.constructors.count, to: &out)
        for c in d.constructors {
            append(string: c.name, to: &out)
            append(number: c.fields.count, to: &out)
            for f in c.fields { append(string: f.name, to: &out); append(sort: f.sort, to: &out) }
        }
    }

    /// A sort written out in full (datatypes inline), as inside a datatype definition.
    private static func append(sort: Sort, to out: inout [UInt8]) {
        switch sort {
        case .bool: out.append(UInt8(ascii: "B"))
        case .int: out.append(UInt8(ascii: "I"))
        case .string: out.append(UInt8(ascii: "S"))
        case .datatype(let d): out.append(UInt8(ascii: "d")); append(decl: d, to: &out)
        case .map(let k, let v): out.append(UInt8(ascii: "M")); append(sort: k, to: &out); append(sort: v, to: &out)
        case .set(let e): out.append(UInt8(ascii: "P")); append(sort: e, to: &out)
        case .seq(let e): out.append(UInt8(ascii: "Q")); append(sort: e, to: &out)
        case .recursive(let n): out.append(UInt8(ascii: "R")); append(string: n, to: &out)
        }
    }

    private static func append(number n: Int, to out: inout [UInt8]) { out += Array("\(n);".utf8) }

    private static func append(string s: String, to out: inout [UInt8]) {
        let utf8 = Array(s.utf8)
        append(number: utf8.count, to: &out)
        out += utf8
    }
}
