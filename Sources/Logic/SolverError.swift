/// A failure reported by Z3 or by the solver layer (for example an unsupported sort), with its message.
public struct SolverError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { "solver error: \(message)" }
}
