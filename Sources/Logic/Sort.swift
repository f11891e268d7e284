/// The sorts of the term language. Every term has exactly one sort, fixed at construction.
///
/// Maps are total functions `K -> Option<V>` (the domain is the set of keys mapped to `some`),
/// sets are `K -> Bool`; both lower to Z3 arrays.
public indirect enum Sort: Hashable, Sendable, CustomStringConvertible {
    case bool
    case int
    case string
    case datatype(DatatypeDecl)
    /// A finite map from keys to values; `lookup` yields `Option<V>`.
    case map(Sort, Sort)
    case set(Sort)
    case seq(Sort)
    /// A reference to the datatype being declared, used only inside a recursive declaration's fields.
    case recursive(String)

    public var description: String {
        switch self {
        case .bool: return "Bool"
        case .int: return "Int"
        case .string: return "String"
        case .datatype(let d): return d.name
        case .map(let k, let v): return "Map<\(k), \(v)>"
        case .set(let e): return "Set<\(e)>"
        case .seq(let e): return "Seq<\(e)>"
        case .recursive(let n): return n
        }
    }

    /// `Option<T>`: the datatype with constructors `none` and `some(value: T)`.
    public static func option(_ element: Sort) -> Sort { .datatype(DatatypeDecl.option(of: element)) }

    /// The datatype declaration, when this sort is a datatype.
    public var datatype: DatatypeDecl? {
        if case .datatype(let d) = self { return d }
        return nil
    }

    /// The element sort when this sort is `Option<T>`.
    public var optionElement: Sort? {
        guard let d = datatype, d.isOption else { return nil }
        return d.constructors[1].fields[0].sort
    }

    /// Whether the sort has finitely many values that the evaluator can enumerate
    /// (Bool and datatypes whose constructors carry only such fields, without recursion).
    public var isFinite: Bool { finiteValueCount(depth: 0) != nil }

    func finiteValueCount(depth: Int) -> Int? {
        if depth > 8 { return nil }
        switch self {
        case .bool: return 2
        case .datatype(let d):
            var total = 0
            for c in d.constructors {
                var product = 1
                for f in c.fields {
                    guard case let n? = d.resolve(f.sort).finiteValueCount(depth: depth + 1) else { return nil }
                    product *= n
                    if product > 1 << 16 { return nil }
                }
                total += product
            }
            return total
        default: return nil
        }
    }
}

/// A sort error: raised while a term is being built, never by Z3.
public struct SortError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "sort error: \(message)" }
}
