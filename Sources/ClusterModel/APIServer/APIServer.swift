/// The Kubernetes API server over etcd, as term functions: each request is handled atomically, from
/// an `APIServerState` to an `APIServerOutcome` (the new state and the response).
///
/// Every read is a quorum read of etcd (no watch cache); only background deletion is modelled.
public enum APIServer {
    /// `APIServerState {etcd, resourceVersionCounter, uidCounter, generateNameCounter}`.
    public static let state = DatatypeDecl.record("APIServerState", [
        .init("etcd", etcdSort), .init("resourceVersionCounter", .int), .init("uidCounter", .int),
        .init("generateNameCounter", .int),
    ])

    /// The errors a request can fail with.
    public enum ErrorCode: String, CaseIterable, Sendable {
        case badRequest, conflict, forbidden, invalid, objectNotFound, objectAlreadyExists, notSupported
        case internalError, timeout, serverTimeout, transactionAbort, other

        /// The error as a term of sort `APIError`.
        public var term: Term {
            do { return try .enumCase(APIServer.error, rawValue) } catch { preconditionFailure("\(error)") }
        }
    }

    /// `APIError`: one constant per `ErrorCode`, in the same order.
    public static let error = DatatypeDecl.enumeration("APIError", ErrorCode.allCases.map(\.rawValue))

    /// `Preconditions {uid, resourceVersion}` of a delete: each given one must match the stored object.
    public static let preconditions = DatatypeDecl.record("Preconditions", [
        .init("uid", .option(.int)), .init("resourceVersion", .option(.int)),
    ])

    /// `APIRequest`: the request kinds the model serves.
    public static let request = DatatypeDecl("APIRequest", [
        .init("get", [.init("key", objectKeySort)]),
        .init("list", [.init("kind", .datatype(K8s.kind)), .init("namespace", .string)]),
        .init("create", [.init("namespace", .string), .init("object", objectSort)]),
        .init("delete", [.init("key", objectKeySort), .init("preconditions", .option(.datatype(preconditions)))]),
        .init("update", [.init("namespace", .string), .init("name", .string), .init("object", objectSort)]),
        .init("updateStatus", [.init("namespace", .string), .init("name", .string), .init("object", objectSort)]),
        .init("getThenDelete", [.init("key", objectKeySort), .init("ownerRef", .datatype(K8s.ownerReference))]),
        .init("getThenUpdate", [
            .init("namespace", .string), .init("name", .string), .init("ownerRef", .datatype(K8s.ownerReference)),
            .init("object", objectSort),
        ]),
    ])

    /// `ObjectResult = ok(object) | err(error)`.
    public static let objectResult = DatatypeDecl("ObjectResult", [
        .init("ok", [.init("object", objectSort)]), .init("err", [.init("error", .datatype(error))]),
    ])

    /// `UnitResult = ok | err(error)`: the result of a delete.
    public static let unitResult = DatatypeDecl("UnitResult", [
        .init("ok"), .init("err", [.init("error", .datatype(error))]),
    ])

    /// `ListResult = ok(snapshot, kind, namespace) | err(error)`. Z3 cannot turn a map into the
    /// sequence of its values, so a successful list carries the whole etcd snapshot together with the
    /// filter; readers ask `listIncludes(_:key:)` and `listedObject(_:key:)` instead of iterating.
    public static let listResult = DatatypeDecl("ListResult", [
        .init("ok", [.init("snapshot", etcdSort), .init("kind", .datatype(K8s.kind)), .init("namespace", .string)]),
        .init("err", [.init("error", .datatype(error))]),
    ])

    /// `APIResponse`: one constructor per request kind, named like it, carrying its result.
    public static let response = DatatypeDecl("APIResponse", request.constructors.map { c in
        let result: DatatypeDecl = switch c.name {
        case "list": listResult
        case "delete", "getThenDelete": unitResult
        default: objectResult
        }
        return .init(c.name, [.init("result", .datatype(result))])
    })

    /// `APIServerOutcome {state, response}`: the result of handling one request; every `handle…`
    /// function returns a term of this sort.
    public static let outcome = DatatypeDecl.record("APIServerOutcome", [
        .init("state", .datatype(state)), .init("response", .datatype(response)),
    ])

    static let objectKeySort = Sort.datatype(K8s.objectKey)
    static let objectSort = Sort.datatype(K8s.object)
    /// `Map<ObjectKey, Object>`: the sort of etcd's contents.
    public static let etcdSort = Sort.map(objectKeySort, objectSort)
    /// The etcd of a fresh cluster.
    public static let emptyEtcd = Term.emptyMap(objectKeySort, objectSort)
}
