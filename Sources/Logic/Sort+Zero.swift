extension Sort {
    /// The simplest value of the sort: false, 0, "", empty collections, and for a datatype its
    /// first constructor without a recursive field, with zero fields. Used to build default objects.
    public var zeroValue: Value {
        switch self {
        case .bool: return .bool(false)
        case .int: return .int(0)
        case .string: return .string("")
        case .map: return .map(entries: [:], otherwise: nil)
        case .set: return .set(members: [], complemented: false)
        case .seq: return .seq([])
        case .datatype(let d):
            let c = d.constructors.firstIndex { $0.fields.allSatisfy { !$0.sort.mentionsRecursive(d.name) } } ?? 0
            return .datatype(d, constructor: c, fields: d.constructors[c].fields.indices.map { d.fieldSort(c, $0).zeroValue })
        case .recursive: return .bool(false)  // unreachable: fields are resolved before use
        }
    }
}
