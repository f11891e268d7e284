import Controllers

/// Requests and responses as a reconciler built on `ManagedSteps` sends and receives them,
/// through its external system's message sorts.
struct Messages: Sendable {
    let external: ExternalSystem

    /// `some(api(<request kind>(ok(object))))`.
    func ok(_ request: String, _ object: Term) throws -> Term {
        try .some(external.apiResponse(.construct(APIServer.response, request, [.construct(APIServer.objectResult, "ok", [object])])))
    }

    /// `some(api(<request kind>(err(code))))`.
    func err(_ request: String, _ code: APIServer.ErrorCode) throws -> Term {
        try .some(external.apiResponse(.construct(APIServer.response, request, [.construct(APIServer.objectResult, "err", [code.term])])))
    }

    /// No response.
    var none: Term { .none(.datatype(external.controllerResponse)) }

    func api(_ request: Term) throws -> Term { try external.apiRequest(request) }

    func get(_ resource: ManagedResource, _ cr: Term) throws -> Term { try api(APIServer.Request.get(resource.key(cr))) }
}

/// `Messages` for one external system, as static functions.
protocol ControllerMessages {
    static var external: ExternalSystem { get }
}

extension ControllerMessages {
    static var messages: Messages { Messages(external: external) }
    static func ok(_ request: String, _ object: Term) throws -> Term { try messages.ok(request, object) }
    static func err(_ request: String, _ code: APIServer.ErrorCode) throws -> Term { try messages.err(request, code) }
    static var none: Term { messages.none }
    static func api(_ request: Term) throws -> Term { try messages.api(request) }
    static func get(_ resource: ManagedResource, _ cr: Term) throws -> Term { try messages.get(resource, cr) }
}

/// The messages of controllers that talk to the API server only.
enum APIMessages: ControllerMessages {
    static let external = ExternalSystem.none
}
