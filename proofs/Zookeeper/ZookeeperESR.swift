import ClusterModel
import Controllers
import VCGen

/// What the ZooKeeper controller's ESR proof is made of: its five objects as `ManagedObjectsESR`
/// sees them, the reconcile's phases and rank, its own phases along phase M's chain (the size
/// node's calls) and the invariants they need. `proofs/zookeeper.swift` states the theorems.
enum ZookeeperESR {
    static let reconciler = ZookeeperReconciler()

    /// The five objects, in reconcile order, as the correct controller makes them.
    static let objects: [ManagedObject] = {
        let resources = reconciler.objects
        func object(_ resource: ManagedResource, _ noun: String, suffix: String, fieldsFixedByName: [String] = [],
                    fieldsFixedByOwner: [String] = [],
                    withoutLocalState: (@Sendable (Term) throws(SortError) -> Term)? = nil) -> ManagedObject {
            ManagedObject(resource, of: reconciler.steps, resourceKind: .zookeeperCluster, noun: noun,
                          name: { (n) throws(SortError) in try n.concat(.string(suffix)) }, fieldsFixedByName: fieldsFixedByName,
                          fieldsFixedByOwner: fieldsFixedByOwner, withoutLocalState: withoutLocalState)
        }
        return [
            object(resources.headlessService, "headless service", suffix: "-headless"),
            object(resources.clientService, "client service", suffix: "-client"),
            object(resources.adminServerService, "admin server service", suffix: "-admin-server"),
            object(resources.configMap, "config map", suffix: "-configmap"),
            object(resources.statefulSet, "stateful set", suffix: "", fieldsFixedByName: ["selector", "serviceName", "podManagementPolicy"],
                   fieldsFixedByOwner: ["volumeClaimTemplates"],
                   withoutLocalState: { (spec) throws(SortError) in try ManagedObject.restartValueBlanked(spec, kind: .statefulSet) }),
        ]
    }()

    /// The reconcile's order: the four objects, the controller's own phases (the stateful set's
    /// first get, the size node's calls), the stateful set, the status update.
    static let esrPhases = ReconcilePhases(managedSteps: reconciler.steps, order: [
        "headlessService", "clientService", "adminServerService", "configMap",
        "afterExistsStatefulSet", "afterExistsZKNode", "afterCreateZKParentNode", "afterCreateZKNode", "afterUpdateZKNode",
        "statefulSet", "afterUpdateStatus",
    ], splitSteps: true)

    static let esr = ManagedObjectsESR(
        objects: objects,
        reconcilePhases: esrPhases,
        desiredState: ZookeeperController.matches, writesItsStatus: true, ownPhases: nodeCalls,
        chainInvariants: [requestsNameTheirEnsemble, statefulSetsRun], phaseRlimit: 4, splitsReconcileEnds: true)

    // MARK: The ensemble's node, along phase M

