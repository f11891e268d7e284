import Logic

/// Random well-sorted closed terms, deterministic from a seed, whose evaluation is always defined:
/// fields of multi-constructor datatypes are read only through `match`, and integers stay far from
/// overflow (small literals; every product has a literal factor in -3...3).
struct RandomTerms {
    static let phase = DatatypeDecl.enumeration("Phase", ["pending", "running", "done"])
    static let pod = DatatypeDecl.record("Pod", [
        .init("name", .string), .init("replicas", .int), .init("ready", .bool), .init("phase", .datatype(phase)),
    ])
    static let intList = DatatypeDecl("IntList", [
        .init("nil"), .init("cons", [.init("head", .int), .init("tail", .recursive("IntList"))]),
    ])
    static let phaseSort = Sort.datatype(phase)
    static let podSort = Sort.datatype(pod)
    static let intListSort = Sort.datatype(intList)

    /// Every sort the generator covers.
    static var sortsUnderTest: [Sort] {
        [.bool, .int, .string, podSort, phaseSort, intListSort, .option(.int), .option(podSort),
         .seq(.int), .map(.int, .string), .map(.string, .int), .set(.int)]
    }

    /// The datatypes that `match` and testers inspect (`Option<String>` arises from `Map<Int, String>` lookups).
    static let inspectedSorts: [Sort] = [podSort, phaseSort, intListSort, .option(.int), .option(podSort), .option(.string)]
    /// The sorts quantifiers range over.
    static let quantifiedSorts: [Sort] = [.bool, phaseSort]
    /// String literals draw from this alphabet, which includes the characters that need escaping.
    static let alphabet: [String] = ["a", "b", "1", "\"", "\\"]

    private var rng: SplitMix64
    private var scope: [Variable] = []
    private var quantifierNesting = 0
    private var names = 0

    init(seed: UInt64) { rng = SplitMix64(state: seed) }

    /// A closed term of `sort` whose operations nest at most `depth` deep above small literal leaves.
    mutating func term(of sort: Sort, depth: Int) -> Term {
        do {
            return try generate(sort, depth)
        } catch {
            preconditionFailure("RandomTerms built an ill-sorted term: \(error)")
        }
    }

    // MARK: Dispatch

    private mutating func generate(_ sort: Sort, _ depth: Int) throws(SortError) -> Term {
        let visible = scope.filter { $0.sort == sort }
        if !visible.isEmpty && rng.below(3) == 0 { return rng.pick(visible).term }
        if depth <= 0 { return try leaf(sort) }
        let child = rng.below(4) == 0 ? max(depth - 2, 0) : depth - 1
        switch rng.below(10) {
        case 0: return try .ite(generate(.bool, child), generate(sort, child), generate(sort, child))
        case 1: return try letIn(sort, child)
        case 2: return try match(sort, child)
        default: return try specific(sort, child)
        }
    }

    private mutating func specific(_ sort: Sort, _ child: Int) throws(SortError) -> Term {
        switch sort {
        case .bool: return try bool(child)
        case .int: return try int(child)
        case .string: return try string(child)
        case .datatype(let d): return try datatype(d, child)
        case .seq(let element): return try seq(element, child)
        case .map(let key, let value): return try map(key, value, child)
        case .set(let element): return try set(element, child)
        case .recursive: preconditionFailure("unresolved recursive sort \(sort)")
        }
    }

    // MARK: Leaves

