/// Operators and named helpers for writing terms the way they read. Each one goes through the
/// checked constructors, so a single `try` in front of an expression covers every sort check in it.

infix operator ==> : LogicalDisjunctionPrecedence
infix operator <==> : ComparisonPrecedence
infix operator .== : ComparisonPrecedence
infix operator .!= : ComparisonPrecedence

extension Term: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public convenience init(integerLiteral n: Int) { self.init(sort: .int, node: .int(n)) }
    public convenience init(stringLiteral s: String) { self.init(sort: .string, node: .string(s)) }
    public convenience init(booleanLiteral b: Bool) { self.init(sort: .bool, node: .bool(b)) }
}

extension Term {
    public static prefix func ! (a: Term) throws(SortError) -> Term { try apply(.not, [a]) }
    public static func && (a: Term, b: Term) throws(SortError) -> Term { try apply(.and, [a, b]) }
    public static func || (a: Term, b: Term) throws(SortError) -> Term { try apply(.or, [a, b]) }
    public static func ==> (a: Term, b: Term) throws(SortError) -> Term { try apply(.implies, [a, b]) }
    public static func <==> (a: Term, b: Term) throws(SortError) -> Term { try apply(.iff, [a, b]) }
    public static func .== (a: Term, b: Term) throws(SortError) -> Term { try apply(.eq, [a, b]) }
    public static func .!= (a: Term, b: Term) throws(SortError) -> Term { try apply(.not, [apply(.eq, [a, b])]) }
    public static func + (a: Term, b: Term) throws(SortError) -> Term { try apply(.add, [a, b]) }
    public static func - (a: Term, b: Term) throws(SortError) -> Term { try apply(.sub, [a, b]) }
    public static prefix func - (a: Term) throws(SortError) -> Term { try apply(.neg, [a]) }
    public static func * (a: Term, b: Term) throws(SortError) -> Term { try apply(.mul, [a, b]) }
    public static func < (a: Term, b: Term) throws(SortError) -> Term { try apply(.lt, [a, b]) }
    public static func <= (a: Term, b: Term) throws(SortError) -> Term { try apply(.le, [a, b]) }
    public static func > (a: Term, b: Term) throws(SortError) -> Term { try apply(.lt, [b, a]) }
    public static func >= (a: Term, b: Term) throws(SortError) -> Term { try apply(.le, [b, a]) }

    /// n-ary conjunction; `true` when empty.
    public static func and(_ terms: [Term]) throws(SortError) -> Term {
        terms.isEmpty ? .true : terms.count == 1 ? try checkBool(terms[0]) : try apply(.and, terms)
    }
    /// n-ary disjunction; `false` when empty.
    public static func or(_ terms: [Term]) throws(SortError) -> Term {
        terms.isEmpty ? .false : terms.count == 1 ? try checkBool(terms[0]) : try apply(.or, terms)
    }
    private static func checkBool(_ t: Term) throws(SortError) -> Term {
        guard t.sort == .bool else { throw SortError("expected Bool, got \(t.sort)") }
        return t
    }

    // MARK: Strings

    public func concat(_ other: Term) throws(SortError) -> Term { try .apply(.strConcat, [self, other]) }
    public var length: Term { get throws(SortError) {
        if case .seq = sort { return try .apply(.seqLength, [self]) }
        return try .apply(.strLength, [self])
    } }
    public func hasPrefix(_ prefix: Term) throws(SortError) -> Term { try .apply(.strPrefixOf, [prefix, self]) }
    public func containsString(_ part: Term) throws(SortError) -> Term { try .apply(.strContains, [self, part]) }
    /// The decimal text of a non-negative integer (the empty string for negative ones, as in SMT-LIB).
    public var decimalString: Term { get throws(SortError) { try .apply(.intToString, [self]) } }

    // MARK: Datatypes

    /// Builds a value with the named constructor.
    public static func construct(_ d: DatatypeDecl, _ ctor: String, _ args: [Term] = []) throws(SortError) -> Term {
        guard let i = d.constructorIndex(ctor) else { throw SortError("\(d.name) has no constructor '\(ctor)'") }
        return try apply(.construct(d, i), args)
    }

    /// Builds a record from its fields, given by name in declaration order or any order.
    public static func record(_ d: DatatypeDecl, _ fields: KeyValuePairs<String, Term>) throws(SortError) -> Term {
        guard d.constructors.count == 1 else { throw SortError("\(d.name) is not a record") }
        let ctor = d.constructors[0]
        var byName: [String: Term] = [:]
        for (k, v) in fields {
            guard ctor.fields.contains(where: { $0.name == k }) else { throw SortError("\(d.name) has no field '\(k)'") }
            byName[k] = v
        }
        var args: [Term] = []
        for f in ctor.fields {
            guard let v = byName[f.name] else { throw SortError("\(d.name): field '\(f.name)' missing") }
            args.append(v)
        }
        return try apply(.construct(d, 0), args)
    }

