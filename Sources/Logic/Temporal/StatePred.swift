/// A named predicate over one state: a Bool term over the state variable `s` of a state sort.
///
/// Other free variables of the body are parameters (for example a custom resource `cr`); in an
/// obligation or a fact they are universally quantified. Equality is structural: the name is a
/// label for diagnostics and takes no part in `==`.
public struct StatePred: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// `s`, of the state sort.
    public let stateVariable: Variable
    public let body: Term
    /// The free variables other than the state variable.
    public let parameters: Set<Variable>

    /// Builds `body(s)`; throws when the body is not Bool or mentions a variable named `s` or `s'`
    /// other than the state variable.
    public init(_ name: String, state: Sort, _ body: (Term) throws(SortError) -> Term) throws(SortError) {
        let s = Variable.state(state)
        try self.init(name: name, stateVariable: s, body: body(s.term))
    }

    init(name: String, stateVariable: Variable, body: Term) throws(SortError) {
        guard body.sort == .bool else { throw SortError("state predicate '\(name)' must be Bool, got \(body.sort)") }
        for v in body.freeVariables where v != stateVariable && Variable.isStateName(v.name) {
            throw SortError("state predicate '\(name)' mentions '\(v.name)': \(v.sort), a reserved state-variable name")
        }
        self.name = name
        self.stateVariable = stateVariable
        self.body = body
        self.parameters = body.freeVariables.subtracting([stateVariable])
    }

    public var stateSort: Sort { stateVariable.sort }

    /// The body with the state variable replaced by `state`, which must have the state sort.
    public func at(_ state: Term) -> Term {
        precondition(state.sort == stateSort, "state predicate '\(name)' applied to \(state.sort)")
        return body.substituting([stateVariable: state])
    }

    /// The predicate with parameters replaced; no replacement may mention a state variable.
    func substituting(_ map: [Variable: Term]) -> StatePred {
        var inner = map
        inner[stateVariable] = nil
        return StatePred(unchecked: name, stateVariable, body.substituting(inner))
    }

    private init(unchecked name: String, _ stateVariable: Variable, _ body: Term) {
        self.name = name
        self.stateVariable = stateVariable
        self.body = body
        self.parameters = body.freeVariables.subtracting([stateVariable])
    }

    public var description: String { name }

    public static func == (a: StatePred, b: StatePred) -> Bool { a.stateVariable == b.stateVariable && a.body == b.body }
    public func hash(into h: inout Hasher) { h.combine(body) }

    // MARK: Connectives

    public static func && (p: StatePred, q: StatePred) throws(SortError) -> StatePred {
        try combine(p, q, "/\\") { a, b throws(SortError) in try a && b }
    }
    public static func || (p: StatePred, q: StatePred) throws(SortError) -> StatePred {
        try combine(p, q, "\\/") { a, b throws(SortError) in try a || b }
    }
    public static prefix func ! (p: StatePred) throws(SortError) -> StatePred {
        try StatePred(name: "~\(p.name)", stateVariable: p.stateVariable, body: !p.body)
    }

    private static func combine(_ p: StatePred, _ q: StatePred, _ symbol: String,
                                _ op: (Term, Term) throws(SortError) -> Term) throws(SortError) -> StatePred {
        guard p.stateSort == q.stateSort else {
            throw SortError("state predicates over \(p.stateSort) and \(q.stateSort) cannot be combined")
        }
        return try StatePred(name: "(\(p.name) \(symbol) \(q.name))", stateVariable: p.stateVariable, body: op(p.body, q.body))
    }
}

extension Variable {
    /// The current-state variable `s` of a state sort.
    public static func state(_ sort: Sort) -> Variable { Variable("s", sort) }
    /// The next-state variable `s'` of a state sort.
    public static func nextState(_ sort: Sort) -> Variable { Variable("s'", sort) }

    /// `s` and `s'` are reserved for states: predicates and quantifiers may not use them as parameters.
    static func isStateName(_ name: String) -> Bool { name == "s" || name == "s'" }
}
