/// A JSON document: what the Kubernetes REST API carries. Objects keep their keys in order, so a
/// rendering is deterministic; integers and other numbers are told apart, since the model's
/// integers must not pass through a floating-point value.
public indirect enum JSON: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(key: String, value: JSON)])

    /// The value under `key` of an object (the first one), or `nil`.
    public subscript(key: String) -> JSON? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// The members of an object, or `nil`.
    public var objectPairs: [(key: String, value: JSON)]? {
        if case .object(let pairs) = self { return pairs }
        return nil
    }

    /// The string, when this is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// An object from pairs written as a dictionary literal, in the given order.
    public static func members(_ pairs: KeyValuePairs<String, JSON>) -> JSON { .object(pairs.map { ($0.key, $0.value) }) }

    /// This object with `value` under `key` (replacing an earlier value, else appended).
    public func setting(_ key: String, _ value: JSON) -> JSON {
        var pairs = objectPairs ?? []
        if let i = pairs.firstIndex(where: { $0.key == key }) { pairs[i].value = value } else { pairs.append((key, value)) }
        return .object(pairs)
    }

    /// What kind of value this is, for error messages (`a string`, `an object`).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .double: return "a number"
        case .string: return "a string"
        case .array: return "a list"
        case .object: return "an object"
        }
    }

    public static func == (a: JSON, b: JSON) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case let (.bool(x), .bool(y)): return x == y
        case let (.int(x), .int(y)): return x == y
        case let (.double(x), .double(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.array(x), .array(y)): return x == y
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: return false
        }
    }

    public func hash(into h: inout Hasher) {
        switch self {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let n): h.combine(n)
        case .double(let d): h.combine(d)
        case .string(let s): h.combine(s)
        case .array(let xs): h.combine(xs)
        case .object(let pairs): for p in pairs { h.combine(p.key); h.combine(p.value) }
        }
    }
}

/// A JSON document that is not well formed, or a value of the wrong shape, with where it is:
/// a field path (`spec.replicas`) or a line and column of the text.
public struct JSONError: Error, Sendable, CustomStringConvertible, Equatable {
    /// Where the problem is: a field path, or `line L, column C`.
    public let location: String
    public let message: String
    public init(at location: String, _ message: String) { self.location = location; self.message = message }
    public var description: String { location.isEmpty ? message : "\(location): \(message)" }
}
