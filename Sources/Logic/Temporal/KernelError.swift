/// A rule refused its premises: the message names the rule and the mismatch.
public struct KernelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The rule (or kernel operation) that refused.
    public let rule: String
    public let message: String

    public init(_ rule: String, _ message: String) {
        self.rule = rule
        self.message = message
    }

    public var description: String { "\(rule): \(message)" }
}
