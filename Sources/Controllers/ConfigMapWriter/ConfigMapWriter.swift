/// A minimal reconciler used to exercise the cluster model (its invariants and runtime tests): it
/// gets its custom resource, then creates a config map of the same name that the resource owns, and
/// is done once the create is answered; a failed get is an error.
public struct ConfigMapWriter: Reconciler {
    public init() {}
    public let name = "configMapWriter"
    public var resourceSort: Sort { .datatype(K8s.object) }
    /// The phase: 0 before the get, 1 before the create, 2 before the end, 3 done, -1 failed.
    public var stateSort: Sort { .int }
    public var requestSort: Sort { .datatype(ExternalSystem.none.controllerRequest) }
    public var responseSort: Sort { .datatype(ExternalSystem.none.controllerResponse) }
    public var initialState: Term { 0 }

    public func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let none = ExternalSystem.none
        let meta = try cr["metadata"]
        let crName = try meta["name"].unwrap(or: "") { $0 }, namespace = try meta["namespace"].unwrap(or: "") { $0 }
        let get = try none.apiRequest(APIServer.Request.get(K8s.key(kind: cr["kind"], namespace: namespace, name: crName)))
        let owner = try K8s.ownerRef(kind: cr["kind"], name: crName, uid: meta["uid"].unwrap(or: 0) { $0 })
        let configMap = try K8s.Object.make(.configMap, metadata: K8s.meta(name: crName, namespace: namespace, ownerReferences: [owner]),
                                            spec: .record(K8s.configMapSpec, ["data": .emptyMap(.string, .string)]))
        let create = try none.apiRequest(APIServer.Request.create(namespace: namespace, object: configMap))
        let succeeded = try response.unwrap(or: .false) { (r) throws(SortError) in
            try .match(r) { (ctor, fields) throws(SortError) in
                ctor == "api" ? try APIServer.responseError(fields[0]).isNone : .false
            }
        }
        func next(_ phase: Term, _ request: Term?) throws(SortError) -> Term {
            try .record(stepResult, ["state": phase, "request": request.map(Term.some) ?? .none(requestSort)])
        }
        return try .ite(state .== 0, next(1, get),
                        .ite(state .== 1, .ite(succeeded, next(2, create), next(-1, nil)),
                             .ite(state .== 2, next(3, nil), next(state, nil))))
    }

    public func isDone(_ state: Term) throws -> Term { try state .== 3 }
    public func isError(_ state: Term) throws -> Term { try state .== -1 }
}