    private mutating func leaf(_ sort: Sort) throws(SortError) -> Term {
        switch sort {
        case .bool: return .bool(rng.below(2) == 0)
        case .int: return .int(rng.below(11) - 5)
        case .string: return .string((0..<rng.below(4)).map { _ in rng.pick(Self.alphabet) }.joined())
        case .datatype(let d):
            let c = rng.below(d.constructors.count)
            var fields: [Term] = []
            for f in d.constructors[c].fields.indices { fields.append(try leaf(d.fieldSort(c, f))) }
            return try .apply(.construct(d, c), fields)
        case .seq(let element):
            var elements: [Term] = []
            for _ in 0..<rng.below(3) { elements.append(try leaf(element)) }
            return try .seq(elements, of: element)
        case .map(let key, let value):
            let empty = Term.emptyMap(key, value)
            return rng.below(2) == 0 ? empty : try empty.inserting(leaf(key), leaf(value))
        case .set(let element):
            let empty = Term.emptySet(element)
            return rng.below(2) == 0 ? empty : try empty.inserting(leaf(element))
        case .recursive: preconditionFailure("unresolved recursive sort \(sort)")
        }
    }

    // MARK: Binders

    private mutating func freshVariable(_ sort: Sort) -> Variable {
        names += 1
        return Variable("x\(names)", sort)
    }

    private mutating func withVariables(_ vars: [Variable], _ body: (inout Self) throws(SortError) -> Term) throws(SortError) -> Term {
        scope += vars
        defer { scope.removeLast(vars.count) }
        return try body(&self)
    }

    private mutating func letIn(_ sort: Sort, _ child: Int) throws(SortError) -> Term {
        let value = try generate(rng.below(2) == 0 ? sort : rng.pick(Self.sortsUnderTest), child)
        names += 1
        return try Term.letIn("x\(names)", value) { (x) throws(SortError) in
            guard case .variable(let v) = x.node else { preconditionFailure("letIn bound a non-variable") }
            return try withVariables([v]) { (g) throws(SortError) in try g.generate(sort, child) }
        }
    }

    private mutating func match(_ sort: Sort, _ child: Int) throws(SortError) -> Term {
        let scrutinee = try generate(rng.pick(Self.inspectedSorts), child)
        return try Term.match(scrutinee) { (_, fields) throws(SortError) in
            // The arm's fields are bound variables, or, on a value built by a constructor (the match
            // is then that arm), the constructor's arguments, which the arm may not bind.
            let vars = fields.compactMap { (field) -> Variable? in
                if case .variable(let v) = field.node { return v }
                return nil
            }
            return try withVariables(vars) { (g) throws(SortError) in try g.generate(sort, child) }
        }
    }

    private mutating func quantifier(_ child: Int) throws(SortError) -> Term {
        let vars = (0..<(rng.below(4) == 0 ? 2 : 1)).map { _ in freshVariable(rng.pick(Self.quantifiedSorts)) }
        quantifierNesting += 1
        defer { quantifierNesting -= 1 }
        let body = try withVariables(vars) { (g) throws(SortError) in try g.generate(.bool, child) }
        return rng.below(2) == 0 ? try .forall(vars, body) : try .exists(vars, body)
    }

    // MARK: Per sort

    private mutating func bool(_ child: Int) throws(SortError) -> Term {
        switch rng.below(16) {
        case 0: return try !generate(.bool, child)
        case 1: return try .and((0..<(2 + rng.below(2))).map { _ throws(SortError) in try generate(.bool, child) })
        case 2: return try .or((0..<(2 + rng.below(2))).map { _ throws(SortError) in try generate(.bool, child) })
        case 3: return try generate(.bool, child) ==> generate(.bool, child)
        case 4: return try generate(.bool, child) <==> generate(.bool, child)
        case 5, 6:
            let sort = rng.pick(Self.sortsUnderTest)
            let a = try generate(sort, child)
            return try a .== (rng.below(4) == 0 ? a : generate(sort, child))
        case 7: return try rng.below(2) == 0 ? generate(.int, child) < generate(.int, child) : generate(.int, child) <= generate(.int, child)
        case 8:
            let whole = try generate(.string, child)
            return try rng.below(2) == 0 ? whole.hasPrefix(generate(.string, child)) : whole.containsString(generate(.string, child))
        case 9: return try generate(.seq(.int), child).contains(generate(.int, child))
        case 10: return try generate(.set(.int), child).contains(generate(.int, child))
        case 11:
            return try rng.below(2) == 0
                ? generate(.map(.int, .string), child).hasKey(generate(.int, child))
                : generate(.map(.string, .int), child).hasKey(generate(.string, child))
        case 12: return try generate(.set(.int), child).isSubset(of: generate(.set(.int), child))
        case 13:
            let sort = rng.pick(Self.inspectedSorts)
            return try .apply(.test(sort.datatype!, rng.below(sort.datatype!.constructors.count)), [generate(sort, child)])
        default:
            if quantifierNesting < 2 { return try quantifier(child) }
            return try generate(.bool, child) .== generate(.bool, child)
        }
    }

