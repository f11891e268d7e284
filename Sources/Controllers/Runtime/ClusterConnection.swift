/// Where a running controller's requests go: a Kubernetes API server (over REST, or the served
/// model in process) and the controller's external system.
///
/// `send` takes the request kinds the REST API has verbs for (get, list, create, update,
/// update-status, delete) and returns the `APIResponse` value; the runtime composes
/// get-then-update and get-then-delete from them. A request that gets no answer (the connection
/// fails or times out) throws `ConnectionFailure`, which the runtime hands the reconciler as a
/// `timeout` error, as the model answers a dropped request.
public protocol ClusterConnection: Sendable {
    /// Sends one API request value; returns the response value.
    func send(_ request: Value) throws -> Value
    /// Sends one request of the external system; returns its response value.
    func callExternal(_ request: Value, sort: Sort, responseSort: Sort) throws -> Value
    /// The keys of the stored objects of `kind` (in `namespace`, or all) and the list's resource version.
    func listKeys(_ kind: K8s.Kind, namespace: String?) throws -> (keys: [Value], resourceVersion: String)
    /// Watches `kind` from `resourceVersion`, calling `event(type, key)` per change until it
    /// returns false or the server ends the watch; throws when the watch cannot continue (an
    /// expired resource version, a failed connection).
    func watch(_ kind: K8s.Kind, namespace: String?, from resourceVersion: String,
               _ event: (_ type: String, _ key: Value) -> Bool) throws
}

/// A request that got no answer.
public struct ConnectionFailure: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
