import ClusterModel
import VCGen

/// The invariant a controller that alone writes objects of its objects' kinds keeps about them.
extension ManagedObject {
    /// The objects of the kinds are the controller's: reconciles only read and write their own
    /// objects (one of `objects`), with objects owned by a resource of its name; an object answered
    /// to a reconcile is of one of the kinds and has no finalizers; every stored object of a kind
    /// is owned by a resource of its name and is not being deleted. A reconcile may also get any
    /// object of the kinds it only `reads`, in its resource's namespace (FluentBit's configuration
    /// secret, named by the resource's spec), and be answered one; with `writesItsStatus`, update
    /// its resource's status (ZooKeeper's ready replicas) and be answered the resource; with an
    /// external system, send it anything. `scopedUses` are further invariants that only some
    /// cases of its step need and are given (the phases' pending requests, in the steps after a
    /// get: a found object is of the kind got, when objects of several kinds are got in turn).
    /// `usesAtSOnly` names the steps given the invariants it uses at s only (see `ClusterInvariant`).
    /// `reconcileSplits` are further case analyses of its induction step (a reconcile's steps by phase).
    static func belongToResources(_ objects: [ManagedObject], reads: [K8s.Kind] = [], writesItsStatus: Bool = false,
                                  scopedUses: [ScopedUse] = [], usesAtSOnly: Set<String> = [],
                                  reconcileSplits: @escaping @Sendable (ClusterModel) throws -> [CaseSplit] = { _ in [] }) -> ClusterInvariant {
        typealias I = ClusterInvariants
        let nouns = objects.map(\.noun).joined(separator: ", ")
        // The objects by kind, in order of first appearance (two services may share the kind).
        let kinds: [(K8s.Kind, [ManagedObject])] = objects.map(\.kind).reduce(into: []) { out, kind in
            if !out.contains(where: { $0.0 == kind }) { out.append((kind, objects.filter { $0.kind == kind })) }
        }
        return ClusterInvariant(
            "every \(nouns), stored, sent or answered, belongs to the resource it is named after",
            uses: [I.objectsMatchKeys, I.ongoingMatchKeys, I.ongoingOfResourceKind, I.pendingFromItsReconcile,
                   I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods, I.clientTouchesResources, I.serversSendOnlyResponses,
                   I.messageDirections],
            scopedUses: scopedUses,
            usesAtSOnly: usesAtSOnly,
            splits: { model in
                [try model.senderCases(of: model.input("apiServerHandles"), controllerRequests: controllerRequests(writesItsStatus: writesItsStatus))]
                    + (try reconcileSplits(model))
            },
            rlimit: 3 * objects.count
        ) { (model, s) throws(SortError) in
            let external = model.external.name != ExternalSystem.none.name
            let requests = try model.everyInFlight(s) { (m) throws(SortError) in
                try .match(m["source"]) { (host, f) throws(SortError) in
                    guard host == "controller" else { return .true }
                    return try .match(m["content"]) { (content, request) throws(SortError) in
                        switch content {
                        case "apiRequest":
                            let r = request[0]
                            return try .or(objects.map { (object) throws(SortError) in try object.asksForItsObject(r, f[0]) }
                                + reads.map { (kind) throws(SortError) in try getsOfKind(r, kind, namespace: f[0]["namespace"]) }
                                + (writesItsStatus ? [objects[0].updatesTheStatusOfItsResource(r, f[0])] : []))
                        case "externalRequest": return external ? .true : .false
                        default: return .false
                        }
                    }
                }
            }
            let answers = try model.everyInFlight(s) { (m) throws(SortError) in
                try .match(m["destination"]) { (host, _) throws(SortError) in
                    guard host == "controller" else { return .true }
                    return try model.onAPIResponse(m) { (response) throws(SortError) in
                        try APIServer.responseObject(response).unwrap(or: .true) { (o) throws(SortError) in
                            let managed = try Term.or(objects.map { (object) throws(SortError) in try o["kind"] .== object.kind.term })
                                && o["metadata"]["finalizers"].length .== 0
                            let ownStatus = writesItsStatus ? [try o["kind"] .== objects[0].resourceKind.term] : []
                            return try .or([managed] + ownStatus + reads.map { (kind) throws(SortError) in try o["kind"] .== kind.term })
                        }
                    }
                }
            }
            let stored = try model.everyEntry(ClusterModel.etcd(s)) { (k, o) throws(SortError) in
                try .and(kinds.map { (kind, ofKind) throws(SortError) in
                    let owned = try Term.or(ofKind.map { (object) throws(SortError) in try object.ownedByAResource(o, objectName: k["name"]) })
                    return try k["kind"] .== kind.term ==> (owned && o["metadata"]["deletionTimestamp"].isNone)
                })
            }
            return try .and([requests, answers, stored])
        }
    }

    /// The kinds of request a reconcile of such a controller sends, each its own case of an API server step.
    static func controllerRequests(writesItsStatus: Bool) -> [String] {
        ["get", "create", "update"] + (writesItsStatus ? ["updateStatus"] : [])
    }

    /// `r` updates the status of the resource under `k`.
    func updatesTheStatusOfItsResource(_ r: Term, _ k: Term) throws(SortError) -> Term {
        try .match(r) { (ctor, f) throws(SortError) in
            ctor == "updateStatus" ? try .and([f[0] .== k["namespace"], f[1] .== k["name"], f[2]["kind"] .== resourceKind.term]) : .false
        }
    }

    /// `r` is a get of an object of `kind` in `namespace`.
    static func getsOfKind(_ r: Term, _ kind: K8s.Kind, namespace: Term) throws(SortError) -> Term {
        try .match(r) { (ctor, f) throws(SortError) in
            ctor == "get" ? try f[0]["kind"] .== kind.term && f[0]["namespace"] .== namespace : .false
        }
    }
}
