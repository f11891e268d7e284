extension APIServer {
    /// The API server's one action: handle `request` atomically, giving the new state and the response.
    public static func handleRequest(state: Term, request: Term) throws(SortError) -> (state: Term, response: Term) {
        let outcome = try handle(state: state, request: request)
        return try (outcome["state"], outcome["response"])
    }

    /// The `APIServerOutcome` of `request`, dispatched by a match on the request kind.
    public static func handle(state: Term, request: Term) throws(SortError) -> Term {
        try .match(request) { (ctor, f) throws(SortError) in
            switch ctor {
            case "get": return try handleGet(state: state, key: f[0])
            case "list": return try handleList(state: state, kind: f[0], namespace: f[1])
            case "create": return try handleCreate(state: state, namespace: f[0], object: f[1])
            case "delete": return try handleDelete(state: state, key: f[0], preconditions: f[1])
            case "update": return try handleUpdate(state: state, namespace: f[0], name: f[1], object: f[2])
            case "updateStatus": return try handleUpdateStatus(state: state, namespace: f[0], name: f[1], object: f[2])
            case "getThenDelete": return try handleGetThenDelete(state: state, key: f[0], ownerRef: f[1])
            case "getThenUpdate":
                return try handleGetThenUpdate(state: state, namespace: f[0], name: f[1], ownerRef: f[2], object: f[3])
            default: throw SortError("APIRequest has no handler for \(ctor)")
            }
        }
    }
}
