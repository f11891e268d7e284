/// A multi-line rendering of values for counterexamples: short values stay on one line; records
/// show one field per line, maps one `key → value` line per entry, sequences and sets one element
/// per line.
extension Value {
    public func prettyLines(width: Int = 72) -> [String] {
        let flat = description
        if flat.count <= width { return [flat] }
        func nested(_ head: String, _ items: [(String, Value)], _ close: String) -> [String] {
            var lines = [head]
            for (label, v) in items {
                let inner = v.prettyLines(width: max(24, width - 2))
                lines.append("  " + label + inner[0])
                lines += inner.dropFirst().map { "  " + $0 }
            }
            lines.append(close)
            return lines
        }
        switch self {
        case .datatype(let d, let c, let fields) where !fields.isEmpty:
            if d.isOption { return nested("some(", [("", fields[0])], ")") }
            let ctor = d.constructors[c]
            return nested(ctor.name + "(", zip(ctor.fields, fields).map { ("\($0.name): ", $1) }, ")")
        case .map(let entries, let otherwise):
            var items = entries.map { ("\($0.key) → ", $0.value) }.sorted { $0.0 < $1.0 }
            if let o = otherwise { items.append(("_ → ", o)) }
            return nested("{", items, "}")
        case .seq(let xs):
            return nested("[", xs.map { ("", $0) }, "]")
        case .set(let members, let complemented):
            return nested(complemented ? "complement {" : "{", members.map { ("", $0) }.sorted { $0.1.description < $1.1.description }, "}")
        default:
            return [flat]
        }
    }
}
