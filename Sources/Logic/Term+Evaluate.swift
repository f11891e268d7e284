/// A failure of concrete evaluation: an integer overflow (Z3's integers are unbounded), a field
/// read on a value built by another constructor, a quantifier over an infinite sort, an unbound
/// variable or uninterpreted function, or a value of the wrong shape in the environment.
public struct EvaluationError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "evaluation error: \(message)" }
}

/// The concrete interpretation of terms, agreeing with SMT-LIB/Z3 wherever Z3's result is determined.
extension Term {
    /// Evaluates the term given values for its free variables and interpretations for uninterpreted functions.
    ///
    /// Every value the evaluator builds is normal (see `Value.normalized(as:)`), so `==` on results
    /// is equality as functions, provided the values in `env` are normal too. They are taken as
    /// given, because checking would walk the whole environment on every call: values built with
    /// `otherwise: nil` and `complemented: false` throughout are normal, and values decoded from a
    /// model must be normalised before they are passed in. Function results are normalised here.
    public func evaluate(
        _ env: [Variable: Value] = [:],
        functions: [String: @Sendable ([Value]) throws -> Value] = [:]
    ) throws(EvaluationError) -> Value {
        var evaluator = Evaluator(env: env, functions: functions)
        return try evaluator.value(of: self)
    }
}

/// A tree-walking interpreter. Variables bound inside the term live on a small stack searched
/// from the top, so the caller's environment is never copied or re-hashed per node.
private struct Evaluator {
    let env: [Variable: Value]
    let functions: [String: @Sendable ([Value]) throws -> Value]
    var bound: [(variable: Variable, value: Value)] = []

    mutating func value(of t: Term) throws(EvaluationError) -> Value {
        switch t.node {
        case .bool(let b): return .bool(b)
        case .int(let n): return .int(n)
        case .string(let s): return .string(s)
        case .variable(let v): return try lookup(v)
        case .apply(let op, let args): return try apply(op, args, sort: t.sort)
        case .ite(let c, let a, let b): return try bool(c) ? value(of: a) : value(of: b)
        case .labeled(_, let body): return try value(of: body)
        case .opaque(_, _, let instance): return try value(of: instance)
        case .uninterpreted(let name, let args): return try call(name, args, sort: t.sort)
        case .forall(let vars, let body, _): return .bool(try quantify(vars, body, isForall: true))
        case .exists(let vars, let body, _): return .bool(try quantify(vars, body, isForall: false))
        case .letIn(let v, let bindingTerm, let body):
            let x = try value(of: bindingTerm)
            bound.append((v, x))
            defer { bound.removeLast() }
            return try value(of: body)
        case .match(let scrutinee, let arms):
            let (c, fields) = try constructorAndFields(scrutinee)
            guard let arm = arms.first(where: { $0.constructor == c }), arm.bindings.count == fields.count else {
                throw EvaluationError("match on \(scrutinee.sort) has no arm for constructor #\(c)")
            }
            let mark = bound.count
            for (v, x) in zip(arm.bindings, fields) { bound.append((v, x)) }
            defer { bound.removeSubrange(mark...) }
            return try value(of: arm.body)
        }
    }

    // MARK: Variables, functions, quantifiers

    func lookup(_ v: Variable) throws(EvaluationError) -> Value {
        for entry in bound.reversed() where entry.variable == v { return entry.value }
        guard let x = env[v] else { throw EvaluationError("variable \(v.name): \(v.sort) has no value") }
        return x
    }

    mutating func call(_ name: String, _ args: [Term], sort: Sort) throws(EvaluationError) -> Value {
        guard let f = functions[name] else { throw EvaluationError("uninterpreted function \(name) has no interpretation") }
        var xs: [Value] = []
        xs.reserveCapacity(args.count)
        for a in args { xs.append(try value(of: a)) }
        do {
            return try f(xs).normalized(as: sort)
        } catch let e as EvaluationError {
            throw e
        } catch {
            throw EvaluationError("uninterpreted function \(name) failed: \(error)")
        }
    }

    /// Enumerates every assignment of the bound variables, stopping at the first counterexample
    /// (for ∀) or witness (for ∃).
    mutating func quantify(_ vars: [Variable], _ body: Term, isForall: Bool) throws(EvaluationError) -> Bool {
        var domains: [[Value]] = []
        for v in vars {
            guard let values = v.sort.allValues else {
                throw EvaluationError("cannot evaluate a quantifier over \(v.name): \(v.sort) is not a finite sort")
            }
            if values.isEmpty { return isForall }
            domains.append(values)
        }
        let mark = bound.count
        for (v, d) in zip(vars, domains) { bound.append((v, d[0])) }
        defer { bound.removeSubrange(mark...) }
        var choice = [Int](repeating: 0, count: vars.count)
        while true {
            if try bool(body) != isForall { return !isForall }
            var i = vars.count - 1
            while i >= 0 {
                choice[i] += 1
                if choice[i] < domains[i].count { break }
                choice[i] = 0
                bound[mark + i].value = domains[i][0]
                i -= 1
            }
            if i < 0 { return isForall }
            bound[mark + i].value = domains[i][choice[i]]
        }
    }

