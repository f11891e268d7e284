extension APIServer {
    /// Get: the stored object, or ObjectNotFound.
    public static func handleGet(state: Term, key: Term) throws(SortError) -> Term {
        let reply = Reply(state: state, request: "get")
        return try state["etcd"].lookup(key).unwrap(or: reply.fail(.objectNotFound)) { (obj) throws(SortError) in
            try reply.succeed(state, [obj])
        }
    }

    /// List: every stored object of `kind` in `namespace` (as a snapshot plus the filter).
    public static func handleList(state: Term, kind: Term, namespace: Term) throws(SortError) -> Term {
        try Reply(state: state, request: "list").succeed(state, [state["etcd"], kind, namespace])
    }

    /// Whether `response` is a successful list that includes the object stored under `key`.
    public static func listIncludes(_ response: Term, key: Term) throws(SortError) -> Term {
        try listedObject(response, key: key).isSome
    }

    /// The object a successful list response includes under `key`, or `none`.
    public static func listedObject(_ response: Term, key: Term) throws(SortError) -> Term {
        let absent = Term.none(objectSort)
        return try .match(response) { (ctor, fields) throws(SortError) in
            guard ctor == "list" else { return absent }
            return try .match(fields[0]) { (result, payload) throws(SortError) in
                guard result == "ok" else { return absent }
                let (snapshot, kind, namespace) = (payload[0], payload[1], payload[2])
                return try .ite(key["kind"] .== kind && key["namespace"] .== namespace, snapshot.lookup(key), absent)
            }
        }
    }
}
