import Foundation

/// The runtime's structured log: one JSON object per line, one for each reconcile's start and
/// end and one for each step (its number, the local state after it, the request it sent and the
/// response it got, how long it took).
public struct RuntimeLog: Sendable {
    /// Where lines go (standard error by default).
    public let write: @Sendable (String) -> Void
    public init(write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) {
        self.write = write
    }

    func record(_ event: String, _ fields: [(key: String, value: JSON)]) {
        let time = ISO8601DateFormatter().string(from: Date())
        write(JSON.object([("time", .string(time)), ("event", .string(event))] + fields).text)
    }

    func reconcileStarted(_ controller: String, _ resource: String, _ number: Int, resourceVersion: Int?) {
        record("reconcile-start", [("controller", .string(controller)), ("resource", .string(resource)), ("reconcile", .int(number)),
                                   ("resourceVersion", resourceVersion.map(JSON.int) ?? .null)])
    }

    func step(_ controller: String, _ resource: String, _ number: Int, step: Int, state: Value, request: Value?,
              response: Value?, seconds: TimeInterval) {
        record("step", [
            ("controller", .string(controller)), ("resource", .string(resource)), ("reconcile", .int(number)), ("step", .int(step)),
            ("state", .string(Self.brief(state.description))), ("request", request.map { .string(Self.describe(request: $0)) } ?? .null),
            ("response", response.map { .string(Self.describe(response: $0)) } ?? .null), ("ms", .int(Int(seconds * 1000))),
        ])
    }

    func reconcileEnded(_ controller: String, _ resource: String, _ number: Int, _ outcome: ControllerRuntime.Outcome) {
        let result: String
        switch outcome {
        case .done(let steps): result = "done after \(steps) steps"
        case .failed(let steps, let reason): result = "failed after \(steps) steps: \(reason)"
        case .resourceGone: result = "the resource is gone"
        case .readFailed(let error): result = "the quorum read failed: \(error.rawValue)"
        }
        record("reconcile-end", [("controller", .string(controller)), ("resource", .string(resource)), ("reconcile", .int(number)),
                                 ("result", .string(result))])
    }

    func note(_ message: String) { record("note", [("message", .string(message))]) }

    /// `get configmaps default/demo-data`, `create configmaps default/demo-data`, `external ...`.
    static func describe(request: Value) -> String {
        let payload = request.datatypeFields.first ?? request
        guard request.constructorName == "api" else { return "external " + brief(payload.description) }
        let f = payload.datatypeFields
        let ctor = payload.constructorName ?? "?"
        switch ctor {
        case "get", "delete", "getThenDelete": return "\(ctor) \(f[0].keyDescription)"
        case "list": return "list \(f[0].kindValue?.resource ?? "?") \(f[1].stringValue ?? "")"
        case "create": return "create \(f[1].objectKind?.resource ?? "?") \(f[0].stringValue ?? "")/\(f[1][field: "metadata"]?[field: "name"]?.someValue?.stringValue ?? "")"
        default:
            let object = f.last
            return "\(ctor) \(object?.objectKind?.resource ?? "?") \(f[0].stringValue ?? "")/\(f[1].stringValue ?? "")"
        }
    }

    /// `ok`, `err(conflict)`, or the external response.
    static func describe(response: Value) -> String {
        let payload = response.datatypeFields.first ?? response
        guard response.constructorName == "api" else { return "external " + brief(payload.description) }
        return payload.responseError.map { "err(\($0.rawValue))" } ?? "ok"
    }

    static func brief(_ text: String) -> String { text.count <= 160 ? text : String(text.prefix(157)) + "..." }
}
