extension Term {
    /// A record of `d` with the given fields, every other field its sort's zero value (`none`,
    /// empty, `""`, `0`, `false`): how objects with many optional fields are written.
    public static func record(_ d: DatatypeDecl, zeroExcept fields: KeyValuePairs<String, Term>) throws(SortError) -> Term {
        var result = try Term.literal(Sort.datatype(d).zeroValue, sort: .datatype(d))
        for (name, value) in fields { result = try result.with(name, value) }
        return result
    }

    /// A string map term from literal entries.
    public static func stringMap(_ entries: KeyValuePairs<String, Term>) throws(SortError) -> Term {
        var result = Term.emptyMap(.string, .string)
        for (key, value) in entries { result = try result.inserting(.string(key), value) }
        return result
    }
}
