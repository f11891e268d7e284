/// JSON written as block-style YAML (the shape of Kubernetes manifests). Every string is
/// double-quoted, so no value is read back as another type.
extension JSON {
    /// The document as YAML, ending in a newline.
    public var yamlText: String {
        var lines: [String] = []
        switch self {
        case .object(let pairs) where !pairs.isEmpty: JSON.writeMembers(pairs, indent: "", into: &lines)
        case .array(let items) where !items.isEmpty: JSON.writeItems(items, indent: "", into: &lines)
        default: lines.append(scalarYAML)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var scalarYAML: String {
        switch self {
        case .array: return "[]"
        case .object: return "{}"
        default: return text
        }
    }

    private var isCollection: Bool {
        switch self {
        case .object(let pairs): return !pairs.isEmpty
        case .array(let items): return !items.isEmpty
        default: return false
        }
    }

    private static func key(_ k: String) -> String {
        let plain = !k.isEmpty && k.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || "0123456789-_.".unicodeScalars.contains($0) }
            && !(k.first?.isNumber ?? false) && !["true", "false", "null", "yes", "no", "on", "off"].contains(k.lowercased())
        return plain ? k : quoted(k)
    }

    private static func writeMembers(_ pairs: [(key: String, value: JSON)], indent: String, into lines: inout [String]) {
        for (k, v) in pairs {
            if v.isCollection {
                lines.append("\(indent)\(key(k)):")
                if case .object(let inner) = v { writeMembers(inner, indent: indent + "  ", into: &lines) }
                if case .array(let items) = v { writeItems(items, indent: indent, into: &lines) }
            } else {
                lines.append("\(indent)\(key(k)): \(v.scalarYAML)")
            }
        }
    }

    private static func writeItems(_ items: [JSON], indent: String, into lines: inout [String]) {
        for item in items {
            switch item {
            case .object(let pairs) where !pairs.isEmpty:
                var inner: [String] = []
                writeMembers(pairs, indent: indent + "  ", into: &inner)
                inner[0] = indent + "- " + inner[0].dropFirst(indent.count + 2)
                lines += inner
            case .array(let nested) where !nested.isEmpty:
                lines.append("\(indent)-")
                writeItems(nested, indent: indent + "  ", into: &lines)
            default:
                lines.append("\(indent)- \(item.scalarYAML)")
            }
        }
    }
}
