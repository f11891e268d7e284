/// A named predicate over a step: a Bool term over the current state `s` and the next state `s'`.
///
/// As for `StatePred`, other free variables are parameters and equality is structural (the name
/// is only a label).
public struct ActionPred: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    /// `s`, of the state sort.
    public let stateVariable: Variable
    /// `s'`, of the state sort.
    public let nextStateVariable: Variable
    public let body: Term
    /// The free variables other than `s` and `s'`.
    public let parameters: Set<Variable>

    /// Builds `body(s, s')`; throws when the body is not Bool or mentions another variable named `s` or `s'`.
    public init(_ name: String, state: Sort, _ body: (Term, Term) throws(SortError) -> Term) throws(SortError) {
        let s = Variable.state(state), next = Variable.nextState(state)
        try self.init(name: name, stateSort: state, body: body(s.term, next.term))
    }

    init(name: String, stateSort: Sort, body: Term) throws(SortError) {
        let s = Variable.state(stateSort), next = Variable.nextState(stateSort)
        guard body.sort == .bool else { throw SortError("action predicate '\(name)' must be Bool, got \(body.sort)") }
        for v in body.freeVariables where v != s && v != next && Variable.isStateName(v.name) {
            throw SortError("action predicate '\(name)' mentions '\(v.name)': \(v.sort), a reserved state-variable name")
        }
        self.name = name
        self.stateVariable = s
        self.nextStateVariable = next
        self.body = body
        self.parameters = body.freeVariables.subtracting([s, next])
    }

    public var stateSort: Sort { stateVariable.sort }

    /// The body with `s` and `s'` replaced by `current` and `next`, which must have the state sort.
    public func at(_ current: Term, _ next: Term) -> Term {
        precondition(current.sort == stateSort && next.sort == stateSort, "action predicate '\(name)' applied to \(current.sort), \(next.sort)")
        return body.substituting([stateVariable: current, nextStateVariable: next])
    }

    /// `ENABLED A` at `current`: some successor state satisfies the action.
    public func enabled(at current: Term) -> Term {
        let successor = current.freeVariables.contains(nextStateVariable) ? Variable("s''", stateSort) : nextStateVariable
        let inner = body.substituting([stateVariable: current, nextStateVariable: successor.term])
        return Term(sort: .bool, node: .exists([successor], inner, triggers: []))
    }

    /// The predicate with parameters replaced; no replacement may mention a state variable.
    func substituting(_ map: [Variable: Term]) -> ActionPred {
        var inner = map
        inner[stateVariable] = nil
        inner[nextStateVariable] = nil
        return ActionPred(unchecked: name, stateVariable, nextStateVariable, body.substituting(inner))
    }

    private init(unchecked name: String, _ s: Variable, _ next: Variable, _ body: Term) {
        self.name = name
        self.stateVariable = s
        self.nextStateVariable = next
        self.body = body
        self.parameters = body.freeVariables.subtracting([s, next])
    }

    public var description: String { name }

    public static func == (a: ActionPred, b: ActionPred) -> Bool { a.stateVariable == b.stateVariable && a.body == b.body }
    public func hash(into h: inout Hasher) { h.combine(body) }
}
