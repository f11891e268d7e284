/// The datatypes and the step pieces of a reconciler that manages sub-resources one at a time
/// (`ManagedResource`): a `SubResource` enumeration, a phase datatype
/// `initial | afterGet(SubResource) | afterCreate(SubResource) | afterUpdate(SubResource) | ... | done | failed`
/// with the controller's own phases in between, and a local-state record `{phase, ...}`.
///
/// The generated steps are the pattern every such controller shares: from `afterGet(r)`, a found
/// object is updated (from the fetched object) and a missing one created; from `afterCreate(r)` or
/// `afterUpdate(r)`, a successful write goes on as the controller says; anything else fails. Each
/// is a small term of its own, so invariants can be stated once for all sub-resources.
public struct ManagedSteps: Sendable {
    /// `<Name>SubResource`: one case per managed resource, in reconcile order.
    public let subResource: DatatypeDecl
    /// `<Name>Phase`.
    public let phase: DatatypeDecl
    /// `<Name>State {phase, ...fields}`.
    public let local: DatatypeDecl
    /// The managed resources, in reconcile order.
    public let resources: [ManagedResource]
    /// The system the controller talks to besides the API server (`ExternalSystem.none` if none).
    public let external: ExternalSystem

    /// The datatypes of a controller named `name` (`Zookeeper`) managing `resources`, with its own
    /// phases `phases` (after the three generic ones, before `done` and `failed`) and extra
    /// local-state `fields`.
    public init(_ name: String, resources: [ManagedResource], phases: [String], fields: [DatatypeDecl.Field],
                external: ExternalSystem = .none) {
        subResource = .enumeration("\(name)SubResource", resources.map(\.id))
        let sub = DatatypeDecl.Field("resource", .datatype(subResource))
        phase = DatatypeDecl("\(name)Phase", [.init("initial"), .init("afterGet", [sub]), .init("afterCreate", [sub]),
                                              .init("afterUpdate", [sub])] + phases.map { .init($0) } + [.init("done"), .init("failed")])
        local = .record("\(name)State", [.init("phase", .datatype(phase))] + fields)
        self.resources = resources
        self.external = external
    }

    /// The local state's sort, and the request and response sorts of a reconciler built on these steps.
    public var localSort: Sort { .datatype(local) }
    public var requestSort: Sort { .datatype(external.controllerRequest) }
    public var responseSort: Sort { .datatype(external.controllerResponse) }

    /// The managed resource with case `id`.
    public func resource(_ id: String) throws(SortError) -> ManagedResource {
        guard let r = resources.first(where: { $0.id == id }) else { throw SortError("no managed resource '\(id)'") }
        return r
    }

    // MARK: Phases and results

    /// A phase without payload (`initial`, `done`, a controller phase).
    public func phase(_ name: String) throws(SortError) -> Term { try .construct(phase, name) }

    /// A phase about a sub-resource (`afterGet`, `afterCreate`, `afterUpdate`).
    public func phase(_ name: String, _ resource: ManagedResource) throws(SortError) -> Term {
        try .construct(phase, name, [.enumCase(subResource, resource.id)])
    }

    /// The local state `{phase, fields}`; absent fields are their sort's zero value.
    public func localState(phase p: Term, _ fields: KeyValuePairs<String, Term> = [:]) throws(SortError) -> Term {
        try Term.record(local, zeroExcept: fields).with("phase", p)
    }

    /// A step result: `local` moved to `phase`, with `request` (a `ControllerRequest`) or none.
    public func go(_ result: DatatypeDecl, _ local: Term, to phase: Term, sending request: Term? = nil) throws(SortError) -> Term {
        try .record(result, ["state": local.with("phase", phase), "request": request.map(Term.some) ?? .none(requestSort)])
    }

    /// The failed step result: no request.
    public func fail(_ result: DatatypeDecl, _ local: Term) throws(SortError) -> Term {
        try go(result, local, to: phase("failed"))
    }

    // MARK: Responses

    /// `body(apiResponse)` when the response came from the API server, else `otherwise`.
    public func onAPIResponse(_ response: Term, otherwise: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try response.unwrap(or: otherwise) { (r) throws(SortError) in
            try .match(r) { (ctor, fields) throws(SortError) in ctor == "api" ? try body(fields[0]) : otherwise }
        }
    }

