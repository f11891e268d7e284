import Synchronization

/// Checked constructors: the only way to build a term. Each validates the sorts of its arguments
/// and throws a `SortError` that names the operation and the offending sorts.
extension Term {
    // MARK: Literals and variables

    public static let `true` = Term(sort: .bool, node: .bool(true))
    public static let `false` = Term(sort: .bool, node: .bool(false))
    public static func bool(_ b: Bool) -> Term { b ? .true : .false }
    public static func int(_ n: Int) -> Term { Term(sort: .int, node: .int(n)) }
    public static func string(_ s: String) -> Term { Term(sort: .string, node: .string(s)) }
    public static func variable(_ name: String, _ sort: Sort) -> Term { Variable(name, sort).term }

    /// An uninterpreted function application; a constant when `args` is empty.
    /// The same term, labelled for diagnostics (a case split names its cases by their labels).
    public static func labeled(_ label: String, _ body: Term) -> Term { Term(sort: body.sort, node: .labeled(label, body)) }

    public static func uninterpreted(_ name: String, _ args: [Term] = [], _ sort: Sort) -> Term {
        Term(sort: sort, node: .uninterpreted(name, args))
    }

    // MARK: The general checked application

    /// Applies a built-in operation after checking its sort rule.
    public static func apply(_ op: Op, _ args: [Term]) throws(SortError) -> Term {
        Term(sort: try resultSort(op, args), node: .apply(op, args))
    }

    static func resultSort(_ op: Op, _ args: [Term]) throws(SortError) -> Sort {
        let sorts = args.map(\.sort)
        func arity(_ n: Int) throws(SortError) {
            guard args.count == n else {
                throw SortError("\(op.name) takes \(n) argument(s), got \(args.count)")
            }
        }
        func expect(_ i: Int, _ s: Sort) throws(SortError) {
            guard sorts[i] == s else {
                throw SortError("\(op.name): argument \(i + 1) must be \(s), got \(sorts[i])")
            }
        }
        func allOf(_ s: Sort) throws(SortError) {
            for i in sorts.indices { try expect(i, s) }
        }
        switch op {
        case .not: try arity(1); try expect(0, .bool); return .bool
        case .and, .or: try allOf(.bool); return .bool
        case .implies, .iff: try arity(2); try allOf(.bool); return .bool
        case .eq:
            try arity(2)
            guard sorts[0] == sorts[1] else { throw SortError("== compares \(sorts[0]) with \(sorts[1])") }
            return .bool
        case .add, .mul:
            guard !args.isEmpty else { throw SortError("\(op.name) needs at least one argument") }
            try allOf(.int); return .int
        case .sub: try arity(2); try allOf(.int); return .int
        case .neg: try arity(1); try expect(0, .int); return .int
        case .lt, .le: try arity(2); try allOf(.int); return .bool
        case .strConcat:
            guard !args.isEmpty else { throw SortError("++ needs at least one argument") }
            try allOf(.string); return .string
        case .strLength: try arity(1); try expect(0, .string); return .int
        case .strPrefixOf, .strContains: try arity(2); try allOf(.string); return .bool
        case .intToString: try arity(1); try expect(0, .int); return .string
        case .construct(let d, let c):
            guard c >= 0, c < d.constructors.count else { throw SortError("\(d.name) has no constructor #\(c)") }
            let ctor = d.constructors[c]
            guard args.count == ctor.fields.count else {
                throw SortError("\(d.name).\(ctor.name) takes \(ctor.fields.count) field(s), got \(args.count)")
            }
            for (i, f) in ctor.fields.enumerated() where d.resolve(f.sort) != sorts[i] {
                throw SortError("\(d.name).\(ctor.name): field '\(f.name)' must be \(d.resolve(f.sort)), got \(sorts[i])")
            }
            return .datatype(d)
        case .access(let d, let c, let f):
            try arity(1); try expect(0, .datatype(d))
            guard c >= 0, c < d.constructors.count, f >= 0, f < d.constructors[c].fields.count else {
                throw SortError("\(d.name) has no field #\(f) in constructor #\(c)")
            }
            return d.fieldSort(c, f)
        case .test(let d, let c):
            try arity(1); try expect(0, .datatype(d))
            guard c >= 0, c < d.constructors.count else { throw SortError("\(d.name) has no constructor #\(c)") }
            return .bool
        case .seqEmpty, .mapEmpty, .setEmpty:
            throw SortError("\(op.name) has no arguments to infer its sort from; use the sorted constructor")
        case .seqUnit: try arity(1); return .seq(sorts[0])
        case .seqConcat:
            guard let first = sorts.first, case .seq = first else { throw SortError("seq.++ needs sequences") }
            try allOf(first); return first
        case .seqLength:
            try arity(1)
            guard case .seq = sorts[0] else { throw SortError("seq.len needs a sequence, got \(sorts[0])") }
            return .int
        case .seqAt:
            try arity(2)
            guard case .seq(let e) = sorts[0] else { throw SortError("seq.at needs a sequence, got \(sorts[0])") }
            try expect(1, .int); return .option(e)
        case .seqContains:
            try arity(2)
            guard case .seq(let e) = sorts[0] else { throw SortError("seq.contains needs a sequence, got \(sorts[0])") }
            try expect(1, e); return .bool
        case .mapInsert:
            try arity(3)
            guard case .map(let k, let v) = sorts[0] else { throw SortError("map.insert needs a map, got \(sorts[0])") }
            try expect(1, k); try expect(2, v); return sorts[0]
        case .mapRemove, .mapLookup, .mapHasKey:
            try arity(2)
            guard case .map(let k, let v) = sorts[0] else { throw SortError("\(op.name) needs a map, got \(sorts[0])") }
            try expect(1, k)
            return op == .mapRemove ? sorts[0] : op == .mapLookup ? .option(v) : .bool
        case .setInsert, .setRemove, .setContains:
            try arity(2)
            guard case .set(let e) = sorts[0] else { throw SortError("\(op.name) needs a set, got \(sorts[0])") }
            try expect(1, e); return op == .setContains ? .bool : sorts[0]
        case .setUnion, .setIntersection, .setDifference, .setSubset:
            try arity(2)
            guard case .set = sorts[0] else { throw SortError("\(op.name) needs sets, got \(sorts[0])") }
            try expect(1, sorts[0]); return op == .setSubset ? .bool : sorts[0]
        }
    }

