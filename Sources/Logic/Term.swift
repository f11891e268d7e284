/// A variable of the term language: free (a constant of a query) or bound by a quantifier, `let` or `match`.
public struct Variable: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let sort: Sort
    public init(_ name: String, _ sort: Sort) { self.name = name; self.sort = sort }
    public var term: Term { Term(sort: sort, node: .variable(self)) }
    public var description: String { name }
}

/// The built-in operations. Each one's sort rule lives in `Term+Construction.swift`.
public enum Op: Hashable, Sendable {
    case not, and, or, implies, iff, eq
    case add, sub, neg, mul, lt, le
    case strConcat, strLength, strPrefixOf, strContains, intToString
    /// Apply constructor `ctor` of the datatype.
    case construct(DatatypeDecl, Int)
    /// Read field `field` of constructor `ctor` (only total on single-constructor datatypes).
    case access(DatatypeDecl, Int, Int)
    /// Test whether the value was built by constructor `ctor`.
    case test(DatatypeDecl, Int)
    case seqEmpty, seqUnit, seqConcat, seqLength, seqAt, seqContains
    case mapEmpty, mapInsert, mapRemove, mapLookup, mapHasKey
    case setEmpty, setInsert, setRemove, setContains, setUnion, setIntersection, setDifference, setSubset
}

/// One arm of a `match`: a constructor and the variables bound to its fields.
public struct MatchCase: Hashable, Sendable {
    public let constructor: Int
    public let bindings: [Variable]
    public let body: Term
}

/// The shape of a term. Terms are immutable trees shared by reference.
public indirect enum TermNode: Hashable, Sendable {
    case bool(Bool)
    case int(Int)
    case string(String)
    case variable(Variable)
    case apply(Op, [Term])
    case ite(Term, Term, Term)
    /// An uninterpreted function of the given name (a constant when it has no arguments).
    case uninterpreted(String, [Term])
    case forall([Variable], Term, triggers: [[Term]])
    case exists([Variable], Term, triggers: [[Term]])
    case letIn(Variable, Term, Term)
    case match(Term, [MatchCase])
    /// The term itself, with a name for diagnostics (for example the action a disjunct of `next`
    /// stands for). Both interpretations ignore the label.
    case labeled(String, Term)
    /// A definition applied to arguments, with `instance`, its body at the arguments (see
    /// `Definition`): what the term means; a validity check lowers it as an uninterpreted function.
    case opaque(Definition, [Term], instance: Term)
}

/// A well-sorted term. Terms are built only through the checked constructors, which throw a
/// `SortError` naming the operation and the sorts involved; an ill-sorted term cannot exist.
public final class Term: Hashable, Sendable, CustomStringConvertible {
    public let sort: Sort
    public let node: TermNode
    /// The free variables (not bound inside the term), computed once at construction.
    public let freeVariables: Set<Variable>
    /// The deepest nesting of binders (quantifiers, `let`, `match` arms) inside the term.
    public let binderHeight: Int
    private let structuralHash: Int

    init(sort: Sort, node: TermNode) {
        self.sort = sort
        self.node = node
        self.freeVariables = Term.freeVariables(of: node)
        self.binderHeight = Term.binderHeight(of: node)
        var h = Hasher()
        h.combine(sort)
        h.combine(node)
        self.structuralHash = h.finalize()
    }

    public static func == (a: Term, b: Term) -> Bool {
        a === b || (a.structuralHash == b.structuralHash && a.sort == b.sort && a.node == b.node)
    }
    public func hash(into h: inout Hasher) { h.combine(structuralHash) }
}
