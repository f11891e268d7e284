/// The cluster run as a simulator: an action's guard and effect are the very terms the proofs use,
/// evaluated on concrete states and inputs.
extension ClusterModel {
    /// The initial state as a value.
    public func initialValue() throws(EvaluationError) -> Value { try initialState.evaluate() }

    /// Whether `action` can run at `state` with `inputs` (in the order the action declares them).
    public func isEnabled(_ action: String, at state: Value, inputs: [Value] = []) throws -> Bool {
        let a = try machine.action(action)
        guard case .bool(let enabled) = try a.guardTerm.evaluate(try environment(a, state, inputs)) else {
            throw EvaluationError("the guard of \(action) did not evaluate to a Bool")
        }
        return enabled
    }

    /// The state after `action` runs at `state` with `inputs`, or `nil` when it cannot run.
    public func run(_ action: String, at state: Value, inputs: [Value] = []) throws -> Value? {
        guard try isEnabled(action, at: state, inputs: inputs) else { return nil }
        let a = try machine.action(action)
        return try a.effectTerm.evaluate(try environment(a, state, inputs))
    }

    /// Evaluates `body(s)` with `s` the cluster state `state`.
    public func evaluate(at state: Value, _ body: (Term) throws -> Term) throws -> Value {
        let s = Variable.state(stateSort)
        return try body(s.term).evaluate([s: state])
    }

    private func environment(_ action: Action, _ state: Value, _ inputs: [Value]) throws(SortError) -> [Variable: Value] {
        guard inputs.count == action.inputs.count else {
            throw SortError("action '\(action.name)' takes \(action.inputs.count) input(s), got \(inputs.count)")
        }
        var env: [Variable: Value] = [Variable.state(stateSort): state]
        for (v, x) in zip(action.inputs, inputs) { env[v] = x }
        return env
    }
}