    /// `body(externalResponse)` when the response came from the external system, else `otherwise`.
    public func onExternalResponse(_ response: Term, otherwise: Term,
                                   _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try response.unwrap(or: otherwise) { (r) throws(SortError) in
            try .match(r) { (ctor, fields) throws(SortError) in ctor == "external" ? try body(fields[0]) : otherwise }
        }
    }

    /// For an API response to a request of kind `request` (`get`, `create`, `update`,
    /// `updateStatus`): `ok(object)` when it succeeded, `err(error)` when it failed; any other
    /// response is `otherwise`.
    public func onResult(of request: String, _ response: Term, otherwise: Term,
                         ok: (Term) throws(SortError) -> Term, err: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try onAPIResponse(response, otherwise: otherwise) { (api) throws(SortError) in
            try .match(api) { (ctor, fields) throws(SortError) in
                guard ctor == request else { return otherwise }
                return try .match(fields[0]) { (result, payload) throws(SortError) in
                    result == "ok" ? try ok(payload[0]) : try err(payload[0])
                }
            }
        }
    }

    // MARK: The generated steps

    /// Get `resource` (by default its own key): the step into `afterGet(resource)`.
    public func get(_ result: DatatypeDecl, _ resource: ManagedResource, _ cr: Term, _ local: Term,
                    key: Term? = nil) throws(SortError) -> Term {
        var target = try resource.key(cr)
        if let key { target = key }
        return try go(result, local, to: phase("afterGet", resource), sending: external.apiRequest(APIServer.Request.get(target)))
    }

    /// Create `resource` as made: the step into `afterCreate(resource)`, or failed when the local
    /// state does not allow it. `made` is the made object when the caller has it already.
    public func create(_ result: DatatypeDecl, _ resource: ManagedResource, _ cr: Term, _ local: Term,
                       made: Term? = nil) throws(SortError) -> Term {
        let object: Term
        if let made { object = made } else { object = try resource.make(cr, local) }
        let request = try APIServer.Request.create(namespace: ManagedResource.namespace(cr), object: object)
        return try .ite(resource.requires(local), go(result, local, to: phase("afterCreate", resource),
                                                     sending: external.apiRequest(request)), fail(result, local))
    }

    /// Update `found` towards `made`: the step into `afterUpdate(resource)`, or failed when the
    /// local state or the found object does not allow it.
    public func update(_ result: DatatypeDecl, _ resource: ManagedResource, _ cr: Term, _ local: Term,
                       found: Term, made: Term) throws(SortError) -> Term {
        let request = try APIServer.Request.update(namespace: ManagedResource.namespace(cr), name: resource.key(cr)["name"],
                                                   object: resource.updated(found, made: made))
        return try .ite(resource.requires(local) && resource.updatesOnlyIf(cr, found),
                        go(result, local, to: phase("afterUpdate", resource), sending: external.apiRequest(request)),
                        fail(result, local))
    }

    /// The step from `afterGet(resource)`: update what was found, create what was not, fail
    /// otherwise. The made object is computed once, for both branches.
    public func afterGet(_ result: DatatypeDecl, _ resource: ManagedResource, _ cr: Term, _ local: Term,
                         response: Term) throws(SortError) -> Term {
        let failed = try fail(result, local)
        return try Term.letIn("made", resource.make(cr, local)) { (made) throws(SortError) in
            try onResult(of: "get", response, otherwise: failed,
                         ok: { (found) throws(SortError) in try update(result, resource, cr, local, found: found, made: made) },
                         err: { (error) throws(SortError) in
                             try .ite(error .== APIServer.ErrorCode.objectNotFound.term, create(result, resource, cr, local, made: made), failed)
                         })
        }
    }