    /// Reads a field of a single-constructor datatype (a record).
    public subscript(field: String) -> Term {
        get throws(SortError) {
            guard let d = sort.datatype else { throw SortError("field '\(field)' read from non-datatype \(sort)") }
            guard d.constructors.count == 1 else {
                throw SortError("field '\(field)' of \(d.name) is partial (several constructors); use match")
            }
            guard let f = d.constructors[0].fields.firstIndex(where: { $0.name == field }) else {
                throw SortError("\(d.name) has no field '\(field)'")
            }
            // Reading a field of a record built right here is that field's argument.
            if case .apply(.construct(let built, 0), let args) = node, built == d { return args[f] }
            return try .apply(.access(d, 0, f), [self])
        }
    }

    /// Returns a record equal to this one except for one field. When this record is built by its
    /// constructor, the other fields are its arguments, so chains of `with` stay flat.
    public func with(_ field: String, _ value: Term) throws(SortError) -> Term {
        guard let d = sort.datatype, d.constructors.count == 1 else { throw SortError("with(\(field):) needs a record, got \(sort)") }
        guard d.constructors[0].fields.contains(where: { $0.name == field }) else { throw SortError("\(d.name) has no field '\(field)'") }
        var args: [Term] = []
        for f in d.constructors[0].fields {
            args.append(f.name == field ? value : try self[f.name])
        }
        return try .apply(.construct(d, 0), args)
    }

    /// Tests which constructor built the value.
    public func `is`(_ ctor: String) throws(SortError) -> Term {
        guard let d = sort.datatype else { throw SortError("is(\(ctor)) on non-datatype \(sort)") }
        guard let i = d.constructorIndex(ctor) else { throw SortError("\(d.name) has no constructor '\(ctor)'") }
        return try built(by: d, i)
    }

    /// An enumeration constant.
    public static func enumCase(_ d: DatatypeDecl, _ name: String) throws(SortError) -> Term { try construct(d, name) }

    // MARK: Option

    public static func none(_ element: Sort) -> Term {
        Term(sort: .option(element), node: .apply(.construct(DatatypeDecl.option(of: element), 0), []))
    }
    public static func some(_ value: Term) -> Term {
        Term(sort: .option(value.sort), node: .apply(.construct(DatatypeDecl.option(of: value.sort), 1), [value]))
    }
    public var isSome: Term { get throws(SortError) { try optionTest(1) } }
    public var isNone: Term { get throws(SortError) { try optionTest(0) } }
    private func optionTest(_ c: Int) throws(SortError) -> Term {
        guard let d = sort.datatype, d.isOption else { throw SortError("option test on \(sort)") }
        return try built(by: d, c)
    }
    /// Whether constructor `i` of `d` built the value; decided here when the value is built right
    /// here (a value built by constructor C is a C and nothing else).
    private func built(by d: DatatypeDecl, _ i: Int) throws(SortError) -> Term {
        if case .apply(.construct(let made, let c), _) = node, made == d { return Term(booleanLiteral: c == i) }
        return try .apply(.test(d, i), [self])
    }
    /// `match self { none: ifNone, some(x): ifSome(x) }`.
    public func unwrap(or ifNone: Term, _ ifSome: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        guard let d = sort.datatype, d.isOption else { throw SortError("unwrap on \(sort)") }
        return try .match(self) { (ctor, fields) throws(SortError) in ctor == "none" ? ifNone : try ifSome(fields[0]) }
    }
    /// `self == some(value)`.
    public func isSome(_ value: Term) throws(SortError) -> Term { try self .== .some(value) }

    // MARK: Maps

    public func lookup(_ key: Term) throws(SortError) -> Term { try .apply(.mapLookup, [self, key]) }
    public func hasKey(_ key: Term) throws(SortError) -> Term { try .apply(.mapHasKey, [self, key]) }
    public func inserting(_ key: Term, _ value: Term) throws(SortError) -> Term { try .apply(.mapInsert, [self, key, value]) }
    public func removing(_ key: Term) throws(SortError) -> Term {
        if case .set = sort { return try .apply(.setRemove, [self, key]) }
        return try .apply(.mapRemove, [self, key])
    }

    // MARK: Sets

    public func contains(_ element: Term) throws(SortError) -> Term {
        if case .seq = sort { return try .apply(.seqContains, [self, element]) }
        return try .apply(.setContains, [self, element])
    }
    public func inserting(_ element: Term) throws(SortError) -> Term { try .apply(.setInsert, [self, element]) }
    public func union(_ other: Term) throws(SortError) -> Term { try .apply(.setUnion, [self, other]) }
    public func intersection(_ other: Term) throws(SortError) -> Term { try .apply(.setIntersection, [self, other]) }
    public func subtracting(_ other: Term) throws(SortError) -> Term { try .apply(.setDifference, [self, other]) }
    public func isSubset(of other: Term) throws(SortError) -> Term { try .apply(.setSubset, [self, other]) }

    // MARK: Sequences

    public func appending(_ element: Term) throws(SortError) -> Term {
        try .apply(.seqConcat, [self, .apply(.seqUnit, [element])])
    }
    public func concatenating(_ other: Term) throws(SortError) -> Term { try .apply(.seqConcat, [self, other]) }
    /// The element at an index, or `none` when out of range.
    public func element(at index: Term) throws(SortError) -> Term { try .apply(.seqAt, [self, index]) }
}