    // MARK: Collections with an explicit sort

    public static func emptySeq(_ element: Sort) -> Term { Term(sort: .seq(element), node: .apply(.seqEmpty, [])) }
    public static func emptyMap(_ key: Sort, _ value: Sort) -> Term { Term(sort: .map(key, value), node: .apply(.mapEmpty, [])) }
    public static func emptySet(_ element: Sort) -> Term { Term(sort: .set(element), node: .apply(.setEmpty, [])) }

    public static func seq(_ elements: [Term], of element: Sort) throws(SortError) -> Term {
        var result = emptySeq(element)
        for e in elements {
            guard e.sort == element else { throw SortError("sequence of \(element) given an element of sort \(e.sort)") }
            result = try apply(.seqConcat, [result, apply(.seqUnit, [e])])
        }
        return result
    }

    // MARK: Control

    public static func ite(_ c: Term, _ a: Term, _ b: Term) throws(SortError) -> Term {
        guard c.sort == .bool else { throw SortError("if-then-else condition must be Bool, got \(c.sort)") }
        guard a.sort == b.sort else { throw SortError("if-then-else branches differ: \(a.sort) vs \(b.sort)") }
        return Term(sort: a.sort, node: .ite(c, a, b))
    }

    /// `let x = value in body(x)`.
    public static func letIn(_ name: String, _ value: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let (v, b) = try bind(name, value.sort, body)
        return Term(sort: b.sort, node: .letIn(v, value, b))
    }

