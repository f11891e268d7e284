import ClusterModel
import Controllers
import Logic
@testable import Proofs
import Testing

/// The rank `ReconcilePhases(managedSteps:)` gives a `ManagedSteps` reconcile (what `reconcileEnds`
/// inducts on): every step of the walk through the resources lowers it, and it is 0 exactly at the end.
@Suite struct ReconcilePhasesTests {
    static let reconcilers: [String: any ManagedReconciler] = [
        "rabbitmq": RabbitmqReconciler(), "fluentbitconfig": FluentBitConfigReconciler(), "fluentbit": FluentBitReconciler(),
        "zookeeper": ZookeeperReconciler(),
    ]
    /// The controller's own phases and the resources, in the order a reconcile passes them (by
    /// default the resources alone).
    static let order: [String: [String]] = [
        "fluentbit": ["afterGetSecret"] + FluentBitReconciler().steps.resources.map(\.id),
        "zookeeper": ["headlessService", "clientService", "adminServerService", "configMap", "afterExistsStatefulSet",
                      "afterExistsZKNode", "afterCreateZKParentNode", "afterCreateZKNode", "afterUpdateZKNode", "statefulSet",
                      "afterUpdateStatus"],
    ]

    /// The rank of the local state at `phase`, evaluated.
    static func rank(_ phases: ReconcilePhases, _ steps: ManagedSteps, _ phase: Term) throws -> Int {
        guard case .int(let n) = try phases.rank(steps.localState(phase: phase)).evaluate() else {
            throw SortError("the rank is not an integer")
        }
        return n
    }

    /// initial, then along the order each controller phase, and per resource afterGet and
    /// afterCreate or afterUpdate, then done: the ranks fall strictly from `maxRank` to 0, and
    /// failed is 0.
    @Test(arguments: reconcilers.keys.sorted())
    func everyStepLowersTheRank(_ name: String) throws {
        let steps = try #require(Self.reconcilers[name]).steps
        let order = Self.order[name]
        let phases = ReconcilePhases(managedSteps: steps, order: order)
        var walk = [try steps.phase("initial")]
        for slot in order ?? steps.resources.map(\.id) {
            guard let resource = steps.resources.first(where: { $0.id == slot }) else {
                walk.append(try steps.phase(slot))
                continue
            }
            walk.append(try steps.phase("afterGet", resource))
            walk.append(try steps.phase(resource.id == steps.resources.first?.id ? "afterCreate" : "afterUpdate", resource))
        }
        walk.append(try steps.phase("done"))
        let ranks = try walk.map { try Self.rank(phases, steps, $0) }
        #expect(ranks.first == phases.maxRank)
        #expect(ranks.last == 0)
        #expect(zip(ranks, ranks.dropFirst()).allSatisfy { $0 > $1 }, "\(ranks)")
        #expect(try Self.rank(phases, steps, steps.phase("failed")) == 0)
        for resource in steps.resources {
            #expect(try Self.rank(phases, steps, steps.phase("afterCreate", resource))
                == Self.rank(phases, steps, steps.phase("afterUpdate", resource)))
        }
    }

    /// Split by phase, a reconcile step has one case per phase: each phase without a payload
    /// (initial, afterGetSecret, done, failed) once, afterGet, afterCreate and afterUpdate once per
    /// resource; unsplit, none.
    @Test func stepsSplitByEveryPhase() throws {
        let steps = FluentBitReconciler().steps
        let phases = ReconcilePhases(managedSteps: steps, before: ["afterGetSecret"], splitSteps: true)
        #expect(phases.phaseValues.count == 4 + 3 * steps.resources.count)
        let distinct = Set(try phases.phaseValues.map { "\(try $0.evaluate())" })
        #expect(distinct.count == phases.phaseValues.count)
        #expect(ReconcilePhases(managedSteps: steps, before: ["afterGetSecret"]).phaseValues.isEmpty)
    }

    /// The controller's own phases are kept in order, and a local state is at one exactly when
    /// its phase is that one (whatever the payload of another).
    @Test func theControllersOwnPhasesAreRecognised() throws {
        let steps = FluentBitReconciler().steps
        let phases = ReconcilePhases(managedSteps: steps, before: ["afterGetSecret"])
        #expect(phases.before == ["afterGetSecret"])
        for phase in try [steps.phase("initial"), steps.phase("afterGetSecret"), steps.phase("afterGet", steps.resources[0])] {
            let at = try phases.isAt(steps.localState(phase: phase), "afterGetSecret").evaluate()
            #expect(at == .bool(try phase.evaluate() == steps.phase("afterGetSecret").evaluate()))
        }
    }

    /// A controller phase of its own (ZooKeeper's) left out of the order has no rank: building one
    /// is an error naming it.
    @Test func aControllerPhaseHasNoRank() throws {
        let steps = ZookeeperReconciler().steps
        let phases = ReconcilePhases(managedSteps: steps)
        #expect {
            _ = try phases.rank(steps.localState(phase: steps.phase("initial")))
        } throws: { error in
            "\(error)".contains("no rank for the controller phase")
        }
    }
}
