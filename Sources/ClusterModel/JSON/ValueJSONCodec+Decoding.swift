import Foundation

/// Reading values back from JSON, by sort and layout. An absent field or `null` is the sort's
/// zero value (`none`, empty, `0`, `""`, `false`); a value of the wrong shape is an error naming
/// the field path; a key the layout does not know is an error (`strict`) or is dropped and
/// listed in `dropped` (as Kubernetes' `fieldValidation=Strict` and `Warn` do).
extension ValueJSONCodec {
    /// The state of one decoding: whether unknown keys are errors, and those dropped so far.
    public struct Reading {
        public let strict: Bool
        public var dropped: [String] = []
        public init(strict: Bool) { self.strict = strict }
    }

    /// The value of `sort` that `json` denotes (`nil`: the field is absent).
    public func decode(_ json: JSON?, _ sort: Sort, _ encoding: Encoding = .shape, at path: String,
                       _ reading: inout Reading) throws(JSONError) -> Value {
        let json = json == .null ? nil : json
        func fail(_ expected: String) -> JSONError {
            JSONError(at: path, "expected \(expected), got \(json?.kindDescription ?? "nothing")")
        }
        switch sort {
        case .bool:
            guard let json else { return .bool(false) }
            guard case .bool(let b) = json else { throw fail("a boolean") }
            return .bool(b)
        case .int:
            guard let json else { return .int(0) }
            if encoding == .decimalString {
                guard case .string(let s) = json else { throw fail("a string of decimal digits") }
                guard let n = Int(s) else { throw JSONError(at: path, "expected a string of decimal digits, got '\(s)'") }
                return .int(n)
            }
            guard case .int(let n) = json else { throw fail("an integer") }
            return .int(n)
        case .string:
            guard let json else { return .string("") }
            return .string(try decodeString(json, encoding, at: path))
        case .seq(let e):
            guard let json else { return .seq([]) }
            guard case .array(let items) = json else { throw fail("a list") }
            var out: [Value] = []
            for (i, item) in items.enumerated() { out.append(try decode(item, e, encoding, at: "\(path)[\(i)]", &reading)) }
            return .seq(out)
        case .set(let e):
            guard let json else { return .set(members: [], complemented: false) }
            guard case .array(let items) = json else { throw fail("a list") }
            var out = Set<Value>()
            for (i, item) in items.enumerated() { out.insert(try decode(item, e, encoding, at: "\(path)[\(i)]", &reading)) }
            return .set(members: out, complemented: false)
        case .map(let k, let v):
            guard let json else { return .map(entries: [:], otherwise: nil) }
            var entries: [Value: Value] = [:]
            if k == .string {
                guard case .object(let pairs) = json else { throw fail("an object") }
                for (key, item) in pairs { entries[.string(key)] = try decode(item, v, encoding, at: "\(path).\(key)", &reading) }
            } else {
                guard case .array(let items) = json else { throw fail("a list of {key, value}") }
                for (i, item) in items.enumerated() {
                    guard case .object = item else { throw JSONError(at: "\(path)[\(i)]", "expected an object {key, value}") }
                    let key = try decode(item["key"], k, at: "\(path)[\(i)].key", &reading)
                    entries[key] = try decode(item["value"], v, encoding, at: "\(path)[\(i)].value", &reading)
                }
            }
            return .map(entries: entries, otherwise: nil)
        case .datatype(let d):
            if d.isOption {
                guard let json else { return .option(nil, of: d.fieldSort(1, 0)) }
                return .option(try decode(json, d.fieldSort(1, 0), encoding, at: path, &reading), of: d.fieldSort(1, 0))
            }
            if d.constructors.allSatisfy(\.fields.isEmpty) {
                guard let json else { return Sort.datatype(d).zeroValue }
                let names = encoding == .kindName && d == K8s.kind ? K8s.Kind.allCases.map(\.kubernetesName) : d.constructors.map(\.name)
                guard case .string(let s) = json, let c = names.firstIndex(of: s) else {
                    throw JSONError(at: path, "expected one of \(names.joined(separator: ", ")), got \(json.quotedDescription)")
                }
                return .datatype(d, constructor: c, fields: [])
            }
            if d.constructors.count == 1 {
                return .datatype(d, constructor: 0, fields: try decodeMembers(json, d, 0, at: path, &reading))
            }
            guard let json else { throw fail("an object with one of " + d.constructors.map(\.name).joined(separator: ", ")) }
            guard case .object(let pairs) = json, pairs.count == 1, let c = d.constructorIndex(pairs[0].key) else {
                throw JSONError(at: path, "expected an object with exactly one of " + d.constructors.map(\.name).joined(separator: ", "))
            }
            return .datatype(d, constructor: c, fields: try decodeMembers(pairs[0].value, d, c, at: path + "." + pairs[0].key, &reading))
        case .recursive(let name):
            throw JSONError(at: path, "unresolved recursive sort \(name)")
        }
    }

