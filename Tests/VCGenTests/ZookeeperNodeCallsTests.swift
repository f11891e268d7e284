import ClusterModel
import Controllers
import Logic
@testable import Proofs
import Testing

/// ZooKeeper's own phases along phase M's chain (`ZookeeperESR.nodeCalls`) say what a run does:
/// along fault-free random runs of the controller on its sample resource, whenever its reconcile
/// is at one of them, the pending request in flight satisfies the phase's `waiting`, an answer to
/// it in flight satisfies `answered`, and the four objects before are made. Each phase is met.
/// (What Z3 is to prove for every run; a wrong description is cheaper to find here.) A seeded bug
/// that writes the size without the node's version breaks the description.
@Suite struct ZookeeperNodeCallsTests {
    @Test(arguments: 0..<2)
    func theNodeCallsDescribeFaultFreeRuns(seed: Int) throws {
        let (violations, seen) = try Self.check(ZookeeperReconciler(), seed: seed)
        #expect(violations.isEmpty, "\(violations.prefix(3))")
        // A new ensemble takes the not-found path; the next reconciles create the node, then set it.
        #expect(seen == Set(ZookeeperESR.nodeCalls.phases.map(\.name)), "phases met: \(seen.sorted())")
    }

    @Test func setDataWithoutTheVersionBreaksTheDescription() throws {
        let (violations, _) = try Self.check(ZookeeperReconciler(bug: .setsDataWithoutVersion), seed: 0)
        #expect(violations.contains { $0.hasPrefix("afterUpdateZKNode: waiting") }, "\(violations.prefix(3))")
    }

    /// The phases met along a fault-free run of `reconciler` from `seed`, and each state where a
    /// phase's description did not hold.
    static func check(_ reconciler: ZookeeperReconciler, seed: Int) throws -> (violations: [String], seen: Set<String>) {
        let entry = ZookeeperController.entry
        let simulation = try ControllerSimulation(entry, reconciler: reconciler)
        let model = simulation.model
        let resource = try KubernetesYAML.object(entry.sampleYAML, kind: .zookeeperCluster)
        var (sim, key) = try simulation.start(resource: resource, seed: UInt64(seed))

        let state = Variable.state(model.stateSort), message = Variable("x", model.network.messageSort), cr = ManagedObject.cr
        let s = state.term, x = message.term
        let crKey = try ZookeeperESR.objects[0].crKey
        let predicates = try ZookeeperESR.esr.predicates(model)
        let madeBefore = try Term.and(predicates.each.prefix(4).map { (q) throws(SortError) in try q.made(s) })
        // For each own phase: (at it, x pending) ⇒ waiting ∧ made before; (at it, x answers the pending request) ⇒ answered.
        var checks: [(phase: String, waits: Term, answers: Term, at: Term)] = []
        for phase in ZookeeperESR.nodeCalls.phases {
            func atPhase(_ body: @escaping (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
                try s["ongoing"].lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in
                    try ZookeeperESR.esrPhases.isAt(o["localState"], phase.name) && body(o["localState"], o["pendingRequest"])
                }
            }
            let at = try atPhase { (_, _) throws(SortError) in .true }
            let waits = try atPhase { (_, pending) throws(SortError) in try pending .== .some(x) }
                ==> (phase.waiting(model, s, cr.term, x) && madeBefore)
            let answers = try atPhase { (_, pending) throws(SortError) in
                try pending.unwrap(or: .false) { (q) throws(SortError) in try model.network.isResponse(x, to: q) }
            } ==> phase.answered(model, s, cr.term, x)
            checks.append((phase.name, waits, answers, at))
        }

        var seen: Set<String> = [], violations: [String] = []
        for _ in 0..<1_500 {
            guard try sim.step() != nil else { break }
            let clusterState = sim.state
            guard let stored = try sim.read({ s in try s["apiServer"]["etcd"].lookup(Term.literal(key, sort: .datatype(K8s.objectKey))) })
                .optionPayload ?? nil else { continue }
            guard case .set(let inFlight, false) = try sim.read({ try $0["network"] }) else { continue }
            let binding: [Variable: Value] = [state: clusterState, cr: stored]
            for check in checks where try check.at.evaluate(binding) == .bool(true) {
                seen.insert(check.phase)
                for m in inFlight {
                    var withMessage = binding
                    withMessage[message] = m
                    if try check.waits.evaluate(withMessage) != .bool(true) { violations.append("\(check.phase): waiting on \(m)") }
                    if try check.answers.evaluate(withMessage) != .bool(true) { violations.append("\(check.phase): answered by \(m)") }
                }
            }
        }
        return (violations, seen)
    }
}
