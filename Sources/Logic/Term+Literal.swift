/// Literal terms for values: the inverse of evaluation on closed terms.
extension Term {
    /// The literal term denoting a value (inverse of evaluation on closed terms). Throws for complemented
    /// sets and maps with a default over an infinite sort, which cannot be written as terms.
    public static func literal(_ value: Value, sort: Sort) throws(SortError) -> Term {
        try literalOfNormalized(value.normalized(as: sort), sort: sort)
    }

    private static func literalOfNormalized(_ value: Value, sort: Sort) throws(SortError) -> Term {
        switch (value, sort) {
        case (.bool(let b), .bool): return .bool(b)
        case (.int(let n), .int): return .int(n)
        case (.string(let s), .string): return .string(s)
        case let (.datatype(_, c, fields), .datatype(d)):
            guard c >= 0, c < d.constructors.count, fields.count == d.constructors[c].fields.count else { break }
            var args: [Term] = []
            for (i, field) in fields.enumerated() { args.append(try literalOfNormalized(field, sort: d.fieldSort(c, i))) }
            return try apply(.construct(d, c), args)
        case let (.seq(xs), .seq(element)):
            var units: [Term] = []
            for x in xs { units.append(try apply(.seqUnit, [literalOfNormalized(x, sort: element)])) }
            switch units.count {
            case 0: return emptySeq(element)
            case 1: return units[0]
            default: return try apply(.seqConcat, units)
            }
        case let (.map(entries, otherwise), .map(key, elementSort)):
            if let otherwise {
                throw SortError("the map \(value) sends all but finitely many keys of \(key) to \(otherwise); no term denotes it")
            }
            var result = emptyMap(key, elementSort)
            for (k, v) in canonicallyOrdered(entries.map { ($0.key, $0.value) }) {
                result = try apply(.mapInsert, [result, literalOfNormalized(k, sort: key), literalOfNormalized(v, sort: elementSort)])
            }
            return result
        case let (.set(members, complemented), .set(element)):
            if complemented { throw SortError("the set \(value) is the complement of a finite set of \(element); no term denotes it") }
            var result = emptySet(element)
            for (x, _) in canonicallyOrdered(members.map { ($0, ()) }) {
                result = try apply(.setInsert, [result, literalOfNormalized(x, sort: element)])
            }
            return result
        default: break
        }
        throw SortError("the value \(value) is not of sort \(sort)")
    }

    /// Pairs sorted by the UTF-8 text of their keys, so a literal does not depend on hashing order.
    private static func canonicallyOrdered<T>(_ pairs: [(Value, T)]) -> [(Value, T)] {
        pairs.map { (text: $0.0.description, pair: $0) }
            .sorted { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
            .map(\.pair)
    }
}
