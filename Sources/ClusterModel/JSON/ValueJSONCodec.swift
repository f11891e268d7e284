import Foundation

/// Values of the model's sorts as JSON, by sort: booleans, integers and strings as themselves,
/// sequences and sets as lists, string-keyed maps as objects (other maps as lists of
/// `{key, value}`), options as the value or an absent field, enumerations as the constructor's
/// name, records as objects and other datatypes as `{constructor: {fields}}`.
///
/// A layout may say, per record field, where in the object the field goes (a path of keys, or
/// inlined into the parent for a tagged union) and how it is written (`Encoding`); the
/// Kubernetes codec (`K8s+JSON.swift`) is this codec with Kubernetes' layout. Decoding names the
/// field path of every error (`spec.template.spec.containers[0].image: expected a string, got a number`).
public struct ValueJSONCodec: Sendable {
    /// How a value is written.
    public enum Encoding: Sendable, Equatable {
        /// By its sort, as described on the type.
        case shape
        /// An integer as a string of decimal digits (Kubernetes' resource versions and uids).
        case decimalString
        /// A string that stands for an unmodelled JSON value: an object or a list written as its
        /// canonical JSON text (`JSON.canonicalText`: compact, keys sorted) is written as that
        /// value, any other string as itself. Read back, a value gives its canonical text, so a
        /// client that reorders keys (`kubectl` sorts them) changes nothing; a producer of such
        /// strings must write them canonically, or the stored object never equals the one it made.
        case opaque
        /// A string written in base64 (a Secret's data).
        case base64
        /// A string written as `{"name": s}` (a local object reference).
        case nameRef
        /// A string of decimal seconds written as an RFC 3339 time after the epoch (others as they are).
        case timestamp
        /// A `Kind` written as Kubernetes' kind name (`ConfigMap`).
        case kindName
    }

    /// Where a record field goes and how it is written.
    public struct Field: Sendable {
        /// Keys from the record's object; empty: a tagged union whose variant key is inlined.
        public let path: [String]
        public let encoding: Encoding
        /// Written even when it is an empty list or map (Kubernetes requires the field).
        public let alwaysWritten: Bool
        public init(_ path: [String], _ encoding: Encoding = .shape, alwaysWritten: Bool = false) {
            self.path = path; self.encoding = encoding; self.alwaysWritten = alwaysWritten
        }
    }

    /// The layout of one datatype: its fields (missing ones go under their own name, by shape),
    /// keys computed from the fields for clients that require them (ignored when read back), and
    /// keys accepted and ignored.
    public struct Layout: Sendable {
        public typealias Derived = @Sendable (_ fields: [String: Value]) -> JSON
        public let fields: [String: Field]
        public let derived: [(key: String, value: Derived)]
        public let ignoredKeys: Set<String>
        public init(fields: [String: Field] = [:], derived: [(key: String, value: Derived)] = [], ignoredKeys: Set<String> = []) {
            self.fields = fields; self.derived = derived; self.ignoredKeys = ignoredKeys
        }
    }

    /// Layouts by datatype name.
    public let layouts: [String: Layout]
    /// Record fields (`Datatype.field`) whose strings are `.opaque`.
    public let opaqueFields: Set<String>

    public init(layouts: [String: Layout] = [:], opaqueFields: Set<String> = []) {
        self.layouts = layouts; self.opaqueFields = opaqueFields
    }

    /// The codec without a layout: every field under its own name, by shape.
    public static let plain = ValueJSONCodec()

    /// Where the field `name` of datatype `d` goes and how it is written.
    public func field(_ d: DatatypeDecl, _ name: String) -> Field {
        if let f = layouts[d.name]?.fields[name] { return f }
        return Field([name], opaqueFields.contains("\(d.name).\(name)") ? .opaque : .shape)
    }

    // MARK: Encoding

