/// A concrete value of some sort: what the evaluator computes and what Z3 models decode to.
public indirect enum Value: Hashable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case string(String)
    case datatype(DatatypeDecl, constructor: Int, fields: [Value])
    case seq([Value])
    /// A map: `entries` hold the keys mapped to a value; every other key maps to `otherwise`
    /// (`nil`: absent). Maps built by terms always have `otherwise == nil`; models may not.
    case map(entries: [Value: Value], otherwise: Value?)
    /// A set, or the complement of `members` when `complemented` (only from models).
    case set(members: Set<Value>, complemented: Bool)

    public static func option(_ v: Value?, of element: Sort) -> Value {
        let d = DatatypeDecl.option(of: element)
        if let v { return .datatype(d, constructor: 1, fields: [v]) }
        return .datatype(d, constructor: 0, fields: [])
    }

    /// The payload of an `Option` value (`nil` for `none`); `nil` also when this is not an option.
    public var optionPayload: Value?? {
        guard case .datatype(let d, let c, let fields) = self, d.isOption else { return nil }
        return .some(c == 1 ? fields[0] : nil)
    }

    public var description: String {
        switch self {
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .string(let s): return "\"" + s.replacingQuoteAndBackslash() + "\""
        case .datatype(let d, let c, let fields):
            let ctor = d.constructors[c]
            if fields.isEmpty { return d.isOption ? "none" : ctor.name }
            if d.isOption { return "some(\(fields[0]))" }
            let parts = zip(ctor.fields, fields).map { "\($0.name): \($1)" }
            return "\(ctor.name)(\(parts.joined(separator: ", ")))"
        case .seq(let xs): return "[" + xs.map(\.description).joined(separator: ", ") + "]"
        case .map(let entries, let otherwise):
            var parts = entries.map { "\($0.key) → \($0.value)" }.sorted()
            if let o = otherwise { parts.append("_ → \(o)") }
            return "{" + parts.joined(separator: ", ") + "}"
        case .set(let members, let complemented):
            let body = "{" + members.map(\.description).sorted().joined(separator: ", ") + "}"
            return complemented ? "complement " + body : body
        }
    }
}

extension String {
    func replacingQuoteAndBackslash() -> String {
        var out = ""
        for ch in self {
            switch ch {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }
}
