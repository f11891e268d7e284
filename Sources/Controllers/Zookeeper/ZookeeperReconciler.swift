/// The ZooKeeper controller's reconcile, after Anvil's (itself after Pravega's zookeeper-operator).
/// For a ZookeeperCluster `<name>` one reconcile:
/// 1. gets, then creates or updates, the headless, client and admin server services and the
///    config map (remembering the config map's resource version);
/// 2. gets the stateful set: when it exists, an ensemble is running, so before changing its size
///    the controller writes `CLUSTER_SIZE=<replicas>` to the ZooKeeper node
///    `/zookeeper-operator/<name>` (creating the parent and the node when absent, else writing with
///    the version it just read); the pods' teardown script reads it to leave the ensemble on a
///    scale-down;
/// 3. gets the stateful set again (for a fresh resource version), creates it or updates it (only
///    when the found one is owned by exactly this custom resource);
/// 4. writes the ready replica count to the custom resource's status, and is done.
/// Any unexpected response fails the reconcile; the runtime then starts another.
public struct ZookeeperReconciler: ManagedReconciler {
    /// The seeded bug, if any, and the managed objects built with it.
    public let bug: Bug?
    public let objects: ZookeeperObjects
    /// The datatypes and generated steps over the five managed objects.
    public let steps: ManagedSteps

    /// The controller's own phases, between the generic ones and `done`/`failed`.
    public static let phases = [
        "afterExistsStatefulSet", "afterExistsZKNode", "afterCreateZKParentNode", "afterCreateZKNode", "afterUpdateZKNode",
        "afterUpdateStatus",
    ]

    /// The correct controller, or the mutant with `bug`.
    public init(bug: Bug? = nil) {
        self.bug = bug
        objects = ZookeeperObjects(bug: bug)
        steps = ManagedSteps("Zookeeper", resources: objects.resources, phases: Self.phases,
                             fields: [.init(ZookeeperObjects.configMapVersionField, .option(.int))], external: ZookeeperAPI.system)
    }

    public var name: String { bug.map { "zookeeper-\($0.rawValue)" } ?? "zookeeper" }
    public var typeName: String { "zookeeper" }

    /// The ZooKeeper node holding the cluster size, and its parent.
    public static func sizeNodePath(_ cr: Term) throws(SortError) -> Term {
        try .seq(["zookeeper-operator", ManagedResource.name(cr)], of: .string)
    }
    public static func parentNodePath() throws(SortError) -> Term { try .seq(["zookeeper-operator"], of: .string) }

    /// `CLUSTER_SIZE=<replicas>`: what the size node holds.
    public static func sizeNodeData(_ cr: Term) throws(SortError) -> Term {
        try Term.string("CLUSTER_SIZE=").concat(ZookeeperObjects.spec(cr)["replicas"].decimalString)
    }