    /// The JSON of `value`, a value of `sort`; `nil` when it is written as an absent field (an
    /// option that is `none`, an empty list or map).
    public func encode(_ value: Value, _ sort: Sort, _ encoding: Encoding = .shape, alwaysWritten: Bool = false) -> JSON? {
        switch (value, sort) {
        case let (.bool(b), _): return .bool(b)
        case let (.int(n), _): return encoding == .decimalString ? .string(String(n)) : .int(n)
        case let (.string(s), _): return Self.encodeString(s, encoding)
        case let (.seq(xs), .seq(e)):
            if xs.isEmpty && !alwaysWritten { return nil }
            return .array(xs.map { encode($0, e, encoding) ?? .null })
        case let (.set(members, _), .set(e)):
            if members.isEmpty && !alwaysWritten { return nil }
            return .array(members.sorted { $0.description < $1.description }.map { encode($0, e, encoding) ?? .null })
        case let (.map(entries, _), .map(k, v)):
            if entries.isEmpty && !alwaysWritten { return nil }
            let sorted = entries.sorted { $0.key.description < $1.key.description }
            if k == .string {
                return .object(sorted.map { (key: $0.key.stringValue ?? "", value: encode($0.value, v, encoding) ?? .null) })
            }
            return .array(sorted.map { .members(["key": encode($0.key, k) ?? .null, "value": encode($0.value, v, encoding) ?? .null]) })
        case let (.datatype(_, c, fields), .datatype(d)):
            if d.isOption { return c == 1 ? encode(fields[0], d.fieldSort(1, 0), encoding, alwaysWritten: alwaysWritten) : nil }
            if d.constructors.allSatisfy(\.fields.isEmpty) {
                if encoding == .kindName, d == K8s.kind { return .string(K8s.Kind.allCases[c].kubernetesName) }
                return .string(d.constructors[c].name)
            }
            if d.constructors.count == 1 { return .object(encodeMembers(fields, d, 0)) }
            return .object([(d.constructors[c].name, .object(encodeMembers(fields, d, c)))])
        default:
            return .string(value.description)
        }
    }

    /// The members of constructor `c`'s object, placed by the layout, then the derived keys.
    func encodeMembers(_ fields: [Value], _ d: DatatypeDecl, _ c: Int) -> [(key: String, value: JSON)] {
        var object = JSON.object([])
        for (i, f) in d.constructors[c].fields.enumerated() {
            let place = field(d, f.name)
            guard let json = encode(fields[i], d.fieldSort(c, i), place.encoding, alwaysWritten: place.alwaysWritten) else { continue }
            if place.path.isEmpty {
                for (k, v) in json.objectPairs ?? [] { object = object.setting(k, v) }
            } else {
                object = Self.setting(object, place.path[...], json)
            }
        }
        if let layout = layouts[d.name] {
            let named = Dictionary(uniqueKeysWithValues: zip(d.constructors[c].fields.map(\.name), fields))
            for (k, v) in layout.derived { object = object.setting(k, v(named)) }
        }
        return object.objectPairs ?? []
    }

    static func setting(_ object: JSON, _ path: ArraySlice<String>, _ value: JSON) -> JSON {
        guard let first = path.first else { return value }
        if path.count == 1 { return object.setting(first, value) }
        return object.setting(first, setting(object[first] ?? .object([]), path.dropFirst(), value))
    }

    static func encodeString(_ s: String, _ encoding: Encoding) -> JSON {
        switch encoding {
        case .opaque:
            if let first = s.first, first == "{" || first == "[", let parsed = try? JSON(parsing: s) { return parsed }
            return .string(s)
        case .base64: return .string(Data(s.utf8).base64EncodedString())
        case .nameRef: return .members(["name": .string(s)])
        case .timestamp:
            guard let seconds = Int(s), seconds >= 0 else { return .string(s) }
            return .string(Self.rfc3339(seconds))
        default: return .string(s)
        }
    }

    static func rfc3339(_ seconds: Int) -> String {
        let days = seconds / 86_400, rest = seconds % 86_400
        // Civil date from days since 1970-01-01 (proleptic Gregorian calendar).
        let z = days + 719_468, era = z / 146_097, doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1, month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year4 = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
        return "\(year4)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60))Z"
    }

    static func secondsSinceEpoch(_ text: String) -> Int? {
        let parts = text.split(whereSeparator: { "-T:Z".contains($0) }).map { Int($0) }
        guard text.count == 20, text.hasSuffix("Z"), parts.count == 6, parts.allSatisfy({ $0 != nil }) else { return nil }
        let p = parts.map { $0! }
        let (year, month, day) = (p[0], p[1], p[2])
        guard (1...12).contains(month), (1...31).contains(day), p[3] < 24, p[4] < 60, p[5] < 60 else { return nil }
        let y = month <= 2 ? year - 1 : year, era = y / 400, yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9, doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146_097 + doe - 719_468
        let seconds = days * 86_400 + p[3] * 3600 + p[4] * 60 + p[5]
        return rfc3339(seconds) == text ? seconds : nil
    }
}
