extension APIServer {
    /// GetThenDelete: BadRequest unless `ownerRef` is a controller reference; ObjectNotFound;
    /// TransactionAbort unless the stored object lists `ownerRef` among its owners; else a delete
    /// without preconditions.
    public static func handleGetThenDelete(state: Term, key: Term, ownerRef: Term) throws(SortError) -> Term {
        let reply = Reply(state: state, request: "getThenDelete")
        let found = try state["etcd"].lookup(key).unwrap(or: reply.fail(.objectNotFound)) { (obj) throws(SortError) in
            try reply.checking([(!obj["metadata"]["ownerReferences"].contains(ownerRef), .transactionAbort)],
                               deleteStored(reply, key: key, object: obj))
        }
        return try reply.checking([(!K8s.isControllerRef(ownerRef), .badRequest)], found)
    }

    /// GetThenUpdate: BadRequest unless `ownerRef` is a controller reference; ObjectNotFound;
    /// TransactionAbort unless the stored object lists `ownerRef` among its owners; else an update
    /// carrying the stored rv and uid (so it cannot conflict).
    public static func handleGetThenUpdate(state: Term, namespace: Term, name: Term, ownerRef: Term,
                                           object: Term) throws(SortError) -> Term {
        let reply = Reply(state: state, request: "getThenUpdate")
        let key = try K8s.key(kind: object["kind"], namespace: namespace, name: name)
        let found = try state["etcd"].lookup(key).unwrap(or: reply.fail(.objectNotFound)) { (current) throws(SortError) in
            let currentMeta = try current["metadata"]
            let pinned = try object.with("metadata", object["metadata"]
                .with("resourceVersion", currentMeta["resourceVersion"]).with("uid", currentMeta["uid"]))
            return try reply.checking([(!currentMeta["ownerReferences"].contains(ownerRef), .transactionAbort)],
                                      update(reply, namespace: namespace, name: name, object: pinned))
        }
        return try reply.checking([(!K8s.isControllerRef(ownerRef), .badRequest)], found)
    }
}
