import Controllers
import Testing

/// Facts about the ZooKeeper reconcile that Z3 proves for every custom resource and local state
/// (the proofs' raw material), checked here so that a change making the step terms hard for Z3
/// shows up at once.
@Suite struct ZookeeperSymbolicTests {
    static let reconciler = ZookeeperReconciler()
    static let steps = reconciler.steps

    /// From `afterGet(r)`, a not-found answer creates exactly the made object (when the local
    /// state allows it), for every managed resource.
    @Test(arguments: ["headlessService", "clientService", "adminServerService", "configMap", "statefulSet"])
    func notFoundCreatesTheMadeObject(_ id: String) throws {
        let resource = try Self.steps.resource(id)
        let cr = Variable("cr", Self.reconciler.resourceSort), local = Variable("local", Self.steps.localSort)
        let state = try local.term.with("phase", Self.steps.phase("afterGet", resource))
        let response = try ZookeeperMessages.err("get", .objectNotFound)
        let step = try Self.reconciler.step(resource: cr.term, response: response, state: state)
        let create = try ZookeeperAPI.system.apiRequest(APIServer.Request.create(namespace: ManagedResource.namespace(cr.term),
                                                                                   object: resource.make(cr.term, state)))
        let goal = try resource.requires(state) ==> (step["request"] .== .some(create)
            && step["state"]["phase"] .== Self.steps.phase("afterCreate", resource))
        let result = try Prover().checkValid(goal)
        #expect(result.verdict.isProved, "\(result.verdict)")
    }

    /// An update makes any found object of the kind match the desired state, provided Kubernetes
    /// would let the found object become the made one (for the stateful set: its immutable fields
    /// are the made ones; for the others, always).
    @Test(arguments: ["headlessService", "clientService", "adminServerService", "configMap", "statefulSet"])
    func anUpdateMakesTheFoundObjectMatch(_ id: String) throws {
        let resource = try Self.steps.resource(id)
        let cr = Variable("cr", Self.reconciler.resourceSort), local = Variable("local", Self.steps.localSort)
        let found = Variable("found", .datatype(K8s.object))
        let ofTheKind = try found.term["spec"].is(resource.kind.rawValue)
        let goal = try (ofTheKind && K8s.transitionIsValid(old: found.term, new: resource.make(cr.term, local.term)))
            ==> resource.matches(cr.term, local.term, stored: resource.update(cr.term, local.term, found: found.term))
        let result = try Prover().checkValid(goal)
        #expect(result.verdict.isProved, "\(result.verdict)")
    }
}
