/// A failure reported by Z3 or by the solver layer (for example an unsupported sort), with its message.
public struct SolverError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The signal that stopped Z3 inside a check (the crash guard caught it, or the check's
    /// isolated copy died of it), if that is the error.
    public var crashSignal: Int32? = nil
    public init(_ message: String) { self.message = message }
    public init(crashSignal: Int32) {
        message = "Z3 crashed on this check (signal \(crashSignal)); the guard stopped it and the context was abandoned"
        self.crashSignal = crashSignal
    }
    public var description: String { "solver error: \(message)" }
}
