import Controllers
import Testing

/// Each step of the ZooKeeper reconcile on concrete inputs, evaluated as the runtime runs it.
@Suite struct ZookeeperStepTests {
    typealias F = ZookeeperFixture
    typealias M = ZookeeperMessages
    static let objects = F.objects
    static let steps = F.reconciler.steps

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// The phase before, and the config map's resource version in the local state.
        let phase: @Sendable () throws -> Term
        var configMapVersion: Int? = nil
        let response: @Sendable (_ cr: Term) throws -> Term
        /// The phase after, the resource version after (default: unchanged) and the request sent.
        let next: @Sendable () throws -> Term
        var nextConfigMapVersion: Int?? = nil
        let request: (@Sendable (_ cr: Term) throws -> Term)?
        var testDescription: String { name }
    }

    static func phase(_ name: String) -> @Sendable () throws -> Term { { try steps.phase(name) } }
    static func phase(_ name: String, _ resource: String) -> @Sendable () throws -> Term {
        { try steps.phase(name, steps.resource(resource)) }
    }
    static func get(_ resource: String) -> @Sendable (Term) throws -> Term {
        { cr in try M.get(steps.resource(resource), cr) }
    }
    /// A stored object of `resource` as made for the sample (rv 9, uid 20).
    static func found(_ resource: String, owner uid: Int = 1) throws -> Term {
        let cr = try F.sample({ cr in try cr.with("metadata", cr["metadata"].with("uid", .some(.int(uid)))) })
        return try F.stored(steps.resource(resource).make(cr, F.local(steps.phase("initial"), configMapVersion: 4)), rv: 9, uid: 20)
    }
    static func zkRequest(_ build: @escaping @Sendable (Term) throws -> Term) -> @Sendable (Term) throws -> Term {
        { cr in try M.zkRequest(build(cr)) }
    }
    static let nodePath: @Sendable (Term) throws -> Term = { cr in try ZookeeperReconciler.sizeNodePath(cr) }

    static let cases: [Case] = [
        Case(name: "initial: get the headless service", phase: phase("initial"), response: { _ in M.none },
             next: phase("afterGet", "headlessService"), request: get("headlessService")),
        Case(name: "get not found: create the object as made", phase: phase("afterGet", "clientService"),
             response: { _ in try M.err("get", .objectNotFound) }, next: phase("afterCreate", "clientService"),
             request: { cr in try M.api(APIServer.Request.create(namespace: "default", object: objects.clientService.make(cr, F.local(steps.phase("initial"))))) }),
        Case(name: "get found: update from the found object", phase: phase("afterGet", "adminServerService"),
             response: { _ in try M.ok("get", found("adminServerService")) }, next: phase("afterUpdate", "adminServerService"),
             request: { cr in
                 try M.api(APIServer.Request.update(namespace: "default", name: "zk-admin-server",
                                                    object: objects.adminServerService.update(cr, F.local(steps.phase("initial")),
                                                                                              found: found("adminServerService"))))
             }),
        Case(name: "get fails otherwise: failed", phase: phase("afterGet", "configMap"),
             response: { _ in try M.err("get", .conflict) }, next: phase("failed"), request: nil),
        Case(name: "get answered by ZooKeeper: failed", phase: phase("afterGet", "configMap"),
             response: { _ in try M.zk("createOk") }, next: phase("failed"), request: nil),
        Case(name: "get without an answer: failed", phase: phase("afterGet", "headlessService"),
             response: { _ in M.none }, next: phase("failed"), request: nil),
        Case(name: "headless service written: get the client service", phase: phase("afterCreate", "headlessService"),
             response: { _ in try M.ok("create", found("headlessService")) }, next: phase("afterGet", "clientService"),
             request: get("clientService")),
        Case(name: "client service written: get the admin server service", phase: phase("afterUpdate", "clientService"),
             response: { _ in try M.ok("update", found("clientService")) }, next: phase("afterGet", "adminServerService"),
             request: get("adminServerService")),
        Case(name: "admin server service written: get the config map", phase: phase("afterCreate", "adminServerService"),
             response: { _ in try M.ok("create", found("adminServerService")) }, next: phase("afterGet", "configMap"),
             request: get("configMap")),
        Case(name: "an update answered as a create: failed", phase: phase("afterUpdate", "clientService"),
             response: { _ in try M.ok("create", found("clientService")) }, next: phase("failed"), request: nil),
        Case(name: "write refused: failed", phase: phase("afterUpdate", "headlessService"),
             response: { _ in try M.err("update", .conflict) }, next: phase("failed"), request: nil),
        Case(name: "config map written: keep its version, get the stateful set", phase: phase("afterUpdate", "configMap"),
             response: { _ in try M.ok("update", F.stored(found("configMap"), rv: 17, uid: 20)) },
             next: phase("afterExistsStatefulSet"), nextConfigMapVersion: 17, request: get("statefulSet")),
        Case(name: "config map written without a version: failed", phase: phase("afterCreate", "configMap"),
             response: { _ in try M.ok("create", objects.configMap.make(F.sample(), F.local(steps.phase("initial")))) },
             next: phase("failed"), request: nil),
        Case(name: "stateful set exists: ask for the size node", phase: phase("afterExistsStatefulSet"), configMapVersion: 17,
             response: { _ in try M.ok("get", found("statefulSet")) }, next: phase("afterExistsZKNode"),
             request: zkRequest { cr in try ZookeeperAPI.exists(name: "zk", namespace: "default", path: nodePath(cr)) }),
        Case(name: "no stateful set: get it again to create it", phase: phase("afterExistsStatefulSet"), configMapVersion: 17,
             response: { _ in try M.err("get", .objectNotFound) }, next: phase("afterGet", "statefulSet"), request: get("statefulSet")),
        Case(name: "stateful set get fails: failed", phase: phase("afterExistsStatefulSet"), configMapVersion: 17,
             response: { _ in try M.err("get", .timeout) }, next: phase("failed"), request: nil),
        Case(name: "size node exists: write the size with its version", phase: phase("afterExistsZKNode"), configMapVersion: 17,
             response: { _ in try M.zk("existsOk", [.some(6)]) }, next: phase("afterUpdateZKNode"),
             request: zkRequest { cr in
                 try ZookeeperAPI.setData(name: "zk", namespace: "default", path: nodePath(cr), data: "CLUSTER_SIZE=3", version: 6)
             }),
        Case(name: "no size node: create the parent", phase: phase("afterExistsZKNode"), configMapVersion: 17,
             response: { _ in try M.zk("existsOk", [.none(.int)]) }, next: phase("afterCreateZKParentNode"),
             request: zkRequest { _ in
                 try ZookeeperAPI.create(name: "zk", namespace: "default", path: .seq(["zookeeper-operator"], of: .string), data: "")
             }),
        Case(name: "exists fails: failed", phase: phase("afterExistsZKNode"), configMapVersion: 17,
             response: { _ in try M.zkFailed("existsFailed") }, next: phase("failed"), request: nil),
        Case(name: "parent created: create the size node", phase: phase("afterCreateZKParentNode"), configMapVersion: 17,
             response: { _ in try M.zk("createOk") }, next: phase("afterCreateZKNode"),
             request: zkRequest { cr in try ZookeeperAPI.create(name: "zk", namespace: "default", path: nodePath(cr), data: "CLUSTER_SIZE=3") }),
        Case(name: "parent already there (ZK-1): create the size node", phase: phase("afterCreateZKParentNode"), configMapVersion: 17,
             response: { _ in try M.zkFailed("createAlreadyExists") }, next: phase("afterCreateZKNode"),
             request: zkRequest { cr in try ZookeeperAPI.create(name: "zk", namespace: "default", path: nodePath(cr), data: "CLUSTER_SIZE=3") }),
        Case(name: "parent create fails: failed", phase: phase("afterCreateZKParentNode"), configMapVersion: 17,
             response: { _ in try M.zkFailed("createFailed") }, next: phase("failed"), request: nil),
        Case(name: "size node created: get the stateful set", phase: phase("afterCreateZKNode"), configMapVersion: 17,
             response: { _ in try M.zk("createOk") }, next: phase("afterGet", "statefulSet"), request: get("statefulSet")),
        Case(name: "size node already there: failed", phase: phase("afterCreateZKNode"), configMapVersion: 17,
             response: { _ in try M.zkFailed("createAlreadyExists") }, next: phase("failed"), request: nil),
        Case(name: "size written: get the stateful set", phase: phase("afterUpdateZKNode"), configMapVersion: 17,
             response: { _ in try M.zk("setDataOk") }, next: phase("afterGet", "statefulSet"), request: get("statefulSet")),
        Case(name: "size write fails (ZK-2): failed", phase: phase("afterUpdateZKNode"), configMapVersion: 17,
             response: { _ in try M.zkFailed("setDataFailed") }, next: phase("failed"), request: nil),
        Case(name: "no stateful set and the config map version known: create it", phase: phase("afterGet", "statefulSet"),
             configMapVersion: 17, response: { _ in try M.err("get", .objectNotFound) }, next: phase("afterCreate", "statefulSet"),
             request: { cr in
                 try M.api(APIServer.Request.create(namespace: "default", object: objects.statefulSet.make(cr, F.local(steps.phase("initial"), configMapVersion: 17))))
             }),
        Case(name: "no config map version: the stateful set is not made", phase: phase("afterGet", "statefulSet"),
             response: { _ in try M.err("get", .objectNotFound) }, next: phase("failed"), request: nil),
        Case(name: "stateful set owned by this resource: update it", phase: phase("afterGet", "statefulSet"), configMapVersion: 17,
             response: { _ in try M.ok("get", found("statefulSet")) }, next: phase("afterUpdate", "statefulSet"),
             request: { cr in
                 try M.api(APIServer.Request.update(namespace: "default", name: "zk", object: objects.statefulSet.update(
                     cr, F.local(steps.phase("initial"), configMapVersion: 17), found: found("statefulSet"))))
             }),
        Case(name: "stateful set of a namesake resource (another uid): failed", phase: phase("afterGet", "statefulSet"),
             configMapVersion: 17, response: { _ in try M.ok("get", found("statefulSet", owner: 99)) }, next: phase("failed"),
             request: nil),
        Case(name: "stateful set created: zero ready replicas in the status", phase: phase("afterCreate", "statefulSet"),
             configMapVersion: 17, response: { _ in try M.ok("create", found("statefulSet")) }, next: phase("afterUpdateStatus"),
             request: { cr in try statusUpdate(cr, ready: 0) }),
        Case(name: "stateful set updated: its ready replicas in the status", phase: phase("afterUpdate", "statefulSet"),
             configMapVersion: 17, response: { _ in
                 let status = try K8s.status(.statefulSet, .record(K8s.statefulSetStatus, ["replicas": 3, "readyReplicas": .some(2)]))
                 return try M.ok("update", found("statefulSet").with("status", status))
             }, next: phase("afterUpdateStatus"), request: { cr in try statusUpdate(cr, ready: 2) }),
        Case(name: "status written: done", phase: phase("afterUpdateStatus"), configMapVersion: 17,
             response: { cr in try M.ok("updateStatus", cr) }, next: phase("done"), request: nil),
        Case(name: "status refused: failed", phase: phase("afterUpdateStatus"), configMapVersion: 17,
             response: { _ in try M.err("updateStatus", .conflict) }, next: phase("failed"), request: nil),
        Case(name: "done stays done", phase: phase("done"), response: { _ in M.none }, next: phase("done"), request: nil),
        Case(name: "failed stays failed", phase: phase("failed"), response: { _ in try M.zk("createOk") }, next: phase("failed"),
             request: nil),
    ]

    static func statusUpdate(_ cr: Term, ready: Int) throws -> Term {
        let status = try K8s.status(.zookeeperCluster, .record(K8s.zookeeperClusterStatus, ["readyReplicas": .int(ready)]))
        return try M.api(APIServer.Request.updateStatus(namespace: "default", name: "zk", object: cr.with("status", status)))
    }

    static let driver = Result { try ReconcileDriver(ZookeeperReconciler()) }

    @Test(arguments: cases)
    func step(_ c: Case) throws {
        let cr = try F.sample()
        let state = try F.local(c.phase(), configMapVersion: c.configMapVersion)
        let (next, request) = try Self.driver.get().step(resource: cr.evaluate(), response: c.response(cr).evaluate().optionPayload ?? nil,
                                                         state: state.evaluate())
        let version = c.nextConfigMapVersion ?? c.configMapVersion
        #expect(next == (try F.local(c.next(), configMapVersion: version).evaluate()))
        #expect(request == (try c.request?(cr).evaluate()))
    }
}
