/// The messages hosts exchange: `Message {source, destination, rpcId, content}`, where the content is
/// an API request or response, or a request or response of the external system.
///
/// The network holds the in-flight messages as a *set*: every message gets its rpc id from one
/// cluster-wide counter when it is sent, and a response takes over its request's id as it replaces
/// it, so two in-flight messages are never equal and the set is the multiset of Anvil's model.
/// Messages may be delivered in any order and delayed forever, but they are never duplicated or lost.
public struct Network: Sendable {
    /// `HostId = apiServer | controller(key) | builtinController | external | podMonkey | client`: a
    /// controller's address names the custom resource its reconcile is for.
    public static let hostId = DatatypeDecl("HostId", [
        .init("apiServer"), .init("controller", [.init("key", .datatype(K8s.objectKey))]), .init("builtinController"),
        .init("external"), .init("podMonkey"), .init("client"),
    ])

    /// The external system whose requests and responses messages may carry.
    public let external: ExternalSystem
    /// `MessageContent<e> = apiRequest(APIRequest) | apiResponse(APIResponse) | externalRequest(..) | externalResponse(..)`.
    public let content: DatatypeDecl
    /// `Message<e> {source, destination, rpcId, content}`.
    public let message: DatatypeDecl

    /// The message datatypes of a cluster whose controller talks to `external`.
    public init(external: ExternalSystem) {
        self.external = external
        content = DatatypeDecl("MessageContent<\(external.name)>", [
            .init("apiRequest", [.init("request", .datatype(APIServer.request))]),
            .init("apiResponse", [.init("response", .datatype(APIServer.response))]),
            .init("externalRequest", [.init("request", external.requestSort)]),
            .init("externalResponse", [.init("response", external.responseSort)]),
        ])
        message = .record("Message<\(external.name)>", [
            .init("source", .datatype(Self.hostId)), .init("destination", .datatype(Self.hostId)), .init("rpcId", .int),
            .init("content", .datatype(content)),
        ])
    }

    /// `Message<e>` as a sort.
    public var messageSort: Sort { .datatype(message) }

    // MARK: Hosts

    /// The API server's address.
    public static var apiServer: Term { host("apiServer") }
    /// The built-in controllers' address (garbage collector, stateful-set and daemon-set controllers).
    public static var builtinController: Term { host("builtinController") }
    /// The external system's address.
    public static var externalSystem: Term { host("external") }
    /// The pod monkey's address.
    public static var podMonkey: Term { host("podMonkey") }
    /// The address of users writing custom resources.
    public static var client: Term { host("client") }
    /// The address of the controller's reconcile of the custom resource under `key`.
    public static func controller(_ key: Term) throws(SortError) -> Term { try .construct(hostId, "controller", [key]) }

    private static func host(_ name: String) -> Term {
        do { return try .construct(hostId, name) } catch { preconditionFailure("\(error)") }
    }

    // MARK: Messages

    /// `Message {source, destination, rpcId, content}`.
    public func message(source: Term, destination: Term, rpcId: Term, content: Term) throws(SortError) -> Term {
        try .record(message, ["source": source, "destination": destination, "rpcId": rpcId, "content": content])
    }

    /// `MessageContent.apiRequest(request)`.
    public func apiRequest(_ request: Term) throws(SortError) -> Term { try .construct(content, "apiRequest", [request]) }
    /// `MessageContent.apiResponse(response)`.
    public func apiResponse(_ response: Term) throws(SortError) -> Term { try .construct(content, "apiResponse", [response]) }
    /// `MessageContent.externalRequest(request)`.
    public func externalRequest(_ request: Term) throws(SortError) -> Term { try .construct(content, "externalRequest", [request]) }
    /// `MessageContent.externalResponse(response)`.
    public func externalResponse(_ response: Term) throws(SortError) -> Term {
        try .construct(content, "externalResponse", [response])
    }

    /// The message carrying a controller's request (`ControllerRequest`) from `source` to the API
    /// server or to the external system.
    public func request(_ controllerRequest: Term, from source: Term, rpcId: Term) throws(SortError) -> Term {
        try .match(controllerRequest) { (ctor, fields) throws(SortError) in
            ctor == "api"
                ? try message(source: source, destination: Self.apiServer, rpcId: rpcId, content: apiRequest(fields[0]))
                : try message(source: source, destination: Self.externalSystem, rpcId: rpcId, content: externalRequest(fields[0]))
        }
    }

    /// The reply to the in-flight `request` message with `content`: back to its sender, under its rpc id.
    public func reply(to request: Term, from source: Term, content: Term) throws(SortError) -> Term {
        try message(source: source, destination: request["source"], rpcId: request["rpcId"], content: content)
    }

    /// Whether `response` answers `request`: source and destination swapped, the same rpc id, and
    /// the response variant corresponds to the request variant (an API response to an API request
    /// of the same kind, an external response to an external request).
    public func isResponse(_ response: Term, to request: Term) throws(SortError) -> Term {
        let contentMatches = try Term.match(request["content"]) { (ctor, fields) throws(SortError) in
            switch ctor {
            case "apiRequest":
                return try .match(response["content"]) { (answer, payload) throws(SortError) in
                    guard answer == "apiResponse" else { return .false }
                    return try .match(fields[0]) { (kind, _) throws(SortError) in try payload[0].is(kind) }
                }
            case "externalRequest": return try response["content"].is("externalResponse")
            default: return .false
            }
        }
        return try .and([
            response["source"] .== request["destination"], response["destination"] .== request["source"],
            response["rpcId"] .== request["rpcId"], contentMatches,
        ])
    }

    /// What a controller receives from a response's content: `some(ControllerResponse)` for an API
    /// or external response, `none` for a request.
    public func controllerResponse(_ content: Term) throws(SortError) -> Term {
        let sort = Sort.datatype(external.controllerResponse)
        return try .match(content) { (ctor, fields) throws(SortError) in
            switch ctor {
            case "apiResponse": return try .some(external.apiResponse(fields[0]))
            case "externalResponse": return try .some(external.externalResponse(fields[0]))
            default: return .none(sort)
            }
        }
    }
}