    // MARK: Operations

    mutating func apply(_ op: Op, _ args: [Term], sort: Sort) throws(EvaluationError) -> Value {
        switch op {
        case .not: return .bool(!(try bool(args[0])))
        case .and:
            for a in args where !(try bool(a)) { return .bool(false) }
            return .bool(true)
        case .or:
            for a in args where try bool(a) { return .bool(true) }
            return .bool(false)
        case .implies:
            if !(try bool(args[0])) { return .bool(true) }
            return .bool(try bool(args[1]))
        case .iff: return .bool(try bool(args[0]) == bool(args[1]))
        case .eq: return .bool(try value(of: args[0]) == value(of: args[1]))

        case .add:
            var total = 0
            for a in args { total = try checked(total.addingReportingOverflow(int(a)), op) }
            return .int(total)
        case .mul:
            var product = 1
            for a in args { product = try checked(product.multipliedReportingOverflow(by: int(a)), op) }
            return .int(product)
        case .sub: return .int(try checked(int(args[0]).subtractingReportingOverflow(int(args[1])), op))
        case .neg: return .int(try checked(0.subtractingReportingOverflow(int(args[0])), op))
        case .lt: return .bool(try int(args[0]) < int(args[1]))
        case .le: return .bool(try int(args[0]) <= int(args[1]))

        case .strConcat:
            var s = ""
            for a in args { s += try string(a) }
            return .string(s)
        case .strLength: return .int(try string(args[0]).unicodeScalars.count)
        case .strPrefixOf:
            let prefix = try string(args[0])
            return .bool(try string(args[1]).utf8.starts(with: prefix.utf8))
        case .strContains:
            let whole = try string(args[0])
            return .bool(Evaluator.utf8(of: whole, contains: try string(args[1])))
        case .intToString:
            let n = try int(args[0])
            return .string(n < 0 ? "" : String(n))

        case .construct(let d, let c):
            var fields: [Value] = []
            fields.reserveCapacity(args.count)
            for a in args { fields.append(try value(of: a)) }
            return .datatype(d, constructor: c, fields: fields)
        case .access(let d, let c, let f):
            let (actual, fields) = try constructorAndFields(args[0])
            guard actual == c, f < fields.count else {
                let built = actual < d.constructors.count ? d.constructors[actual].name : "#\(actual)"
                throw EvaluationError("\(op.name) read from a value built by \(built), not \(d.constructors[c].name)")
            }
            return fields[f]
        case .test(_, let c): return .bool(try constructorAndFields(args[0]).constructor == c)

        case .seqEmpty: return .seq([])
        case .seqUnit: return .seq([try value(of: args[0])])
        case .seqConcat:
            var xs: [Value] = []
            for a in args { xs += try seq(a) }
            return .seq(xs)
        case .seqLength: return .int(try seq(args[0]).count)
        case .seqAt:
            let xs = try seq(args[0])
            let i = try int(args[1])
            return try option(xs.indices.contains(i) ? xs[i] : nil, sort: sort)
        case .seqContains:
            let xs = try seq(args[0])
            return .bool(xs.contains(try value(of: args[1])))

        case .mapEmpty: return .map(entries: [:], otherwise: nil)
        case .mapInsert:
            var (entries, otherwise) = try map(args[0])
            let k = try value(of: args[1])
            let v = try value(of: args[2])
            if v == otherwise { entries.removeValue(forKey: k) } else { entries[k] = v }
            return .map(entries: entries, otherwise: otherwise)
        case .mapRemove:
            var (entries, otherwise) = try map(args[0])
            let k = try value(of: args[1])
            guard otherwise == nil else {
                throw EvaluationError("map.remove of \(k) from a map whose other keys all map to \(otherwise!) cannot be represented")
            }
            entries.removeValue(forKey: k)
            return .map(entries: entries, otherwise: nil)
        case .mapLookup:
            let (entries, otherwise) = try map(args[0])
            return try option(entries[try value(of: args[1])] ?? otherwise, sort: sort)
        case .mapHasKey:
            let (entries, otherwise) = try map(args[0])
            let k = try value(of: args[1])
            return .bool(otherwise != nil || entries[k] != nil)

        case .setEmpty: return .set(members: [], complemented: false)
        case .setInsert, .setRemove:
            var (members, complemented) = try set(args[0])
            let x = try value(of: args[1])
            if (op == .setInsert) != complemented { members.insert(x) } else { members.remove(x) }
            return .set(members: members, complemented: complemented)
        case .setContains:
            let (members, complemented) = try set(args[0])
            return .bool(members.contains(try value(of: args[1])) != complemented)
        case .setUnion, .setIntersection, .setDifference, .setSubset:
            let a = try set(args[0])
            let b = try set(args[1])
            guard case .set(let element) = args[0].sort else { throw EvaluationError("\(op.name) on \(args[0].sort)") }
            return Evaluator.setOperation(op, a, b, element: element)
        }
    }

