/// A model of a query: the value of each of its free variables, sorted by name.
public struct Counterexample: Sendable, CustomStringConvertible {
    public let assignments: [(variable: Variable, value: Value)]
    /// Free variables whose model value could not be decoded (only from `checkSatisfiable`).
    public let undecodable: [Variable]

    public init(assignments: [(variable: Variable, value: Value)], undecodable: [Variable] = []) {
        self.assignments = assignments
        self.undecodable = undecodable
    }

    /// The value of the named variable, if the model assigns it.
    public subscript(name: String) -> Value? {
        assignments.first { $0.variable.name == name }?.value
    }

    public var description: String {
        let lines = assignments.map { "  \($0.variable.name) = \($0.value)" }
            + undecodable.map { "  \($0.name) = <undecodable>" }
        return lines.joined(separator: "\n")
    }
}
