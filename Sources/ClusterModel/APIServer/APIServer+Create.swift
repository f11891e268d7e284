extension APIServer {
    /// Create, in order: Invalid without a name or generateName; BadRequest when the object names
    /// another namespace or its spec is not its kind's; with only a generateName, the name is the
    /// prefix followed by the decimal generate-name counter (bumped by every such attempt, so a retry
    /// never meets the same taken name); AlreadyExists when the name is taken; Invalid when the
    /// stored object would break metadata or state validation. The stored object gets the name, the
    /// namespace, rv and uid from the counters, no deletion timestamp and no status, and a service
    /// without a cluster IP gets one (`K8s.specAsCreated`); both counters then advance.
    public static func handleCreate(state: Term, namespace: Term, object: Term) throws(SortError) -> Term {
        let reply = Reply(state: state, request: "create")
        let meta = try object["metadata"]
        let name = try meta["name"], generateName = try meta["generateName"], objectNamespace = try meta["namespace"]
        let counter = try state["generateNameCounter"]
        let generatedName = try generateName.unwrap(or: "") { $0 }.concat(counter.decimalString)
        let attempted = try state.with("generateNameCounter", .ite(name.isNone, counter + 1, counter))
        let admitted = try Term.letIn("attempted", attempted) { (attempted) throws(SortError) in
            try Term.letIn("name", name.unwrap(or: generatedName) { $0 }) { (name) throws(SortError) in
                let key = try K8s.key(kind: object["kind"], namespace: namespace, name: name)
                let rv = try state["resourceVersionCounter"], uid = try state["uidCounter"]
                let storedMeta = try meta.with("name", .some(name)).with("namespace", .some(namespace))
                    .with("resourceVersion", .some(rv)).with("uid", .some(uid))
                    .with("deletionTimestamp", .none(.string))
                let stored = try object.with("metadata", storedMeta).with("spec", K8s.specAsCreated(object["spec"], uid: uid))
                    .with("status", K8s.noStatus)
                return try Term.letIn("created", stored) { (created) throws(SortError) in
                    let inserted = try attempted.with("etcd", state["etcd"].inserting(key, created))
                        .with("resourceVersionCounter", rv + 1).with("uidCounter", uid + 1)
                    return try reply.checking([
                        (state["etcd"].hasKey(key), .objectAlreadyExists),
                        (!(K8s.metadataIsValid(created["metadata"]) && K8s.stateIsValid(created)), .invalid),
                    ], after: attempted, reply.succeed(inserted, [created]))
                }
            }
        }
        return try reply.checking([
            (name.isNone && generateName.isNone, .invalid),
            (objectNamespace.isSome && objectNamespace .!= .some(namespace), .badRequest),
            (!K8s.specMatchesKind(object), .badRequest),
        ], admitted)
    }
}