    /// Union, intersection, difference and subset on sets that may be complements (`¬A` has members `A`).
    static func setOperation(_ op: Op, _ a: (members: Set<Value>, complemented: Bool),
                             _ b: (members: Set<Value>, complemented: Bool), element: Sort) -> Value {
        let members: Set<Value>
        let complemented: Bool
        switch (op, a.complemented, b.complemented) {
        case (.setSubset, false, false): return .bool(a.members.isSubset(of: b.members))
        case (.setSubset, false, true): return .bool(a.members.isDisjoint(with: b.members))
        // A complement of a finite set over an infinite sort (finite sorts are never complemented
        // once normalised) is infinite, so it is a subset of no finite set.
        case (.setSubset, true, false): return .bool(false)
        case (.setSubset, true, true): return .bool(b.members.isSubset(of: a.members))
        case (.setUnion, false, false): (members, complemented) = (a.members.union(b.members), false)
        case (.setUnion, false, true): (members, complemented) = (b.members.subtracting(a.members), true)
        case (.setUnion, true, false): (members, complemented) = (a.members.subtracting(b.members), true)
        case (.setUnion, true, true): (members, complemented) = (a.members.intersection(b.members), true)
        case (.setIntersection, false, false): (members, complemented) = (a.members.intersection(b.members), false)
        case (.setIntersection, false, true): (members, complemented) = (a.members.subtracting(b.members), false)
        case (.setIntersection, true, false): (members, complemented) = (b.members.subtracting(a.members), false)
        case (.setIntersection, true, true): (members, complemented) = (a.members.union(b.members), true)
        case (.setDifference, false, false): (members, complemented) = (a.members.subtracting(b.members), false)
        case (.setDifference, false, true): (members, complemented) = (a.members.intersection(b.members), false)
        case (.setDifference, true, false): (members, complemented) = (a.members.union(b.members), true)
        case (.setDifference, true, true): (members, complemented) = (b.members.subtracting(a.members), false)
        default: preconditionFailure("\(op.name) is not a binary set operation")
        }
        return .normalizedSet(members, complemented: complemented, element: element)
    }

    static func utf8(of whole: String, contains part: String) -> Bool {
        // UTF-8 is self-synchronising, so a byte-level match is a match of whole scalars.
        let h = Array(whole.utf8), n = Array(part.utf8)
        guard let first = n.first else { return true }
        guard n.count <= h.count else { return false }
        for start in 0...(h.count - n.count) where h[start] == first {
            if h[start..<(start + n.count)].elementsEqual(n) { return true }
        }
        return false
    }

    // MARK: Typed sub-evaluations

    func checked(_ r: (partialValue: Int, overflow: Bool), _ op: Op) throws(EvaluationError) -> Int {
        guard !r.overflow else { throw EvaluationError("integer overflow in \(op.name): the exact result does not fit in 64 bits") }
        return r.partialValue
    }

    func mismatch(_ expected: String, _ got: Value) -> EvaluationError {
        EvaluationError("expected \(expected), got \(got)")
    }

    func option(_ payload: Value?, sort: Sort) throws(EvaluationError) -> Value {
        guard let d = sort.datatype, d.isOption else { throw EvaluationError("expected an option sort, got \(sort)") }
        return payload.map { .datatype(d, constructor: 1, fields: [$0]) } ?? .datatype(d, constructor: 0, fields: [])
    }

    mutating func bool(_ t: Term) throws(EvaluationError) -> Bool {
        let v = try value(of: t)
        guard case .bool(let b) = v else { throw mismatch("a Bool", v) }
        return b
    }

    mutating func int(_ t: Term) throws(EvaluationError) -> Int {
        let v = try value(of: t)
        guard case .int(let n) = v else { throw mismatch("an Int", v) }
        return n
    }

    mutating func string(_ t: Term) throws(EvaluationError) -> String {
        let v = try value(of: t)
        guard case .string(let s) = v else { throw mismatch("a String", v) }
        return s
    }

    mutating func seq(_ t: Term) throws(EvaluationError) -> [Value] {
        let v = try value(of: t)
        guard case .seq(let xs) = v else { throw mismatch("a sequence", v) }
        return xs
    }

    mutating func map(_ t: Term) throws(EvaluationError) -> (entries: [Value: Value], otherwise: Value?) {
        let v = try value(of: t)
        guard case .map(let entries, let otherwise) = v else { throw mismatch("a map", v) }
        return (entries, otherwise)
    }

    mutating func set(_ t: Term) throws(EvaluationError) -> (members: Set<Value>, complemented: Bool) {
        let v = try value(of: t)
        guard case .set(let members, let complemented) = v else { throw mismatch("a set", v) }
        return (members, complemented)
    }

    mutating func constructorAndFields(_ t: Term) throws(EvaluationError) -> (constructor: Int, fields: [Value]) {
        let v = try value(of: t)
        guard case .datatype(_, let c, let fields) = v else { throw mismatch("a value of \(t.sort)", v) }
        return (c, fields)
    }
}
