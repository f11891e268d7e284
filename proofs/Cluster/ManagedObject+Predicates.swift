import ClusterModel
import VCGen

/// The state predicates of an ESR proof about one managed object of `cr`, over one model: the
/// theorem's `desired` and `matches`, and Anvil's phases B (scheduled reconcile is for cr), C
/// (running reconcile is for cr), D's part (a write of the object writes it made), E (the object
/// is owned by cr or absent), H's part (a delete of it) and M's (it is made).
/// `ReconcilePredicates` conjoins them over the objects.
struct ManagedObjectPredicates {
    let model: ClusterModel
    let object: ManagedObject
    /// The catalogue's desired state of the cluster state `s` for the resource `cr`.
    let desiredState: (_ s: Term, _ cr: Term) throws -> Term
    /// What the theorem assumes of the cluster besides `cr` being stored (none: nothing).
    var assumption: DesiredAssumption? = nil

    var cr: Variable { ManagedObject.cr }
    var crKey: Term { get throws(SortError) { try object.crKey } }
    var key: Term { get throws(SortError) { try object.key } }

    func state(_ name: String, _ body: (Term) throws(SortError) -> Term) throws -> StatePred { try model.predicate(name, body) }

    /// `cr` is stored under its key, with its uid and spec (and the `assumption` holds).
    var desired: StatePred {
        get throws {
            let name = assumption.map { "desired(cr) /\\ \($0.name)" } ?? "desired(cr)"
            return try state(name) { (s) throws(SortError) in
                let meta = try cr.term["metadata"]
                let assumed = try assumption.map { (a) throws(SortError) in [try a.holds(s, cr.term)] } ?? []
                return try .and([cr.term["kind"] .== object.resourceKind.term, meta["name"].isSome, meta["namespace"].isSome,
                                 meta["uid"].isSome,
                                 ClusterModel.etcd(s).lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in
                                     try ManagedObject.isTheResource(o)
                                 }] + assumed)
            }
        }
    }

    /// The catalogue's desired state for `cr`.
    var matches: StatePred {
        get throws {
            let v = Variable.state(model.stateSort)
            let body = try desiredState(v.term, cr.term)
            return try state("matches(cr)") { (s) throws(SortError) in body.substituting([v: s]) }
        }
    }

    /// Phase B: a scheduled reconcile of `cr`'s key is for `cr`.
    var scheduledIsTheResource: StatePred {
        get throws {
            try state("scheduled reconcile is for cr") { (s) throws(SortError) in
                try s["scheduled"].lookup(crKey).unwrap(or: .true) { (t) throws(SortError) in try ManagedObject.isTheResource(t) }
            }
        }
    }

    /// Phase C: a running reconcile of `cr`'s key is for `cr`.
    var runningIsTheResource: StatePred {
        get throws {
            try state("running reconcile is for cr") { (s) throws(SortError) in
                try s["ongoing"].lookup(crKey).unwrap(or: .true) { (o) throws(SortError) in
                    try ManagedObject.isTheResource(o["triggeringResource"])
                }
            }
        }
    }

    /// A request of `cr`'s reconcile that writes what the controller makes for `cr`.
    func writesTheMadeObject(_ r: Term) throws(SortError) -> Term {
        try .match(r) { (ctor, f) throws(SortError) in
            switch ctor {
            case "create": return try object.isMade(f[1])
            case "update": return try object.isMade(f[2], ignoring: object.fieldsFixedByOwner)
            default: return .true
            }
        }
    }

    /// A request that creates or updates the object (by kind and name).
    func isAWriteOfTheObject(_ r: Term) throws(SortError) -> Term {
        let name = try object.name(ManagedObject.name(cr.term))
        return try .match(r) { (ctor, f) throws(SortError) in
            switch ctor {
            case "create": return try f[1]["kind"] .== object.kind.term && f[1]["metadata"]["name"] .== .some(name)
            case "update": return try f[2]["kind"] .== object.kind.term && f[1] .== name
            default: return .false
            }
        }
    }

    /// The stored object, through `body`, or `absent` when there is none.
    func stored(_ s: Term, absent: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try ClusterModel.etcd(s).lookup(key).unwrap(or: absent, body)
    }

    /// Phase E: the object, if stored, is owned by `cr`.
    func isOwnedOrAbsent(_ s: Term) throws(SortError) -> Term {
        let owners = try object.owners
        return try stored(s, absent: .true) { (o) throws(SortError) in try o["metadata"]["ownerReferences"] .== owners }
    }
    var ownedOrAbsent: StatePred {
        get throws { try state("\(object.noun) owned by cr or absent") { (s) throws(SortError) in try isOwnedOrAbsent(s) } }
    }

    /// A request that deletes the object.
    func deletesTheObject(_ r: Term) throws(SortError) -> Term {
        let key = try key
        return try .match(r) { (ctor, f) throws(SortError) in
            ctor == "delete" || ctor == "getThenDelete" ? try f[0] .== key : .false
        }
    }

    /// Phase M: the object has the made spec and managed metadata.
    func made(_ s: Term) throws(SortError) -> Term {
        try stored(s, absent: .false) { (o) throws(SortError) in try object.isMade(o) }
    }

    /// The reconcile of `cr`'s key at `phase`, with `pending` holding for its pending request.
    func reconcile(_ name: String, at phase: String, pending: @escaping (Term, Term) throws(SortError) -> Term) throws -> StatePred {
        try state(name) { (s) throws(SortError) in
            try s["ongoing"].lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in
                try object.isAt(o["localState"], phase) && pending(s, o["pendingRequest"])
            }
        }
    }
}
