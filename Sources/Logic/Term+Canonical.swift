/// An injective byte encoding of terms, for fingerprinting: two terms encode equally only when
/// they are the same term. Every string is length-prefixed, every node carries its sort, and each
/// datatype is written out in full once (in order of first use) and referred to by index after.
/// A subterm object met again (terms share subtrees) is referred to by the number of subterms
/// completed before it, so a shared tree is encoded once.
struct CanonicalEncoder {
    private(set) var body: [UInt8] = []
    private var indexOfTerm: [ObjectIdentifier: Int] = [:]
    private var definitions: [[UInt8]] = []
    private var indexOfDefinition: [[UInt8]: Int] = [:]
    private var indexOfDecl: [ObjectIdentifier: Int] = [:]
    /// The encoding of each operator without a datatype met so far (its name costs reflection).
    private var encodedOp: [Op: [UInt8]] = [:]

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
        if let i = indexOfTerm[ObjectIdentifier(term)] { tag("#"); append(i); return }
        encode(term)
        indexOfTerm[ObjectIdentifier(term)] = indexOfTerm.count
    }

    private mutating func encode(_ term: Term) {
        tag("N")
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
        case .opaque(let d, let args, _):
            tag("O"); append(d.name); append(d.parameters.count); d.parameters.forEach { append($0) }; append(d.body); append(args)
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
        default:
            if let bytes = encodedOp[op] { body += bytes; return }
            var bytes = [UInt8(ascii: "o")]
            Self.append(string: "\(op)", to: &bytes)
            encodedOp[op] = bytes
            body += bytes
        }
    }

    private mutating func append(_ sort: Sort) {
        switch sort {
        case .bool: body.append(UInt8(ascii: "B"))
        case .int: body.append(UInt8(ascii: "I"))
        case .string: body.append(UInt8(ascii: "S"))
        case .datatype(let d): let i = index(of: d); body.append(UInt8(ascii: "D")); Self.append(number: i, to: &body)
        default: body += reference(to: sort)
        }
    }

    /// A sort with each datatype as its table index.
    private mutating func reference(to sort: Sort) -> [UInt8] {
        var out: [UInt8] = []
        switch sort {
        case .bool: out.append(UInt8(ascii: "B"))
        case .int: out.append(UInt8(ascii: "I"))
        case .string: out.append(UInt8(ascii: "S"))
        case .datatype(let d): out.append(UInt8(ascii: "D")); Self.append(number: index(of: d), to: &out)
        case .map(let k, let v): out.append(UInt8(ascii: "M")); out += reference(to: k); out += reference(to: v)
        case .set(let e): out.append(UInt8(ascii: "P")); out += reference(to: e)
        case .seq(let e): out.append(UInt8(ascii: "Q")); out += reference(to: e)
        case .recursive(let n): out.append(UInt8(ascii: "R")); Self.append(string: n, to: &out)
        }
        return out
    }

    /// The table index of a datatype, adding its definition (after those of the datatypes its
    /// fields use) on first use.
    private mutating func index(of d: DatatypeDecl) -> Int {
        if let i = indexOfDecl[ObjectIdentifier(d)] { return i }
        var definition: [UInt8] = []
        Self.append(string: d.name, to: &definition)
        Self.append(number: d.constructors.count, to: &definition)
        for c in d.constructors {
            Self.append(string: c.name, to: &definition)
            Self.append(number: c.fields.count, to: &definition)
            for f in c.fields { Self.append(string: f.name, to: &definition); definition += reference(to: f.sort) }
        }
        let i = indexOfDefinition[definition] ?? definitions.count
        if i == definitions.count { definitions.append(definition); indexOfDefinition[definition] = i }
        indexOfDecl[ObjectIdentifier(d)] = i
        return i
    }

    private static func append(number n: Int, to out: inout [UInt8]) {
        if n < 0 { out.append(UInt8(ascii: "-")) }
        if n >= 0 && n < 10 { out.append(48 &+ UInt8(truncatingIfNeeded: n)); out.append(UInt8(ascii: ";")); return }
        let start = out.count
        var rest = n.magnitude
        repeat { out.append(48 &+ UInt8(truncatingIfNeeded: rest % 10)); rest /= 10 } while rest > 0
        var (i, j) = (start, out.count - 1)
        while i < j { (out[i], out[j]) = (out[j], out[i]); i += 1; j -= 1 }
        out.append(UInt8(ascii: ";"))
    }

    private static func append(string s: String, to out: inout [UInt8]) {
        let utf8 = Array(s.utf8)
        append(number: utf8.count, to: &out)
        out += utf8
    }
}
