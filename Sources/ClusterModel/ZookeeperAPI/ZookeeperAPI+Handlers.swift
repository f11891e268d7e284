extension ZookeeperAPI {
    /// One request against the nodes `state`, reading etcd; `outcome(next, response)` builds the
    /// result. A request the ensemble cannot serve (see `servingUID`), or with an empty or too deep
    /// path, fails with its kind's error and changes nothing. Otherwise:
    /// - `exists`: `existsOk(some(version))` for a present node, `existsOk(none)` for an absent one;
    /// - `create`: `createAlreadyExists` for a present node; `createFailed` when the path has more
    ///   than one segment and the parent is absent; else the node is stored with version 0;
    /// - `setData`: `setDataFailed` for an absent node or a version that is neither the node's nor
    ///   `anyVersion`; else the data is stored and the version goes up by one.
    public static func handle(request: Term, state: Term, etcd: Term,
                              outcome: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .match(request) { (ctor, f) throws(SortError) in
            let (name, namespace, path) = (f[0], f[1], f[2])
            let failure = ["exists": "existsFailed", "create": "createFailed"][ctor] ?? "setDataFailed"
            let refused = try outcome(state, failed(failure))
            return try Term.letIn("zkServingUID", servingUID(name: name, namespace: namespace, etcd: etcd)) { (uid) throws(SortError) in
                try uid.unwrap(or: refused) { (uid) throws(SortError) in
                    let at = try Term.record(address, ["name": name, "namespace": namespace, "uid": uid, "path": path])
                    let served: Term
                    switch ctor {
                    case "exists":
                        let version = try state.lookup(at).unwrap(or: .none(.int)) { (n) throws(SortError) in .some(try n["version"]) }
                        served = try outcome(state, .construct(response, "existsOk", [version]))
                    case "create":
                        let parentMissing = try path.length >= 2 && !state.hasKey(at.with("path", parent(of: path)))
                        served = try .ite(state.hasKey(at), outcome(state, failed("createAlreadyExists")),
                                          .ite(parentMissing, refused,
                                               outcome(state.inserting(at, .record(node, ["data": f[3], "version": 0])),
                                                       .construct(response, "createOk"))))
                    default:
                        served = try state.lookup(at).unwrap(or: refused) { (n) throws(SortError) in
                            let accepted = try f[4] .== n["version"] || f[4] .== .int(anyVersion)
                            let written = try state.inserting(at, .record(node, ["data": f[3], "version": n["version"] + 1]))
                            return try .ite(accepted, outcome(written, .construct(response, "setDataOk")), refused)
                        }
                    }
                    return try .ite(path.length >= 1 && path.length <= .int(maxPathSegments), served, refused)
                }
            }
        }
    }

    /// The uid of the stateful set `<name>` when the ensemble can serve requests: the stateful set
    /// exists with `some(n)` replicas, `n > 0`, and the ensemble `isConfigured`. Otherwise `none`.
    public static func servingUID(name: Term, namespace: Term, etcd: Term) throws(SortError) -> Term {
        let none = Term.none(.int)
        let configured = try isConfigured(name: name, namespace: namespace, etcd: etcd)
        return try etcd.lookup(statefulSetKey(name: name, namespace: namespace)).unwrap(or: none) { (sts) throws(SortError) in
            let running = try K8s.Object.withSpec(sts, as: .statefulSet, otherwise: .false) { (spec) throws(SortError) in
                try spec["replicas"].unwrap(or: .false) { (n) throws(SortError) in try n > 0 }
            }
            return try .ite(running && configured, sts["metadata"]["uid"], none)
        }
    }

    /// Whether the config map `<name>-configmap` exists with a `zoo.cfg` the ensemble accepts.
    public static func isConfigured(name: Term, namespace: Term, etcd: Term) throws(SortError) -> Term {
        try etcd.lookup(configMapKey(name: name, namespace: namespace)).unwrap(or: .false) { (cm) throws(SortError) in
            try K8s.Object.withSpec(cm, as: .configMap, otherwise: .false) { (spec) throws(SortError) in
                try spec["data"].lookup("zoo.cfg").unwrap(or: .false) { (text) throws(SortError) in try acceptsConfig([text]) }
            }
        }
    }

    /// Whether the ensemble accepts a `zoo.cfg`: it starts with `configHeader`. Opaque to proofs
    /// (`Definition`): derived from a made config map inside a step of phase M, among everything
    /// else the step holds, the string prefix cost Z3 4.8.12 its whole rlimit (0.1 s without it). A
    /// proof unfolds it where it needs it (`Rules.definitionUnfolds`), at the made file, whose
    /// prefix Z3 sees at once.
    public static let acceptsConfig = try! Definition("zooCfgIsAccepted", [Variable("text", .string)]) { (arguments) throws(SortError) in
        try arguments[0].hasPrefix(.string(configHeader))
    }

    /// The path without its last segment, for paths of 2 to `maxPathSegments` segments.
    static func parent(of path: Term) throws(SortError) -> Term {
        var result = Term.emptySeq(.string)
        for length in 2...maxPathSegments {
            let prefix = try Term.seq((0..<(length - 1)).map { (i) throws(SortError) in
                try path.element(at: .int(i)).unwrap(or: "") { $0 }
            }, of: .string)
            result = try .ite(path.length .== .int(length), prefix, result)
        }
        return result
    }
}
