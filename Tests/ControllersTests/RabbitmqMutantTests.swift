import Controllers
import Testing

/// Every seeded bug makes the RabbitMQ controller wrong in the cluster model, and the correct
/// controller is right in the same situation. Bugs that show on any schedule fail the plain
/// simulation; the others need a situation (a user's change, a second resource, a resource
/// deleted and made again), set up by a script run against both controllers.
@Suite struct RabbitmqMutantTests {
    typealias Bug = RabbitmqReconciler.Bug
    typealias F = RabbitmqFixture

    /// Bugs that keep the cluster from its desired state on every schedule, without faults.
    static let alwaysWrong: [Bug] = [
        .skipsTheDefaultUserSecret, .wrongPluginsData, .userConfigurationIgnored, .wrongReplicas, .omitsTheOwnerReference,
        .errorTakenForDone, .omitsTheConfigMapVersion,
    ]

    @Test(arguments: alwaysWrong)
    func neverConvergesWithoutFaults(_ bug: Bug) throws {
        let simulation = try ControllerSimulation(RabbitmqController.entry, reconciler: RabbitmqReconciler(bug: bug))
        #expect(try !simulation.run(resource: F.sample(), seed: 3, steps: 600).converged)
    }

    @Test func theCorrectControllerConvergesInTheSameRun() throws {
        #expect(try ControllerSimulation(RabbitmqController.entry).run(resource: F.sample(), seed: 3, steps: 600).converged)
    }

    /// The bugs the script must show are exactly the others.
    @Test func everyBugIsShown() {
        let scripted: [Bug] = [.updatesAStatefulSetItDoesNotOwn, .clientServiceNamedLikeTheResource, .rewritesTheWholeServiceSpec,
                               .createsThePluginsConfigMapWithoutGet]
        #expect(Set(Self.alwaysWrong + scripted) == Set(Bug.allCases) && Self.alwaysWrong.count + scripted.count == Bug.allCases.count)
    }

    /// RMQ-3 and ZK-4's shape: once the first reconcile has made everything, the user scales the
    /// cluster up. The correct controller scales the stateful set; the mutants never reach it
    /// again (the client service's update changes its cluster IP and is invalid; the plugins
    /// config map's create meets AlreadyExists).
    @Test(arguments: [nil, .rewritesTheWholeServiceSpec, .createsThePluginsConfigMapWithoutGet] as [Bug?])
    func aScaleUp(_ bug: Bug?) throws {
        var run = try F.scenario(bug, seed: 11, resource: F.sample())
        try run.runUntilDesired()
        try run.run(until: run.idle, "end of the first reconcile")
        try run.updateResource { spec in try spec.with("replicas", 5) }
        #expect(try run.converges() == (bug == nil))
    }

    /// RMQ-2: two resources, `rabbit` and `rabbit-nodes`. With the mutant, the client service of
    /// `rabbit-nodes` is the headless service of `rabbit`, the two reconciles rewrite it in turn,
    /// and the two desired states never hold together for long; without it, both do.
    @Test(arguments: [nil, .clientServiceNamedLikeTheResource] as [Bug?])
    func twoResourcesWhoseObjectsCollide(_ bug: Bug?) throws {
        var run = try F.scenario(bug, seed: 12, resource: F.sample())
        let second = try KubernetesYAML.object(RabbitmqController.sampleYAML.replacingOccurrences(of: "name: rabbit\n", with: "name: rabbit-nodes\n"),
                                               kind: .rabbitmqCluster)
        try run.createResource(second)
        let keys = try ["rabbit", "rabbit-nodes"].map { try K8s.key(.rabbitmqCluster, namespace: "default", name: .string($0)) }
        let bothMatch: (Term) throws -> Term = { s in
            try .and(keys.map { (key) throws(SortError) in
                try s["apiServer"]["etcd"].lookup(key).unwrap(or: .false) { (cr) throws(SortError) in
                    do { return try RabbitmqController.matches(s, cr) } catch let e as SortError { throw e } catch { throw SortError("\(error)") }
                }
            })
        }
        #expect(try run.keeps(bothMatch, steps: 1_500) == (bug == nil))
    }

    /// RMQ-1: the resource is deleted and made again with fewer replicas before the garbage
    /// collector has removed the old stateful set. The mutant takes the old stateful set over and
    /// scales it down (breaking `RabbitmqController.neverScalesDown`); the correct controller
    /// waits for the collector, then makes a new one, and reaches the new desired state.
    @Test(arguments: [nil, .updatesAStatefulSetItDoesNotOwn] as [Bug?])
    func aNamesakeResourceWithFewerReplicas(_ bug: Bug?) throws {
        var run = try F.scenario(bug, seed: 13, resource: F.sample())
        try run.runUntilDesired()
        try run.run(until: run.idle, "end of the first reconcile")
        run.scripted.insert("garbageCollect")
        try run.deleteResource()
        try run.createResource(KubernetesYAML.object(RabbitmqController.sampleYAML.replacingOccurrences(of: "replicas: 3", with: "replicas: 1"),
                                                     kind: .rabbitmqCluster))
        try run.run(steps: 800)
        run.scripted.remove("garbageCollect")
        let converged = try run.converges(steps: 1_500)
        #expect(run.safetyBroken == (bug != nil))
        if bug == nil { #expect(converged) }
    }
}
