/// Equality and hashing of values as the solver sees them: strings are equal when their Unicode
/// scalar sequences are equal (Swift's `String ==` would also equate canonically equivalent
/// spellings such as "é" and "e\u{301}", which Z3 tells apart).
extension Value {
    public static func == (a: Value, b: Value) -> Bool {
        switch (a, b) {
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.string(x), .string(y)): return x.utf8.elementsEqual(y.utf8)
        case let (.datatype(d, c, xs), .datatype(e, k, ys)): return c == k && d == e && xs == ys
        case let (.seq(xs), .seq(ys)): return xs == ys
        case let (.map(xs, x), .map(ys, y)): return x == y && xs == ys
        case let (.set(xs, x), .set(ys, y)): return x == y && xs == ys
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .bool(let b): h.combine(0); h.combine(b)
        case .int(let n): h.combine(1); h.combine(n)
        case .string(var s):
            h.combine(2)
            h.combine(s.utf8.count)
            s.withUTF8 { h.combine(bytes: UnsafeRawBufferPointer($0)) }
        case .datatype(let d, let c, let fields): h.combine(3); h.combine(d); h.combine(c); h.combine(fields)
        case .seq(let xs): h.combine(4); h.combine(xs)
        case .map(let entries, let otherwise): h.combine(5); h.combine(entries); h.combine(otherwise)
        case .set(let members, let complemented): h.combine(6); h.combine(members); h.combine(complemented)
        }
    }
}
