extension APIServer {
    /// Update: the request's metadata and spec replace the stored ones, keeping the stored rv, uid,
    /// deletion timestamp and status (see `admitUpdate` and `commitUpdate` for the checks).
    public static func handleUpdate(state: Term, namespace: Term, name: Term, object: Term) throws(SortError) -> Term {
        try update(Reply(state: state, request: "update"), namespace: namespace, name: name, object: object)
    }

    /// UpdateStatus: the same admission as update, but only the status is replaced.
    public static func handleUpdateStatus(state: Term, namespace: Term, name: Term, object: Term) throws(SortError) -> Term {
        let reply = Reply(state: state, request: "updateStatus")
        return try admitUpdate(reply, namespace: namespace, name: name, object: object, unmarshals: K8s.statusMatchesKind(object)) {
            (key, old) throws(SortError) in
            try commitUpdate(reply, key: key, old: old, new: old.with("status", object["status"]))
        }
    }

    static func update(_ reply: Reply, namespace: Term, name: Term, object: Term) throws(SortError) -> Term {
        try admitUpdate(reply, namespace: namespace, name: name, object: object, unmarshals: K8s.specMatchesKind(object)) {
            (key, old) throws(SortError) in
            let oldMeta = try old["metadata"]
            var meta = try object["metadata"]
            for field in ["namespace", "resourceVersion", "uid", "deletionTimestamp"] {
                meta = try meta.with(field, oldMeta[field])
            }
            let new = try object.with("metadata", meta).with("status", old["status"])
            return try commitUpdate(reply, key: key, old: old, new: new)
        }
    }

    /// The admission shared by update and update-status, in order: BadRequest when the object's name
    /// is not `name`, it names another namespace, or it does not unmarshal; ObjectNotFound; Invalid
    /// when a custom resource comes without a resource version; Conflict when a given resource
    /// version or uid differs from the stored one. Then `body(key, stored object)`.
    static func admitUpdate(_ reply: Reply, namespace: Term, name: Term, object: Term, unmarshals: Term,
                            _ body: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let meta = try object["metadata"]
        let key = try K8s.key(kind: object["kind"], namespace: namespace, name: name)
        let found = try reply.state["etcd"].lookup(key).unwrap(or: reply.fail(.objectNotFound)) { (old) throws(SortError) in
            let oldMeta = try old["metadata"]
            let rv = try meta["resourceVersion"], uid = try meta["uid"]
            return try reply.checking([
                (rv.isNone && K8s.isCustomResource(object["kind"]), .invalid),
                ((rv.isSome && rv .!= oldMeta["resourceVersion"]) || (uid.isSome && uid .!= oldMeta["uid"]), .conflict),
            ], body(key, old))
        }
        return try reply.checking([
            (meta["name"] .!= .some(name), .badRequest),
            (meta["namespace"].isSome && meta["namespace"] .!= .some(namespace), .badRequest),
            (!unmarshals, .badRequest),
        ], found)
    }

    /// Stores `new` in place of `old`. Nothing happens (and the rv stays) when they are equal.
    /// Otherwise, in order: Invalid when the metadata is invalid; Forbidden when finalizers are added
    /// after the deletion timestamp is set; Invalid when state or transition validation fails. The
    /// object gets the rv counter as its rv (the counter advances) and is deleted instead of stored
    /// when it has a deletion timestamp and no finalizer left.
    static func commitUpdate(_ reply: Reply, key: Term, old: Term, new: Term) throws(SortError) -> Term {
        let state = reply.state
        let rv = try state["resourceVersionCounter"]
        return try Term.letIn("updated", new) { (new) throws(SortError) in
            let meta = try new["metadata"], oldMeta = try old["metadata"]
            let stamped = try new.with("metadata", meta.with("resourceVersion", .some(rv)))
            let finished = try meta["deletionTimestamp"].isSome && meta["finalizers"].length .== 0
            let etcd = try state["etcd"]
            let committed = try state.with("etcd", .ite(finished, etcd.removing(key), etcd.inserting(key, stamped)))
                .with("resourceVersionCounter", rv + 1)
            let changed = try reply.checking([
                (!K8s.metadataIsValid(meta), .invalid),
                (oldMeta["deletionTimestamp"].isSome && !K8s.addsNoFinalizer(old: oldMeta, new: meta), .forbidden),
                (!(K8s.stateIsValid(new) && K8s.transitionIsValid(old: old, new: new)), .invalid),
            ], reply.succeed(committed, [stamped]))
            return try .ite(new .== old, reply.succeed(state, [old]), changed)
        }
    }
}