    /// Builds a binder's body with a canonical bound variable: `<hint>!<n>`, where `n` is one more
    /// than the body's binder height. The name depends only on the body, so building the same term
    /// twice gives structurally equal terms, and no binder inside the body can capture it.
    static func bind(_ hint: String, _ sort: Sort, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> (Variable, Term) {
        let temporary = Variable("\(hint)#\(fresh())", sort)
        let built = try body(temporary.term)
        let canonical = Variable("\(hint)!\(built.binderHeight + 1)", sort)
        return (canonical, built.substituting([temporary: canonical.term]))
    }

    /// `∀ vars. body`, with explicit trigger groups (each group is one multi-pattern).
    public static func forall(_ vars: [Variable], triggers: [[Term]] = [], _ body: Term) throws(SortError) -> Term {
        try quantifier(vars, triggers, body, isForall: true)
    }

    public static func exists(_ vars: [Variable], triggers: [[Term]] = [], _ body: Term) throws(SortError) -> Term {
        try quantifier(vars, triggers, body, isForall: false)
    }

    /// `∀ x: sort. body(x)` with the bound variable supplied to a closure.
    public static func forall(_ name: String, _ sort: Sort, triggers: (Term) throws(SortError) -> [[Term]] = { _ in [] },
                              _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let temporary = Variable("\(name)#\(fresh())", sort)
        let built = try body(temporary.term), groups = try triggers(temporary.term)
        let canonical = Variable("\(name)!\(built.binderHeight + 1)", sort)
        let rename = [temporary: canonical.term]
        return try forall([canonical], triggers: groups.map { $0.map { $0.substituting(rename) } }, built.substituting(rename))
    }

    public static func exists(_ name: String, _ sort: Sort, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let (v, b) = try bind(name, sort, body)
        return try exists([v], b)
    }

    static func quantifier(_ vars: [Variable], _ triggers: [[Term]], _ body: Term, isForall: Bool) throws(SortError) -> Term {
        guard body.sort == .bool else { throw SortError("quantifier body must be Bool, got \(body.sort)") }
        guard !vars.isEmpty else { throw SortError("quantifier binds no variable") }
        for group in triggers {
            guard !group.isEmpty else { throw SortError("empty trigger group") }
            for t in group {
                let free = t.freeVariables
                guard vars.contains(where: free.contains) else {
                    throw SortError("trigger \(t) mentions none of the bound variables")
                }
                if case .variable = t.node { throw SortError("a trigger must be an application, not the variable \(t)") }
            }
            let covered = group.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
            for v in vars where !covered.contains(v) {
                throw SortError("trigger group \(group) does not mention bound variable \(v.name)")
            }
        }
        let node: TermNode = isForall ? .forall(vars, body, triggers: triggers) : .exists(vars, body, triggers: triggers)
        return Term(sort: .bool, node: node)
    }

    /// `match scrutinee { case C(x, y): arm("C", [x, y]) ... }`: `arm` is called once per constructor,
    /// with the constructor's name and its fields bound to fresh variables. On a value built right
    /// here by constructor C the match is C's arm, called with C's arguments (the other arms are
    /// still built, so that arms of different sorts are an error whatever the scrutinee).
    public static func match(_ scrutinee: Term, _ arm: (String, [Term]) throws(SortError) -> Term) throws(SortError) -> Term {
        guard let d = scrutinee.sort.datatype else { throw SortError("match needs a datatype, got \(scrutinee.sort)") }
        var built: (constructor: Int, arguments: [Term])?
        if case .apply(.construct(let made, let c), let args) = scrutinee.node, made == d { built = (c, args) }
        var arms: [MatchCase] = []
        var resultSort: Sort?
        var chosen: Term?
        for (i, c) in d.constructors.enumerated() {
            let body: Term
            if let built, built.constructor == i {
                body = try arm(c.name, built.arguments)
                chosen = body
            } else {
                let temporaries = c.fields.indices.map { Variable("\(c.name).\(c.fields[$0].name)#\(fresh())", d.fieldSort(i, $0)) }
                let made = try arm(c.name, temporaries.map(\.term))
                let vars = temporaries.indices.map { Variable("\(c.fields[$0].name)!\(made.binderHeight + 1)", temporaries[$0].sort) }
                body = made.substituting(Dictionary(uniqueKeysWithValues: zip(temporaries, vars.map(\.term))))
                arms.append(MatchCase(constructor: i, bindings: vars, body: body))
            }
            if let r = resultSort, r != body.sort {
                throw SortError("match on \(d.name): arm '\(c.name)' has sort \(body.sort), expected \(r)")
            }
            resultSort = body.sort
        }
        guard let sort = resultSort else { throw SortError("match on \(d.name): datatype has no constructors") }
        return chosen ?? Term(sort: sort, node: .match(scrutinee, arms))
    }

    /// The binder height of a node, from its children's.
    static func binderHeight(of node: TermNode) -> Int {
        switch node {
        case .bool, .int, .string, .variable: return 0
        case .apply(_, let args), .uninterpreted(_, let args): return args.reduce(0) { max($0, $1.binderHeight) }
        case .ite(let c, let a, let b): return max(c.binderHeight, a.binderHeight, b.binderHeight)
        case .forall(_, let body, let triggers), .exists(_, let body, let triggers):
            return 1 + triggers.joined().reduce(body.binderHeight) { max($0, $1.binderHeight) }
        case .letIn(_, let value, let body): return max(value.binderHeight, 1 + body.binderHeight)
        case .match(let s, let arms): return arms.reduce(s.binderHeight) { max($0, 1 + $1.body.binderHeight) }
        case .labeled(_, let body): return body.binderHeight
        case .opaque(_, let args, let instance): return args.reduce(instance.binderHeight) { max($0, $1.binderHeight) }
        }
    }

    /// The free variables of a node, from its children's (already computed) free variables.
    static func freeVariables(of node: TermNode) -> Set<Variable> {
        switch node {
        case .bool, .int, .string: return []
        case .variable(let v): return [v]
        case .apply(_, let args), .uninterpreted(_, let args):
            if args.count == 1 { return args[0].freeVariables }
            return args.reduce(into: []) { $0.formUnion($1.freeVariables) }
        case .ite(let c, let a, let b): return c.freeVariables.union(a.freeVariables).union(b.freeVariables)
        case .forall(let vs, let body, _), .exists(let vs, let body, _):
            return body.freeVariables.subtracting(vs)
        case .letIn(let v, let value, let body):
            return value.freeVariables.union(body.freeVariables.subtracting([v]))
        case .match(let s, let arms):
            return arms.reduce(into: s.freeVariables) { $0.formUnion($1.body.freeVariables.subtracting($1.bindings)) }
        case .labeled(_, let body): return body.freeVariables
        case .opaque(_, let args, _): return args.reduce(into: []) { $0.formUnion($1.freeVariables) }
        }
    }
}

/// Fresh suffixes for bound variables that the library introduces.
private let freshCounter = Atomic<Int>(0)
func fresh() -> Int { freshCounter.add(1, ordering: .relaxed).newValue }

extension Op {
    public var name: String {
        switch self {
        case .not: return "not"
        case .and: return "and"
        case .or: return "or"
        case .implies: return "=>"
        case .iff: return "<=>"
        case .eq: return "=="
        case .add: return "+"
        case .sub: return "-"
        case .neg: return "negate"
        case .mul: return "*"
        case .lt: return "<"
        case .le: return "<="
        case .strConcat: return "str.++"
        case .strLength: return "str.len"
        case .strPrefixOf: return "str.prefixof"
        case .strContains: return "str.contains"
        case .intToString: return "str.from_int"
        case .construct(let d, let c): return "\(d.name).\(d.constructors[c].name)"
        case .access(let d, let c, let f): return "\(d.name).\(d.constructors[c].fields[f].name)"
        case .test(let d, let c): return "is-\(d.constructors[c].name)"
        case .seqEmpty: return "seq.empty"
        case .seqUnit: return "seq.unit"
        case .seqConcat: return "seq.++"
        case .seqLength: return "seq.len"
        case .seqAt: return "seq.at"
        case .seqContains: return "seq.contains"
        case .mapEmpty: return "map.empty"
        case .mapInsert: return "map.insert"
        case .mapRemove: return "map.remove"
        case .mapLookup: return "map.lookup"
        case .mapHasKey: return "map.hasKey"
        case .setEmpty: return "set.empty"
        case .setInsert: return "set.insert"
        case .setRemove: return "set.remove"
        case .setContains: return "set.contains"
        case .setUnion: return "set.union"
        case .setIntersection: return "set.intersection"
        case .setDifference: return "set.difference"
        case .setSubset: return "set.subset"
        }
    }
}
