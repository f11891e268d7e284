/// How an action is assumed fair in a machine's spec.
public enum Fairness: Sendable, Hashable {
    /// No fairness: the action may be enabled forever and never taken (failures, other users).
    case none
    /// Weak fairness of the action as a whole (some input): `WF(∃ in. guard ∧ s' = effect)`.
    case weak
    /// Weak fairness for each input separately: `∀ in. WF(guard(in) ∧ s' = effect(in))`, for
    /// example "the API server eventually handles each in-flight message".
    case weakPerInput
}

/// An action of a state machine: typed inputs, a guard and a deterministic effect, all terms over
/// the current state `s` and the inputs. Its inputs are named `<action>.<input>` so that a
/// counterexample shows which action ran with which input.
public struct Action: Sendable, Hashable {
    public let name: String
    public let inputs: [Variable]
    /// Bool term over `s` and the inputs: when the action can run (its enabledness).
    public let guardTerm: Term
    /// State term over `s` and the inputs: the state after the action.
    public let effectTerm: Term
    public let fairness: Fairness
    let state: Variable

    public init(_ name: String, state: Sort, inputs: [(String, Sort)] = [], fairness: Fairness = .none,
                guard guardBuilder: (Term, [Term]) throws(SortError) -> Term,
                effect effectBuilder: (Term, [Term]) throws(SortError) -> Term) throws(SortError) {
        let s = Variable.state(state)
        let vars = inputs.map { Variable("\(name).\($0.0)", $0.1) }
        let g = try guardBuilder(s.term, vars.map(\.term))
        let e = try effectBuilder(s.term, vars.map(\.term))
        guard g.sort == .bool else { throw SortError("guard of action '\(name)' must be Bool, got \(g.sort)") }
        guard e.sort == state else { throw SortError("effect of action '\(name)' must be \(state), got \(e.sort)") }
        if fairness == .weakPerInput && inputs.isEmpty {
            throw SortError("action '\(name)' has no inputs to be fair per input")
        }
        self.name = name
        self.inputs = vars
        self.guardTerm = g
        self.effectTerm = e
        self.fairness = fairness
        self.state = s
    }

    /// The action with its inputs fixed to `values` (terms over parameters, not the state):
    /// `guard(s, values) ∧ s' = effect(s, values)`.
    public func forward(_ values: [Term]) throws(SortError) -> ActionPred {
        let map = try inputMap(values)
        let g = guardTerm.substituting(map), e = effectTerm.substituting(map)
        return try ActionPred(name + (values.isEmpty ? "" : "(" + values.map(\.description).joined(separator: ", ") + ")"),
                              state: state.sort) { s, next throws(SortError) in
            try g.substituting([self.state: s]) && (next .== e.substituting([self.state: s]))
        }
    }

    /// Some input: `∃ in. guard ∧ s' = effect`.
    public var step: ActionPred {
        get throws(SortError) {
            let body = try guardTerm && (Variable.nextState(state.sort).term .== effectTerm)
            return try ActionPred(name, state: state.sort) { s, next throws(SortError) in
                let inner = body.substituting([self.state: s, Variable.nextState(self.state.sort): next])
                return inputs.isEmpty ? inner : try Term.exists(inputs, inner)
            }
        }
    }

    /// The guard with inputs fixed: the state predicate "this action is enabled".
    public func enabled(_ values: [Term]) throws(SortError) -> StatePred {
        let g = guardTerm.substituting(try inputMap(values))
        return try StatePred("enabled \(name)", state: state.sort) { s in g.substituting([self.state: s]) }
    }

    /// The successor `effect(s, values)`: the witness that the action is enabled wherever its guard holds.
    public func successor(_ values: [Term]) throws(SortError) -> Term { effectTerm.substituting(try inputMap(values)) }

    func inputMap(_ values: [Term]) throws(SortError) -> [Variable: Term] {
        guard values.count == inputs.count else {
            throw SortError("action '\(name)' takes \(inputs.count) input(s), got \(values.count)")
        }
        var map: [Variable: Term] = [:]
        for (v, t) in zip(inputs, values) {
            guard v.sort == t.sort else { throw SortError("input \(v.name) of '\(name)' is \(v.sort), got \(t.sort)") }
            map[v] = t
        }
        return map
    }
}

/// A TLA-style state machine: a state sort, an initial predicate, and actions. `next` is
/// "some action with some input, or a stutter step".
public struct StateMachine: Sendable {
    public let name: String
    public let stateSort: Sort
    public let initial: StatePred
    public let actions: [Action]

    public init(_ name: String, state: Sort, initial: StatePred, actions: [Action]) throws(SortError) {
        guard initial.stateSort == state else { throw SortError("initial predicate of '\(name)' is over \(initial.stateSort), not \(state)") }
        var seen: Set<String> = []
        for a in actions {
            guard a.state.sort == state else { throw SortError("action '\(a.name)' is over \(a.state.sort), not \(state)") }
            guard seen.insert(a.name).inserted else { throw SortError("two actions named '\(a.name)' in '\(name)'") }
        }
        self.name = name
        self.stateSort = state
        self.initial = initial
        self.actions = actions
    }

    public func action(_ name: String) throws(SortError) -> Action {
        guard let a = actions.first(where: { $0.name == name }) else { throw SortError("'\(self.name)' has no action '\(name)'") }
        return a
    }

    /// `s' = s ∨ ⋁_a ∃ in_a. guard_a ∧ s' = effect_a`.
    public var next: ActionPred {
        get throws(SortError) {
            var disjuncts: [Term] = []
            for a in actions { disjuncts.append(Term.labeled(a.name, try a.step.body)) }
            let s = Variable.state(stateSort), s2 = Variable.nextState(stateSort)
            let stutter = Term.labeled("stutter", try s2.term .== s.term)
            return try ActionPred(name + ".next", state: stateSort) { _, _ throws(SortError) in
                try Term.or([stutter] + disjuncts)
            }
        }
    }

    /// The spec `init ∧ □next ∧ fairness ∧ assumptions`, with fairness as each action declares it.
    public func spec(assuming assumptions: [TempPred] = []) throws -> Spec {
        var fair: [ActionPred] = []
        var perInput: [TempPred] = []
        for a in actions {
            switch a.fairness {
            case .none: break
            case .weak: fair.append(try a.step)
            case .weakPerInput:
                var wf = TempPred.weakFairness(try a.forward(a.inputs.map(\.term)))
                for v in a.inputs.reversed() { wf = .tlaForall(v, wf) }
                perInput.append(wf)
            }
        }
        return try Spec(initial: initial, next: next, fairness: fair, assumptions: perInput + assumptions)
    }
}