    private mutating func int(_ child: Int) throws(SortError) -> Term {
        switch rng.below(8) {
        case 0: return try .apply(.add, (0..<(2 + rng.below(2))).map { _ throws(SortError) in try generate(.int, child) })
        case 1: return try generate(.int, child) - generate(.int, child)
        case 2: return try -generate(.int, child)
        case 3:
            let factor = Term.int(rng.below(7) - 3)
            return try rng.below(2) == 0 ? factor * generate(.int, child) : generate(.int, child) * factor
        case 4: return try generate(.string, child).length
        case 5: return try generate(.seq(.int), child).length
        case 6: return try generate(Self.podSort, child)["replicas"]
        default: return try leaf(.int)
        }
    }

    private mutating func string(_ child: Int) throws(SortError) -> Term {
        switch rng.below(4) {
        case 0: return try .apply(.strConcat, (0..<(2 + rng.below(2))).map { _ throws(SortError) in try generate(.string, child) })
        case 1: return try generate(.int, child).decimalString
        case 2: return try generate(Self.podSort, child)["name"]
        default: return try leaf(.string)
        }
    }

    private mutating func datatype(_ d: DatatypeDecl, _ child: Int) throws(SortError) -> Term {
        if d == Self.phase && rng.below(3) == 0 { return try generate(Self.podSort, child)["phase"] }
        if d == Self.pod && rng.below(3) == 0 {
            let field = rng.pick(d.constructors[0].fields)
            return try generate(Self.podSort, child).with(field.name, generate(field.sort, child))
        }
        if let element = Sort.datatype(d).optionElement, rng.below(2) == 0 {
            if element == .int && rng.below(2) == 0 { return try generate(.seq(.int), child).element(at: generate(.int, child)) }
            if element == .int { return try generate(.map(.string, .int), child).lookup(generate(.string, child)) }
            if element == .string { return try generate(.map(.int, .string), child).lookup(generate(.int, child)) }
        }
        let c = rng.below(d.constructors.count)
        var fields: [Term] = []
        for f in d.constructors[c].fields.indices { fields.append(try generate(d.fieldSort(c, f), child)) }
        return try .apply(.construct(d, c), fields)
    }

    private mutating func seq(_ element: Sort, _ child: Int) throws(SortError) -> Term {
        switch rng.below(3) {
        case 0: return try .apply(.seqUnit, [generate(element, child)])
        case 1: return try .apply(.seqConcat, (0..<(2 + rng.below(2))).map { _ throws(SortError) in try generate(.seq(element), child) })
        default: return try leaf(.seq(element))
        }
    }

    private mutating func map(_ key: Sort, _ value: Sort, _ child: Int) throws(SortError) -> Term {
        let m = try generate(.map(key, value), child)
        switch rng.below(3) {
        case 0: return try m.removing(generate(key, child))
        default: return try m.inserting(generate(key, child), generate(value, child))
        }
    }

    private mutating func set(_ element: Sort, _ child: Int) throws(SortError) -> Term {
        let s = try generate(.set(element), child)
        switch rng.below(5) {
        case 0: return try s.inserting(generate(element, child))
        case 1: return try s.removing(generate(element, child))
        case 2: return try s.union(generate(.set(element), child))
        case 3: return try s.intersection(generate(.set(element), child))
        default: return try s.subtracting(generate(.set(element), child))
        }
    }
}