    /// The step from `afterCreate(resource)` (`created`) or `afterUpdate(resource)`: on success,
    /// `next(written, local)` with the object the API server stored and the local state, which
    /// keeps the written resource version when the resource asks for it (a written object without
    /// one fails); otherwise failed.
    public func afterWrite(_ result: DatatypeDecl, _ resource: ManagedResource, created: Bool, _ local: Term, response: Term,
                           next: (_ written: Term, _ local: Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let failed = try fail(result, local)
        return try onResult(of: created ? "create" : "update", response, otherwise: failed, ok: { (written) throws(SortError) in
            guard let field = resource.resourceVersionField else { return try next(written, local) }
            return try written["metadata"]["resourceVersion"].unwrap(or: failed) { (rv) throws(SortError) in
                try next(written, local.with(field, .some(rv)))
            }
        }, err: { (_) throws(SortError) in failed })
    }

    /// The step from a generic phase, `afterGet(r)`, `afterCreate(r)` or `afterUpdate(r)` (`phase`
    /// names it and `payload` is its `SubResource`): `afterGet` for a get, `afterWrite` for a
    /// write, going on with `next(r, written, local)` after a successful one.
    public func managedStep(_ result: DatatypeDecl, phase: String, payload: Term, _ cr: Term, _ local: Term, response: Term,
                            next: (_ resource: ManagedResource, _ written: Term, _ local: Term) throws(SortError) -> Term)
        throws(SortError) -> Term {
        try .match(payload) { (id, _) throws(SortError) in
            let resource = try self.resource(id)
            switch phase {
            case "afterGet": return try afterGet(result, resource, cr, local, response: response)
            case "afterCreate", "afterUpdate":
                return try afterWrite(result, resource, created: phase == "afterCreate", local, response: response) {
                    (written, local) throws(SortError) in try next(resource, written, local)
                }
            default: throw SortError("'\(phase)' is not a phase about a managed resource")
            }
        }
    }

    /// The managed resource after `resource` in reconcile order (nil after the last).
    public func resource(after resource: ManagedResource) -> ManagedResource? {
        guard let i = resources.firstIndex(where: { $0.id == resource.id }), i + 1 < resources.count else { return nil }
        return resources[i + 1]
    }

    /// What follows a write of `resource` in a reconcile that walks the resources in order: the
    /// next resource's get, or done after the last.
    public func proceed(_ result: DatatypeDecl, after resource: ManagedResource, _ cr: Term, _ local: Term) throws(SortError) -> Term {
        guard let next = self.resource(after: resource) else { return try go(result, local, to: phase("done")) }
        return try get(result, next, cr, local)
    }

    /// `step`, except that in `afterGet(resource)` (`payload` is the phase's `SubResource`) a
    /// "not found" answer ends the reconcile as done: the seeded bug "an error taken for done".
    public func doneWhenNotFound(_ result: DatatypeDecl, _ resource: ManagedResource, payload: Term, _ local: Term, response: Term,
                                 otherwise step: Term) throws(SortError) -> Term {
        try .match(payload) { (id, _) throws(SortError) in
            guard id == resource.id else { return step }
            return try onResult(of: "get", response, otherwise: step, ok: { (_) throws(SortError) in step }, err: { (error) throws(SortError) in
                try .ite(error .== APIServer.ErrorCode.objectNotFound.term, go(result, local, to: phase("done")), step)
            })
        }
    }

    // MARK: The desired state

    /// Whether the cluster state `s` holds every managed object for the custom resource `cr` as
    /// the controller makes it (`ManagedResource.matches`), each made from `initial` with the
    /// resource versions the local-state fields keep (`resourceVersionField`) taken from the
    /// objects stored now: what a reconcile that starts from `initial` and meets no change writes.
    public func matches(_ s: Term, _ cr: Term, initial: Term) throws(SortError) -> Term {
        let etcd = try s["apiServer"]["etcd"]
        var local = initial
        var versionsKnown: [Term] = []
        for resource in resources {
            guard let field = resource.resourceVersionField else { continue }
            let version = try etcd.lookup(resource.key(cr)).unwrap(or: .none(.int)) { (stored) throws(SortError) in
                try stored["metadata"]["resourceVersion"]
            }
            local = try local.with(field, version)
            versionsKnown.append(try version.isSome)
        }
        let desired = local
        return try .and(versionsKnown + resources.map { (resource) throws(SortError) in
            try etcd.lookup(resource.key(cr)).unwrap(or: .false) { (stored) throws(SortError) in
                try resource.matches(cr, desired, stored: stored)
            }
        })
    }
}
