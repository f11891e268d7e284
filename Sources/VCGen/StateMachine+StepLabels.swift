/// Naming the steps of a concrete execution: which action, with which inputs, took one state to the next.
extension StateMachine {
    /// An action of the machine with its inputs fixed, as it was taken on a step.
    public struct TakenAction: Sendable, CustomStringConvertible {
        public let action: String
        /// Each input by its short name (without the `<action>.` prefix), with its value.
        public let inputs: [(name: String, value: Value)]

        public init(action: String, inputs: [(name: String, value: Value)]) {
            self.action = action
            self.inputs = inputs
        }

        public var description: String {
            inputs.isEmpty ? action : action + "(" + inputs.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + ")"
        }
    }

    /// The first action whose guard holds at `state` and whose effect is `next`, evaluated on the
    /// values. Inputs come from `candidates` (for example the witnesses of a lasso search); an
    /// input without a candidate is enumerated when its sort is small and finite, else the action
    /// is skipped. Nil when no action fits (a stutter step, or one the evaluator cannot decide).
    public func takenAction(from state: Value, to next: Value, candidates: [Variable: Value]) -> TakenAction? {
        for a in actions {
            for values in inputChoices(a, candidates) {
                var env: [Variable: Value] = [a.state: state]
                for (v, value) in zip(a.inputs, values) { env[v] = value }
                guard (try? a.guardTerm.evaluate(env)) == .bool(true),
                      let after = try? a.effectTerm.evaluate(env), after.normalized(as: stateSort) == next else { continue }
                let names = a.inputs.map { String($0.name.dropFirst(a.name.count + 1)) }
                return TakenAction(action: a.name, inputs: Array(zip(names, values)))
            }
        }
        return nil
    }

    /// Candidate input tuples for an action: the given candidate where there is one, every value of
    /// a small finite sort otherwise; none when an input has neither.
    private func inputChoices(_ a: Action, _ candidates: [Variable: Value]) -> [[Value]] {
        var choices: [[Value]] = [[]]
        for v in a.inputs {
            let options: [Value]
            if let c = candidates[v] {
                options = [c]
            } else if let all = v.sort.allValues, all.count <= 64 {
                options = all
            } else {
                return []
            }
            choices = choices.flatMap { prefix in options.map { prefix + [$0] } }
            if choices.count > 4096 { return [] }
        }
        return choices
    }
}
