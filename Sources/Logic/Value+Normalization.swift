/// The canonical form of values, so that two values are `==` exactly when they are equal as
/// functions: a map drops entries equal to its default, and a complemented set or a defaulted map
/// over a finite sort is spelled out explicitly.
extension Value {
    /// This value in canonical form, read as a value of `sort` (values of another shape are returned unchanged).
    public func normalized(as sort: Sort) -> Value { normalizedIfChanged(as: sort) ?? self }

    /// Whether this value is already in canonical form as a value of `sort`.
    public func isNormalized(as sort: Sort) -> Bool { normalizedIfChanged(as: sort) == nil }

    /// The canonical form, or `nil` when the value already is canonical (the common case, which allocates nothing).
    func normalizedIfChanged(as sort: Sort) -> Value? {
        guard sort.containsMapsOrSets else { return nil }
        switch (self, sort) {
        case let (.datatype(d, c, fields), .datatype(decl)):
            guard c >= 0, c < decl.constructors.count, fields.count == decl.constructors[c].fields.count else { return nil }
            var changed: [Value]?
            for i in fields.indices {
                if let n = fields[i].normalizedIfChanged(as: decl.fieldSort(c, i)) {
                    if changed == nil { changed = fields }
                    changed![i] = n
                }
            }
            return changed.map { .datatype(d, constructor: c, fields: $0) }
        case let (.seq(xs), .seq(element)):
            var changed: [Value]?
            for i in xs.indices {
                if let n = xs[i].normalizedIfChanged(as: element) {
                    if changed == nil { changed = xs }
                    changed![i] = n
                }
            }
            return changed.map { .seq($0) }
        case let (.map(entries, otherwise), .map(key, value)):
            let nestedChange = (key.containsMapsOrSets || value.containsMapsOrSets) && entries.contains {
                $0.key.normalizedIfChanged(as: key) != nil || $0.value.normalizedIfChanged(as: value) != nil
            }
            guard nestedChange || otherwise != nil else { return nil }
            var normalEntries: [Value: Value] = [:]
            for (k, v) in entries { normalEntries[k.normalized(as: key)] = v.normalized(as: value) }
            let result = Value.normalizedMap(normalEntries, otherwise: otherwise?.normalized(as: value), key: key)
            return result == self ? nil : result
        case let (.set(members, complemented), .set(element)):
            let nestedChange = element.containsMapsOrSets && members.contains { $0.normalizedIfChanged(as: element) != nil }
            guard nestedChange || (complemented && element.isFinite) else { return nil }
            return .normalizedSet(Set(members.map { $0.normalized(as: element) }), complemented: complemented, element: element)
        default:
            return nil
        }
    }

    /// A map from canonical entries and default: entries equal to the default are dropped, and
    /// over a finite key sort the default is spelled out for every key.
    static func normalizedMap(_ entries: [Value: Value], otherwise: Value?, key: Sort) -> Value {
        guard let otherwise else { return .map(entries: entries, otherwise: nil) }
        if let keys = key.allValues {
            var all = entries
            for k in keys where all[k] == nil { all[k] = otherwise }
            return .map(entries: all, otherwise: nil)
        }
        return .map(entries: entries.filter { $0.value != otherwise }, otherwise: otherwise)
    }

    /// A set from canonical members: a complement over a finite element sort is spelled out.
    static func normalizedSet(_ members: Set<Value>, complemented: Bool, element: Sort) -> Value {
        if complemented, let all = element.allValues {
            return .set(members: Set(all).subtracting(members), complemented: false)
        }
        return .set(members: members, complemented: complemented)
    }
}

extension Sort {
    /// Whether values of this sort may contain a map or a set: only those can be out of normal form.
    var containsMapsOrSets: Bool {
        switch self {
        case .map, .set: return true
        case .seq(let element): return element.containsMapsOrSets
        case .datatype(let d): return d.holdsMapsOrSets
        case .bool, .int, .string, .recursive: return false
        }
    }
}