    /// The fields of constructor `c` read from the object `json`, placed by the layout; unknown
    /// keys are checked against the layout's tree of paths.
    func decodeMembers(_ json: JSON?, _ d: DatatypeDecl, _ c: Int, at path: String,
                       _ reading: inout Reading) throws(JSONError) -> [Value] {
        let object = json == .null ? nil : json
        if let object, object.objectPairs == nil {
            throw JSONError(at: path, "expected an object, got \(object.kindDescription)")
        }
        var expected = KeyTree()
        var values: [Value] = []
        for (i, f) in d.constructors[c].fields.enumerated() {
            let place = field(d, f.name), sort = d.fieldSort(c, i)
            if place.path.isEmpty {
                guard let union = sort.datatype, union.constructors.count > 1 else {
                    throw JSONError(at: path, "field \(f.name) is inlined but is not a tagged union")
                }
                for ctor in union.constructors { expected.insert([ctor.name]) }
                let present = union.constructors.indices.filter { object?[union.constructors[$0].name] != nil }
                guard present.count == 1, let u = present.first else {
                    throw JSONError(at: path, "expected exactly one of " + union.constructors.map(\.name).joined(separator: ", "))
                }
                let name = union.constructors[u].name
                values.append(.datatype(union, constructor: u, fields: try decodeMembers(object?[name], union, u,
                                                                                     at: join(path, name), &reading)))
                continue
            }
            expected.insert(place.path)
            var sub = object
            for (j, key) in place.path.enumerated() {
                guard let current = sub, current != .null else { sub = nil; break }
                guard current.objectPairs != nil else {
                    throw JSONError(at: join(path, place.path[..<j].joined(separator: ".")), "expected an object, got \(current.kindDescription)")
                }
                sub = current[key]
            }
            values.append(try decode(sub, sort, place.encoding, at: join(path, place.path.joined(separator: ".")), &reading))
        }
        if let layout = layouts[d.name] {
            for key in layout.ignoredKeys { expected.insert([key]) }
            for (key, _) in layout.derived { expected.insert([key]) }
        }
        if let object { try expected.check(object, at: path, &reading) }
        return values
    }

    func decodeString(_ json: JSON, _ encoding: Encoding, at path: String) throws(JSONError) -> String {
        switch encoding {
        case .opaque:
            if case .string(let s) = json { return s }
            return json.canonicalText
        case .nameRef:
            guard case .object = json, case .string(let name)? = json["name"] else {
                throw JSONError(at: path, "expected an object {name: string}, got \(json.kindDescription)")
            }
            return name
        default:
            guard case .string(let s) = json else { throw JSONError(at: path, "expected a string, got \(json.kindDescription)") }
            switch encoding {
            case .base64:
                guard let data = Data(base64Encoded: s), let text = String(data: data, encoding: .utf8) else {
                    throw JSONError(at: path, "expected base64 of UTF-8 text, got '\(s)'")
                }
                return text
            case .timestamp:
                return Self.secondsSinceEpoch(s).map(String.init) ?? s
            default:
                return s
            }
        }
    }

    private func join(_ path: String, _ rest: String) -> String {
        path.isEmpty ? rest : rest.isEmpty ? path : "\(path).\(rest)"
    }
}

/// The keys a layout reads from an object, as a tree: a leaf takes any value, an inner node
/// must be an object whose keys are its children.
struct KeyTree {
    var children: [String: KeyTree] = [:]
    var isLeaf = false

    mutating func insert(_ path: [String]) {
        guard let first = path.first else { isLeaf = true; return }
        children[first, default: KeyTree()].insert(Array(path.dropFirst()))
    }

    func check(_ object: JSON, at path: String, _ reading: inout ValueJSONCodec.Reading) throws(JSONError) {
        for (key, value) in object.objectPairs ?? [] {
            let here = path.isEmpty ? key : "\(path).\(key)"
            guard let child = children[key] else {
                if reading.strict { throw JSONError(at: here, "unknown field (the model has no such field)") }
                reading.dropped.append(here)
                continue
            }
            if !child.isLeaf, value.objectPairs != nil { try child.check(value, at: here, &reading) }
        }
    }
}

extension JSON {
    /// The value in quotes for a string, else its kind (for error messages).
    var quotedDescription: String {
        if case .string(let s) = self { return "'\(s)'" }
        return kindDescription
    }
}