    /// The stateful set's key for `cr`, and the node at `path` of the ensemble running on it (none
    /// without the stateful set, or without the node).
    static func statefulSetKey(_ cr: Term) throws(SortError) -> Term {
        try ZookeeperAPI.statefulSetKey(name: ManagedObject.name(cr), namespace: ManagedObject.namespace(cr))
    }
    static func node(_ s: Term, _ cr: Term, _ path: Term) throws(SortError) -> Term {
        let absent = Term.none(.datatype(ZookeeperAPI.node))
        return try ClusterModel.etcd(s).lookup(statefulSetKey(cr)).unwrap(or: absent) { (sts) throws(SortError) in
            try sts["metadata"]["uid"].unwrap(or: absent) { (uid) throws(SortError) in
                try s["external"].lookup(.record(ZookeeperAPI.address, [
                    "name": ManagedObject.name(cr), "namespace": ManagedObject.namespace(cr), "uid": uid, "path": path,
                ]))
            }
        }
    }
    static func sizeNode(_ s: Term, _ cr: Term) throws(SortError) -> Term { try node(s, cr, ZookeeperReconciler.sizeNodePath(cr)) }
    static func parentNode(_ s: Term, _ cr: Term) throws(SortError) -> Term { try node(s, cr, ZookeeperReconciler.parentNodePath()) }
    static func nodeVersion(_ s: Term, _ cr: Term) throws(SortError) -> Term {
        try sizeNode(s, cr).unwrap(or: .none(.int)) { (n) throws(SortError) in .some(try n["version"]) }
    }
    static func statefulSetStored(_ s: Term, _ cr: Term) throws(SortError) -> Term { try ClusterModel.etcd(s).hasKey(statefulSetKey(cr)) }
    /// The ensemble serves: its stateful set is stored (so its uid is fixed) with replicas, and it
    /// accepts its config map's `zoo.cfg` (`ZookeeperAPI.servingUID`, as the API reads it). Said
    /// so in the ensemble's phases, the answers need no invariant about stored objects: with
    /// `statefulSetsRun` and `objectsMatchKeys` instead, Z3 ran the answer to `exists` out of rlimit.
    static func ensembleCanServe(_ s: Term, _ cr: Term) throws(SortError) -> Term {
        try ZookeeperAPI.servingUID(name: ManagedObject.name(cr), namespace: ManagedObject.namespace(cr), etcd: ClusterModel.etcd(s)).isSome
    }

    /// A ZooKeeper request `ctor` of cr's ensemble at `path`, with `more` of its other fields.
    static func asks(_ model: ClusterModel, _ m: Term, _ ctor: String, _ cr: Term, _ path: Term,
                     _ more: (_ fields: [Term]) throws(SortError) -> Term = { _ in .true }) throws(SortError) -> Term {
        try model.onExternalRequest(m, otherwise: .false) { (r) throws(SortError) in
            try .match(r) { (name, f) throws(SortError) in
                guard name == ctor else { return .false }
                return try .and([f[0] .== ManagedObject.name(cr), f[1] .== ManagedObject.namespace(cr), f[2] .== path, more(f)])
            }
        }
    }
    /// A ZooKeeper request that names cr's ensemble (its name and namespace).
    @Sendable static func namesTheEnsemble(_ model: ClusterModel, _ cr: Term, _ m: Term) throws(SortError) -> Term {
        try model.onExternalRequest(m, otherwise: .false) { (r) throws(SortError) in
            try .match(r) { (_, f) throws(SortError) in try f[0] .== ManagedObject.name(cr) && f[1] .== ManagedObject.namespace(cr) }
        }
    }
    /// A ZooKeeper answer that is one of `answers` (`failed` with one of `errors`), `more` holding of its fields.
    static func says(_ model: ClusterModel, _ m: Term, _ answers: [String], errors: [String] = [],
                     _ more: (_ fields: [Term]) throws(SortError) -> Term = { _ in .true }) throws(SortError) -> Term {
        try model.onExternalResponse(m, otherwise: .false) { (r) throws(SortError) in
            try .match(r) { (name, f) throws(SortError) in
                if name == "failed" {
                    return try .or(errors.map { (e) throws(SortError) in try f[0] .== .enumCase(ZookeeperAPI.error, e) })
                }
                return answers.contains(name) ? try more(f) : .false
            }
        }
    }

