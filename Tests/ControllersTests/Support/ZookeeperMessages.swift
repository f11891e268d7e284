import Controllers

/// Requests and responses as the ZooKeeper reconciler sends and receives them.
enum ZookeeperMessages {
    static let external = ZookeeperAPI.system

    /// `some(api(<request kind>(ok(object))))`.
    static func ok(_ request: String, _ object: Term) throws -> Term {
        try .some(external.apiResponse(.construct(APIServer.response, request, [.construct(APIServer.objectResult, "ok", [object])])))
    }

    /// `some(api(<request kind>(err(code))))`.
    static func err(_ request: String, _ code: APIServer.ErrorCode) throws -> Term {
        try .some(external.apiResponse(.construct(APIServer.response, request, [.construct(APIServer.objectResult, "err", [code.term])])))
    }

    /// `some(external(response))` for a ZooKeeper response built by `ctor(args)`.
    static func zk(_ ctor: String, _ args: [Term] = []) throws -> Term {
        try .some(external.externalResponse(.construct(ZookeeperAPI.response, ctor, args)))
    }

    /// `some(external(failed(code)))`.
    static func zkFailed(_ code: String) throws -> Term { try .some(external.externalResponse(ZookeeperAPI.failed(code))) }

    /// No response.
    static var none: Term { .none(.datatype(external.controllerResponse)) }

    static func api(_ request: Term) throws -> Term { try external.apiRequest(request) }
    static func zkRequest(_ request: Term) throws -> Term { try external.externalRequest(request) }

    static func get(_ resource: ManagedResource, _ cr: Term) throws -> Term { try api(APIServer.Request.get(resource.key(cr))) }
}
