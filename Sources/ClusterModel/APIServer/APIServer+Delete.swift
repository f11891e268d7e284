extension APIServer {
    /// Delete: ObjectNotFound; Conflict when a given uid or resource-version precondition differs
    /// from the stored object's; otherwise the stored object is deleted (see `deleteStored`).
    public static func handleDelete(state: Term, key: Term, preconditions: Term) throws(SortError) -> Term {
        let reply = Reply(state: state, request: "delete")
        return try state["etcd"].lookup(key).unwrap(or: reply.fail(.objectNotFound)) { (obj) throws(SortError) in
            let meta = try obj["metadata"]
            let mismatch = try preconditions.unwrap(or: .false) { (p) throws(SortError) in
                try (p["uid"].isSome && p["uid"] .!= meta["uid"])
                    || (p["resourceVersion"].isSome && p["resourceVersion"] .!= meta["resourceVersion"])
            }
            return try reply.checking([(mismatch, .conflict)], deleteStored(reply, key: key, object: obj))
        }
    }

    /// Background deletion of the stored `object`: with finalizers it only gets a deletion
    /// timestamp (the decimal rv counter) and a new rv, and nothing happens when it already has
    /// one; without finalizers it is removed. Every effective delete advances the rv counter.
    static func deleteStored(_ reply: Reply, key: Term, object: Term) throws(SortError) -> Term {
        let state = reply.state
        let meta = try object["metadata"]
        let rv = try state["resourceVersionCounter"]
        let marked = try object.with("metadata", meta.with("deletionTimestamp", .some(rv.decimalString))
            .with("resourceVersion", .some(rv)))
        let afterMarking = try state.with("etcd", state["etcd"].inserting(key, marked)).with("resourceVersionCounter", rv + 1)
        let afterRemoval = try state.with("etcd", state["etcd"].removing(key)).with("resourceVersionCounter", rv + 1)
        return try .ite(meta["finalizers"].length >= 1,
                        .ite(meta["deletionTimestamp"].isSome, reply.succeed(state, []), reply.succeed(afterMarking, [])),
                        reply.succeed(afterRemoval, []))
    }
}