    /// The controller's own phases between the config map and the stateful set: the first get of
    /// the stateful set (found: an ensemble runs; not found: get it again to create it), then the
    /// size node's calls, each answered as the ensemble's state says: `exists` with the node's
    /// version, `setData` with that version, or the parent's `create` (ok or already there) and
    /// the node's. No one else writes the node meanwhile, and the ensemble can serve: the stateful
    /// set stays stored, with replicas, and the config map is made.
    static let nodeCalls: OwnPhases = {
        let ensemble = [requestsNameTheirEnsemble, ClusterInvariants.reconcilesOfResources, ClusterInvariants.ongoingMatchKeys,
                        ClusterInvariants.ongoingOfResourceKind]
        let parentPath = try! ZookeeperReconciler.parentNodePath()
        return OwnPhases(phases: [
            OwnPhase(name: "afterExistsStatefulSet", answeredBy: "apiServerHandles", waiting: { (model, _, cr, x) throws(SortError) in
                try ManagedObjectsESR.gets(model, x, [statefulSetKey(cr)])
            }, answered: { (model, s, cr, y) throws(SortError) in
                let found = try ManagedObjectsESR.succeeded(model, y, ["get"]) && statefulSetStored(s, cr)
                let notFound = try model.onAPIResponse(y, otherwise: .false) { (response) throws(SortError) in
                    try .match(response) { (kind, f) throws(SortError) in
                        guard kind == "get" else { return .false }
                        return try .match(f[0]) { (result, payload) throws(SortError) in
                            result == "ok" ? .false : try payload[0] .== APIServer.ErrorCode.objectNotFound.term
                        }
                    }
                }
                return try found || notFound
            }, next: [.phase("afterExistsZKNode"), .get(4)], needsHeavy: false, stepUses: [statefulSetsRun, ClusterInvariants.uidsBelowCounter]),
            OwnPhase(name: "afterExistsZKNode", answeredBy: "externalHandles", waiting: { (model, s, cr, x) throws(SortError) in
                try asks(model, x, "exists", cr, ZookeeperReconciler.sizeNodePath(cr)) && ensembleCanServe(s, cr)
            }, answered: { (model, s, cr, y) throws(SortError) in
                try says(model, y, ["existsOk"]) { (f) throws(SortError) in try f[0] .== nodeVersion(s, cr) } && ensembleCanServe(s, cr)
            }, next: [.phase("afterUpdateZKNode"), .phase("afterCreateZKParentNode")], answerUses: ensemble, arrayExtensionality: false,
                     isAboutCR: namesTheEnsemble, aboutCRUses: [requestsNameTheirEnsemble, ClusterInvariants.reconcilesOfResources]),
            OwnPhase(name: "afterUpdateZKNode", answeredBy: "externalHandles", waiting: { (model, s, cr, x) throws(SortError) in
                try asks(model, x, "setData", cr, ZookeeperReconciler.sizeNodePath(cr)) { (f) throws(SortError) in try .some(f[4]) .== nodeVersion(s, cr) }
                    && ensembleCanServe(s, cr)
            }, answered: { (model, _, _, y) throws(SortError) in try says(model, y, ["setDataOk"]) }, next: [.get(4)], answerUses: ensemble, arrayExtensionality: false,
                     isAboutCR: namesTheEnsemble, aboutCRUses: [requestsNameTheirEnsemble, ClusterInvariants.reconcilesOfResources]),
            OwnPhase(name: "afterCreateZKParentNode", answeredBy: "externalHandles", waiting: { (model, s, cr, x) throws(SortError) in
                try .and([asks(model, x, "create", cr, parentPath), ensembleCanServe(s, cr), sizeNode(s, cr).isNone])
            }, answered: { (model, s, cr, y) throws(SortError) in
                try .and([says(model, y, ["createOk"], errors: ["createAlreadyExists"]), ensembleCanServe(s, cr), sizeNode(s, cr).isNone,
                          parentNode(s, cr).isSome])
            }, next: [.phase("afterCreateZKNode")], answerUses: ensemble, arrayExtensionality: false,
                     isAboutCR: namesTheEnsemble, aboutCRUses: [requestsNameTheirEnsemble, ClusterInvariants.reconcilesOfResources]),
            OwnPhase(name: "afterCreateZKNode", answeredBy: "externalHandles", waiting: { (model, s, cr, x) throws(SortError) in
                try .and([asks(model, x, "create", cr, ZookeeperReconciler.sizeNodePath(cr)), ensembleCanServe(s, cr), sizeNode(s, cr).isNone, parentNode(s, cr).isSome])
            }, answered: { (model, _, _, y) throws(SortError) in try says(model, y, ["createOk"]) }, next: [.get(4)], answerUses: ensemble, arrayExtensionality: false,
                     isAboutCR: namesTheEnsemble, aboutCRUses: [requestsNameTheirEnsemble, ClusterInvariants.reconcilesOfResources]),
        ], afterObject: [3: [.phase("afterExistsStatefulSet")]]) { (model, cr) in
            [try Rules.definitionUnfolds(ZookeeperAPI.acceptsConfig, state: model.stateSort) { (_) throws(SortError) in
                [try ZookeeperConfigFiles.zooCfg(ZookeeperObjects.spec(cr))]
            }]
        }
    }()

