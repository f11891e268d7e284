import Controllers
import Testing

/// Every seeded bug makes the ZooKeeper controller wrong in the cluster model, and the correct
/// controller is right in the same situation. Bugs that show on any schedule fail the plain
/// simulation; the others need a situation (a crash at a given point, a user's change, a message
/// held back), set up by a script run against both controllers.
@Suite struct ZookeeperMutantTests {
    typealias Bug = ZookeeperReconciler.Bug
    typealias F = ZookeeperFixture

    /// Bugs that keep the cluster from its desired state on every schedule, without faults.
    static let alwaysWrong: [Bug] = [
        .claimTemplateLabelsFromUserLabels, .selectorFromUserLabels, .getsTheWrongKey, .skipsTheClientService, .wrongReplicas, .omitsTheOwnerReference, .errorTakenForDone,
        .omitsTheConfigMapVersion, .zooCfgIgnoresTheConf,
    ]

    @Test(arguments: alwaysWrong)
    func neverConvergesWithoutFaults(_ bug: Bug) throws {
        let simulation = try ControllerSimulation(ZookeeperController.entry, reconciler: ZookeeperReconciler(bug: bug))
        #expect(try !simulation.run(resource: F.sample(), seed: 3, steps: 600).converged)
    }

    @Test func theCorrectControllerConvergesInTheSameRun() throws {
        #expect(try ControllerSimulation(ZookeeperController.entry).run(resource: F.sample(), seed: 3, steps: 600).converged)
    }

    /// ZK-4, ZK-6, ZK-7: once the first reconcile has made everything, the user relabels the
    /// resource. The correct controller relabels the pods; the mutants never do (the admin server
    /// service's create fails with AlreadyExists; the stateful set's update changes an immutable
    /// field and is invalid). (ZK-6 and ZK-7 are also plainly wrong: their claim templates and
    /// selectors are not the desired ones.)
    @Test(arguments: [nil, .createsTheAdminServiceWithoutGet, .claimTemplateLabelsFromUserLabels, .selectorFromUserLabels] as [Bug?])
    func aLabelChange(_ bug: Bug?) throws {
        var run = try F.scenario(bug, seed: 11, resource: F.sample())
        let stsKey = try K8s.key(.statefulSet, namespace: "default", name: "zk")
        let idle = try run.idle
        try run.run(until: { s in try s["apiServer"]["etcd"].hasKey(stsKey) && idle(s) }, "first reconcile")
        try run.updateResource { spec in try spec.with("labels", .stringMap(["team": "storage"])) }
        let relabelled = try run.keeps { s in
            try s["apiServer"]["etcd"].lookup(stsKey).unwrap(or: .false) { (sts) throws(SortError) in
                try K8s.Object.withSpec(sts, as: .statefulSet, otherwise: .false) { (spec) throws(SortError) in
                    try spec["template"]["labels"] .== Term.stringMap(["team": "storage", "app": "zk"])
                }
            }
        }
        #expect(relabelled == (bug == nil))
    }

    /// ZK-1: a crash after the parent node was created and before the size node; then the user
    /// scales the ensemble. The mutant fails at the parent node forever, so the stateful set is
    /// never scaled.
    @Test(arguments: [nil, .parentNodeAlreadyExistsFails] as [Bug?])
    func aCrashBetweenTheParentAndTheSizeNode(_ bug: Bug?) throws {
        var run = try F.scenario(bug, seed: 12, resource: F.sample())
        let parent = try F.address(["zookeeper-operator"], uid: 0)
        try run.run(until: { s in
            let sts = try s["apiServer"]["etcd"].lookup(K8s.key(.statefulSet, namespace: "default", name: "zk"))
            let parentExists = try sts.unwrap(or: .false) { (sts) throws(SortError) in
                try s["external"].hasKey(parent.with("uid", sts["metadata"]["uid"].unwrap(or: 0) { $0 }))
            }
            let key = try K8s.key(.zookeeperCluster, namespace: "default", name: "zk")
            let atParent = try s["ongoing"].lookup(key).unwrap(or: .false) { (o) throws(SortError) in
                try o["localState"]["phase"].is("afterCreateZKParentNode")
            }
            return try atParent && parentExists
        }, "parent node created before the size node")
        try run.crash()
        try run.updateResource { spec in try spec.with("replicas", 5) }
        #expect(try run.converges() == (bug == nil))
    }

    /// A busy wait: the first get of the stateful set times out. The correct reconcile fails and
    /// the next one makes the ensemble; the mutant's stays in its phase with nothing pending and
    /// never ends (so no reconcile starts after it).
    @Test(arguments: [nil, .waitsInPlaceAfterAFailedGet] as [Bug?])
    func aTimedOutGetOfTheStatefulSet(_ bug: Bug?) throws {
        var run = try F.scenario(bug, seed: 14, resource: F.sample())
        run.scripted.formUnion(["dropRequest", "disableRequestDrop"])
        try run.run(until: run.waiting(in: F.steps.phase("afterExistsStatefulSet")), "first get of the stateful set")
        guard let get = try run.pendingRequest() else { throw Failure("no get in flight") }
        try run.drop(get)
        #expect(try run.converges() == (bug == nil))
        let key = try run.keyTerm, phase = try F.steps.phase("afterExistsStatefulSet")
        let waitsOnNothing = try run.holds { s in
            try s["ongoing"].lookup(key).unwrap(or: .false) { (o) throws(SortError) in
                try o["localState"]["phase"] .== phase && o["pendingRequest"].isNone
            }
        }
        #expect(waitsOnNothing == (bug != nil))
    }

    /// ZK-2 and ZK-3: a write of the size 5 is held in flight across a crash, the user scales
    /// down to 3, and the stale write lands during the next reconcile (ZK-2: between its exists
    /// and its own write, which then fails; ZK-3: after its own write, while the stateful set's
    /// update is pending). The mutants then scale the stateful set down while ZooKeeper says 5.
    @Test(arguments: [(nil, false), (.ignoresTheSetDataResult, false), (nil, true), (.setsDataWithoutVersion, true)] as [(Bug?, Bool)])
    func aStaleSizeWrite(_ bug: Bug?, landsAfterTheNewOne: Bool) throws {
        var run = try F.scenario(bug, seed: 13, resource: F.sample(changingSpec: { spec in try spec.with("replicas", 5) }))
        // The first reconciles create the ensemble and its size node; a later one writes the size.
        try run.run(until: run.waiting(in: F.steps.phase("afterUpdateZKNode")), "write of the size")
        guard let stale = try run.pendingRequest() else { throw Failure("no size write in flight") }
        run.hold(stale)
        try run.crash()
        try run.updateResource { spec in try spec.with("replicas", 3) }
        let next = try landsAfterTheNewOne ? run.waiting(in: F.steps.phase("afterUpdate", F.objects.statefulSet))
            : run.waiting(in: F.steps.phase("afterUpdateZKNode"))
        try run.run(until: next, "next reconcile past its exists")
        if landsAfterTheNewOne {
            let key = try run.keyTerm
            #expect(try run.holds { s in try ZookeeperController.sizeIsPublished(s, key: key) })
        }
        try run.deliver(stale)
        try run.run(until: run.idle, "end of the reconcile")
        #expect(run.safetyBroken == (bug != nil))
    }
}
