import Controllers
import Testing

/// Facts about the generated steps of every controller built on `ManagedSteps` that Z3 proves for
/// every custom resource and local state (the proofs' raw material), for each managed object:
/// checked here so that a change making the step terms hard for Z3 shows up at once.
@Suite struct ManagedSymbolicTests {
    static let reconcilers: [String: any ManagedReconciler] = [
        "zookeeper": ZookeeperReconciler(), "rabbitmq": RabbitmqReconciler(), "fluentbit": FluentBitReconciler(),
        "fluentbitconfig": FluentBitConfigReconciler(),
    ]

    struct Object: CustomTestStringConvertible, Sendable {
        let controller: String, id: String
        var testDescription: String { "\(controller) \(id)" }
    }
    static let objects = reconcilers.sorted { $0.key < $1.key }.flatMap { (name, r) in r.steps.resources.map { Object(controller: name, id: $0.id) } }

    /// From `afterGet(r)`, a not-found answer creates exactly the made object (when the local
    /// state allows it).
    @Test(arguments: objects)
    func notFoundCreatesTheMadeObject(_ o: Object) throws {
        let reconciler = try #require(Self.reconcilers[o.controller]), steps = reconciler.steps
        let resource = try steps.resource(o.id)
        let cr = Variable("cr", reconciler.resourceSort), local = Variable("local", steps.localSort)
        let state = try local.term.with("phase", steps.phase("afterGet", resource))
        let response = try Term.some(steps.external.apiResponse(.construct(APIServer.response, "get", [
            .construct(APIServer.objectResult, "err", [APIServer.ErrorCode.objectNotFound.term]),
        ])))
        let step = try reconciler.step(resource: cr.term, response: response, state: state)
        let create = try steps.external.apiRequest(APIServer.Request.create(namespace: ManagedResource.namespace(cr.term),
                                                                              object: resource.make(cr.term, state)))
        let goal = try resource.requires(state) ==> (step["request"] .== .some(create)
            && step["state"]["phase"] .== steps.phase("afterCreate", resource))
        let result = try Prover().checkValid(goal)
        #expect(result.verdict.isProved, "\(result.verdict)")
    }

    /// An update makes any found object of the kind match the desired state, provided the spec
    /// fields the update keeps as found (neither overwritten nor ignored) are already the made
    /// ones: for a stateful set, exactly what Kubernetes lets no update change; for RabbitMQ's
    /// Erlang cookie, the cookie (which only the controller writes, always the same).
    @Test(arguments: objects)
    func anUpdateMakesTheFoundObjectMatch(_ o: Object) throws {
        let reconciler = try #require(Self.reconcilers[o.controller]), steps = reconciler.steps
        let resource = try steps.resource(o.id)
        let cr = Variable("cr", reconciler.resourceSort), local = Variable("local", steps.localSort)
        let found = Variable("found", .datatype(K8s.object))
        let made = try resource.make(cr.term, local.term)
        let kept = resource.kind.specDecl.constructors[0].fields.map(\.name).filter {
            !resource.managedSpecFields.contains($0) && !resource.ignoredSpecFields.contains($0)
        }
        let keptAsMade = try K8s.Object.withSpec(found.term, as: resource.kind, otherwise: .false) { (foundSpec) throws(SortError) in
            try K8s.Object.withSpec(made, as: resource.kind, otherwise: .false) { (madeSpec) throws(SortError) in
                try .and(kept.map { (field) throws(SortError) in try foundSpec[field] .== madeSpec[field] })
            }
        }
        let goal = try keptAsMade ==> resource.matches(cr.term, local.term, stored: resource.update(cr.term, local.term, found: found.term))
        let result = try Prover().checkValid(goal)
        #expect(result.verdict.isProved, "\(result.verdict)")
    }
}