    // MARK: What the node calls need

    /// Only a reconcile of cr's key talks to cr's ensemble: every ZooKeeper request in flight from
    /// a reconcile names the name and namespace of the resource under the reconcile's key.
    static let requestsNameTheirEnsemble = ClusterInvariant(
        "every ZooKeeper request in flight names the ensemble of the reconcile that sent it",
        uses: [ClusterInvariants.ongoingMatchKeys, ClusterInvariants.pendingFromItsReconcile],
        splits: { model in try esrPhases.stepCases(model).map { [$0] } ?? [] }
    ) { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try .match(m["source"]) { (host, h) throws(SortError) in
                guard host == "controller" else { return .true }
                return try model.onExternalRequest(m) { (r) throws(SortError) in
                    try .match(r) { (_, f) throws(SortError) in try f[0] .== h[0]["name"] && f[1] .== h[0]["namespace"] }
                }
            }
        }
    }

    /// The ensemble can serve while its stateful set is stored: every stored stateful set, and
    /// every one a create or update in flight writes, has some replicas, more than 0 (made from a
    /// valid resource, with at least 3; status writes keep the spec). A written object is one of
    /// a create, an update or a get-then-update.
    static let statefulSetsRun = ClusterInvariant(
        "every stateful set stored or written has more than 0 replicas",
        uses: [ClusterInvariants.resourcesInReconcilesAreValid, ClusterInvariants.builtinSendsDeletesAndStatus,
               ClusterInvariants.podMonkeyTouchesPods, ClusterInvariants.clientTouchesResources, ClusterInvariants.ongoingOfResourceKind,
               ClusterInvariants.specsMatchKinds],
        usesAtSOnly: ["continueReconcile"],
        splits: { model in
            [try model.senderCases(of: model.input("apiServerHandles"), controllerRequests: ManagedObject.controllerRequests(writesItsStatus: true))]
                + (try esrPhases.stepCases(model).map { [$0] } ?? [])
        }
    ) { (model, s) throws(SortError) in
        func runs(_ o: Term, stored: Bool) throws(SortError) -> Term {
            try o["kind"] .== K8s.Kind.statefulSet.term ==> K8s.Object.withSpec(o, as: .statefulSet, otherwise: stored ? .false : .true) {
                (spec) throws(SortError) in try spec["replicas"].unwrap(or: .false) { (n) throws(SortError) in try n > 0 }
            }
        }
        let stored = try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in try runs(o, stored: true) }
        let written = try model.everyInFlight(s) { (m) throws(SortError) in
            try model.onAPIRequest(m) { (r) throws(SortError) in
                try .match(r) { (ctor, f) throws(SortError) in
                    switch ctor {
                    case "create": return try runs(f[1], stored: false)
                    case "update": return try runs(f[2], stored: false)
                    case "getThenUpdate": return try runs(f[3], stored: false)
                    default: return .true
                    }
                }
            }
        }
        return try stored && written
    }

    static func model(_ bug: ZookeeperReconciler.Bug?) throws -> ClusterModel {
        try ClusterModel(reconciler: ZookeeperReconciler(bug: bug), resourceKind: .zookeeperCluster, external: ZookeeperAPI.system)
    }
    /// The correct controller's model.
    static let model = Result { try model(nil) }

}
