import Controllers

/// Requests and responses as the ZooKeeper reconciler sends and receives them.
enum ZookeeperMessages: ControllerMessages {
    static let external = ZookeeperAPI.system

    /// `some(external(response))` for a ZooKeeper response built by `ctor(args)`.
    static func zk(_ ctor: String, _ args: [Term] = []) throws -> Term {
        try .some(external.externalResponse(.construct(ZookeeperAPI.response, ctor, args)))
    }

    /// `some(external(failed(code)))`.
    static func zkFailed(_ code: String) throws -> Term { try .some(external.externalResponse(ZookeeperAPI.failed(code))) }

    static func zkRequest(_ request: Term) throws -> Term { try external.externalRequest(request) }
}