    public func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let result = stepResult
        return try .match(state["phase"]) { (phase, fields) throws(SortError) in
            switch phase {
            case "initial": return try steps.get(result, objects.headlessService, cr, state)
            case "afterGet", "afterCreate", "afterUpdate":
                return try steps.managedStep(result, phase: phase, payload: fields[0], cr, state, response: response) {
                    (resource, written, local) throws(SortError) in
                    try afterWriting(resource.id, created: phase == "afterCreate", written: written, cr, local)
                }
            case "afterExistsStatefulSet": return try afterExistsStatefulSet(cr, state, response)
            case "afterExistsZKNode": return try afterExistsZKNode(cr, state, response)
            case "afterCreateZKParentNode": return try afterCreateZKParentNode(cr, state, response)
            case "afterCreateZKNode": return try afterZKNodeWrite("createOk", cr, state, response)
            case "afterUpdateZKNode": return try afterZKNodeWrite("setDataOk", cr, state, response)
            case "afterUpdateStatus":
                let failed = try steps.fail(result, state)
                return try steps.onResult(of: "updateStatus", response, otherwise: failed,
                                          ok: { (_) throws(SortError) in try steps.go(result, state, to: steps.phase("done")) },
                                          err: { (_) throws(SortError) in failed })
            default: return try stays(state)
            }
        }
    }

    // MARK: After the managed objects' writes

    /// What follows a successful write of sub-resource `id`: the next object's get; after the
    /// config map (whose resource version the local state now keeps), the stateful set is read;
    /// after the stateful set, the status is written.
    private func afterWriting(_ id: String, created: Bool, written: Term, _ cr: Term, _ state: Term) throws(SortError) -> Term {
        let result = stepResult
        switch id {
        case "headlessService":
            return try steps.get(result, bug == .skipsTheClientService ? objects.adminServerService : objects.clientService, cr, state)
        case "clientService":
            switch bug {
            case .createsTheAdminServiceWithoutGet: return try steps.create(result, objects.adminServerService, cr, state)
            case .getsTheWrongKey: return try steps.get(result, objects.adminServerService, cr, state, key: objects.clientService.key(cr))
            default: return try steps.get(result, objects.adminServerService, cr, state)
            }
        case "adminServerService": return try steps.get(result, objects.configMap, cr, state)
        case "configMap":
            return try steps.go(result, state, to: steps.phase("afterExistsStatefulSet"),
                                sending: apiRequest(APIServer.Request.get(objects.statefulSet.key(cr))))
        default:
            let ready: Term = created ? 0 : try K8s.Object.withStatus(written, as: .statefulSet, otherwise: 0) { (status) throws(SortError) in
                try status["readyReplicas"].unwrap(or: 0) { $0 }
            }
            let status = try K8s.status(.zookeeperCluster, .record(K8s.zookeeperClusterStatus, ["readyReplicas": ready]))
            return try steps.go(result, state, to: steps.phase("afterUpdateStatus"), sending: apiRequest(APIServer.Request.updateStatus(
                namespace: ManagedResource.namespace(cr), name: ManagedResource.name(cr), object: cr.with("status", status))))
        }
    }

    // MARK: The ZooKeeper node

    /// After the first get of the stateful set: when it exists, ask whether the size node exists;
    /// when it does not (a new ensemble), get it again to create it.
    private func afterExistsStatefulSet(_ cr: Term, _ state: Term, _ response: Term) throws(SortError) -> Term {
        let result = stepResult
        let failed = try bug == .waitsInPlaceAfterAFailedGet ? steps.go(result, state, to: state["phase"]) : steps.fail(result, state)
        return try steps.onResult(of: "get", response, otherwise: failed, ok: { (_) throws(SortError) in
            try steps.go(result, state, to: steps.phase("afterExistsZKNode"), sending: zookeeper(ZookeeperAPI.exists(
                name: ManagedResource.name(cr), namespace: ManagedResource.namespace(cr), path: Self.sizeNodePath(cr))))
        }, err: { (error) throws(SortError) in
            if bug == .errorTakenForDone { return try steps.go(result, state, to: steps.phase("done")) }
            return try .ite(error .== APIServer.ErrorCode.objectNotFound.term, steps.get(result, objects.statefulSet, cr, state), failed)
        })
    }

    /// After `exists`: write the size with the version read, or create the parent node first.
    private func afterExistsZKNode(_ cr: Term, _ state: Term, _ response: Term) throws(SortError) -> Term {
        let result = stepResult, failed = try steps.fail(result, state)
        let name = try ManagedResource.name(cr), namespace = try ManagedResource.namespace(cr)
        return try steps.onExternalResponse(response, otherwise: failed) { (zk) throws(SortError) in
            try .match(zk) { (answer, fields) throws(SortError) in
                guard answer == "existsOk" else { return failed }
                let createParent = try steps.go(result, state, to: steps.phase("afterCreateZKParentNode"), sending: zookeeper(
                    ZookeeperAPI.create(name: name, namespace: namespace, path: Self.parentNodePath(), data: "")))
                return try fields[0].unwrap(or: createParent) { (version) throws(SortError) in
                    try steps.go(result, state, to: steps.phase("afterUpdateZKNode"), sending: zookeeper(ZookeeperAPI.setData(
                        name: name, namespace: namespace, path: Self.sizeNodePath(cr), data: Self.sizeNodeData(cr),
                        version: bug == .setsDataWithoutVersion ? .int(ZookeeperAPI.anyVersion) : version)))
                }
            }
        }
    }

    /// After creating the parent node (or finding it there already): create the size node.
    private func afterCreateZKParentNode(_ cr: Term, _ state: Term, _ response: Term) throws(SortError) -> Term {
        let result = stepResult, failed = try steps.fail(result, state)
        let createNode = try steps.go(result, state, to: steps.phase("afterCreateZKNode"), sending: zookeeper(ZookeeperAPI.create(
            name: ManagedResource.name(cr), namespace: ManagedResource.namespace(cr), path: Self.sizeNodePath(cr),
            data: Self.sizeNodeData(cr))))
        return try steps.onExternalResponse(response, otherwise: failed) { (zk) throws(SortError) in
            try .match(zk) { (answer, fields) throws(SortError) in
                switch answer {
                case "createOk": return createNode
                case "failed" where bug != .parentNodeAlreadyExistsFails:
                    return try .ite(fields[0] .== .enumCase(ZookeeperAPI.error, "createAlreadyExists"), createNode, failed)
                default: return failed
                }
            }
        }
    }

    /// After the size node's create or write (answered `success`): get the stateful set to write it.
    private func afterZKNodeWrite(_ success: String, _ cr: Term, _ state: Term, _ response: Term) throws(SortError) -> Term {
        let result = stepResult, failed = try steps.fail(result, state)
        let next = try steps.get(result, objects.statefulSet, cr, state)
        if success == "setDataOk" && bug == .ignoresTheSetDataResult { return next }
        return try steps.onExternalResponse(response, otherwise: failed) { (zk) throws(SortError) in
            try .ite(zk.is(success), next, failed)
        }
    }

    // MARK: Requests

    private func apiRequest(_ request: Term) throws(SortError) -> Term { try steps.external.apiRequest(request) }
    private func zookeeper(_ request: Term) throws(SortError) -> Term { try steps.external.externalRequest(request) }
}
