import Synchronization

/// One `Option<T>` declaration per element sort, so option sorts compare by identity.
private let optionCache = Mutex<[Sort: DatatypeDecl]>([:])

/// A datatype (record, enum, or tagged union) declared by name, with ordered constructors.
///
/// A field of sort `.recursive(name)` refers back to the datatype itself, so lists and trees can be
/// declared. Two declarations are the same datatype when their names and structure agree; two
/// different structures under one name are rejected when the datatypes are lowered.
public final class DatatypeDecl: Hashable, Sendable, CustomStringConvertible {
    public struct Field: Hashable, Sendable {
        public let name: String
        public let sort: Sort
        public init(_ name: String, _ sort: Sort) { self.name = name; self.sort = sort }
    }
    public struct Constructor: Hashable, Sendable {
        public let name: String
        public let fields: [Field]
        public init(_ name: String, _ fields: [Field] = []) { self.name = name; self.fields = fields }
    }

    public let name: String
    public let constructors: [Constructor]
    /// A structural fingerprint: equal names with different structures are distinct datatypes.
    public let signature: String
    /// Whether a field holds a map or a set (directly or inside another datatype), so that a value
    /// may need normalising; computed once here so normalisation can skip everything else.
    let holdsMapsOrSets: Bool

    public init(_ name: String, _ constructors: [Constructor]) {
        self.name = name
        self.constructors = constructors
        self.signature = name + "{" + constructors.map { c in
            c.name + "(" + c.fields.map { "\($0.name):\($0.sort.signatureText)" }.joined(separator: ",") + ")"
        }.joined(separator: "|") + "}"
        self.holdsMapsOrSets = constructors.contains { c in c.fields.contains { $0.sort.containsMapsOrSets } }
    }

    /// A record: one constructor named after the datatype.
    public static func record(_ name: String, _ fields: [Field]) -> DatatypeDecl {
        DatatypeDecl(name, [Constructor(name, fields)])
    }

    /// An enumeration: constructors without fields.
    public static func enumeration(_ name: String, _ cases: [String]) -> DatatypeDecl {
        DatatypeDecl(name, cases.map { Constructor($0) })
    }

    /// `Option<T>` with constructors `none` and `some(value)`.
    public static func option(of element: Sort) -> DatatypeDecl {
        optionCache.withLock { cache in
            if let d = cache[element] { return d }
            let d = DatatypeDecl("Option<\(element)>", [Constructor("none"), Constructor("some", [Field("value", element)])])
            cache[element] = d
            return d
        }
    }

    public var isOption: Bool {
        constructors.count == 2 && constructors[0].name == "none" && constructors[0].fields.isEmpty
            && constructors[1].name == "some" && constructors[1].fields.count == 1 && name.hasPrefix("Option<")
    }

    public var isRecursive: Bool {
        constructors.contains { c in c.fields.contains { $0.sort.mentionsRecursive(name) } }
    }

    /// The sort of a field with `.recursive(name)` replaced by this datatype.
    public func resolve(_ sort: Sort) -> Sort {
        if case .recursive(let n) = sort, n == name { return .datatype(self) }
        return sort
    }

    public func constructorIndex(_ name: String) -> Int? { constructors.firstIndex { $0.name == name } }

    public func fieldSort(_ constructor: Int, _ field: Int) -> Sort {
        resolve(constructors[constructor].fields[field].sort)
    }

    public var description: String { name }
    public static func == (a: DatatypeDecl, b: DatatypeDecl) -> Bool { a === b || a.signature == b.signature }
    public func hash(into h: inout Hasher) { h.combine(name) }
}

extension Sort {
    var signatureText: String {
        switch self {
        case .datatype(let d): return d.signature
        case .map(let k, let v): return "Map<\(k.signatureText),\(v.signatureText)>"
        case .set(let e): return "Set<\(e.signatureText)>"
        case .seq(let e): return "Seq<\(e.signatureText)>"
        default: return description
        }
    }

    func mentionsRecursive(_ name: String) -> Bool {
        switch self {
        case .recursive(let n): return n == name
        case .map(let k, let v): return k.mentionsRecursive(name) || v.mentionsRecursive(name)
        case .set(let e), .seq(let e): return e.mentionsRecursive(name)
        default: return false
        }
    }
}
