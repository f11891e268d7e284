import Controllers
import Testing

/// The ZooKeeper reconcile step (and the ZooKeeper API) evaluated concretely equals the same
/// closed terms evaluated by Z3, on random inputs: the two interpretations of the one source agree.
@Suite struct ZookeeperAgreementTests {
    typealias F = ZookeeperFixture
    typealias M = ZookeeperMessages

    /// Random inputs from the shapes the reconcile meets (and some it should not).
    struct Inputs {
        var rng: SplitMix64
        let steps = F.reconciler.steps

        mutating func resource() throws -> Term {
            let replicas = 3 + rng.below(4), enabled = rng.below(2) == 0, uid = 1 + rng.below(3)
            let labels = try rng.pick([Term.stringMap([:]), .stringMap(["team": "data"]), .stringMap(["app": "x", "tier": "db"])])
            let name = rng.pick(["zk", "a"])
            let cr = try F.sample(changingSpec: { spec in
                try spec.with("replicas", .int(replicas)).with("labels", labels)
                    .with("persistence", spec["persistence"].with("enabled", .bool(enabled)))
            })
            return try cr.with("metadata", cr["metadata"].with("uid", .some(.int(uid))).with("name", .some(.string(name))))
        }

        mutating func state() throws -> Term {
            let p = rng.below(steps.phase.constructors.count)
            let ctor = steps.phase.constructors[p]
            let phase = try ctor.fields.isEmpty ? steps.phase(ctor.name)
                : steps.phase(ctor.name, rng.pick(steps.resources))
            return try F.local(phase, configMapVersion: rng.below(3) == 0 ? nil : 1 + rng.below(20))
        }

        /// A response; half the time of the kind the phase `phase` waits for.
        mutating func response(_ cr: Term, phase: String) throws -> Term {
            let resource = rng.pick(steps.resources)
            var object = try F.stored(resource.make(cr, F.local(steps.phase("initial"), configMapVersion: 4)),
                                      rv: 1 + rng.below(30), uid: 10 + rng.below(5))
            if rng.below(3) == 0 {
                let stranger = try K8s.ownerRef(kind: K8s.Kind.zookeeperCluster.term, name: "zk", uid: 99)
                object = try object.with("metadata", object["metadata"].with("ownerReferences", .seq([stranger], of: .datatype(K8s.ownerReference))))
            }
            if rng.below(3) == 0 {
                object = try object.with("status", K8s.status(.statefulSet, .record(K8s.statefulSetStatus, [
                    "replicas": 3, "readyReplicas": rng.below(2) == 0 ? .none(.int) : .some(.int(rng.below(4))),
                ])))
            }
            let expected = ["afterGet": "get", "afterExistsStatefulSet": "get", "afterCreate": "create", "afterUpdate": "update",
                            "afterUpdateStatus": "updateStatus"][phase]
            let waitsForZookeeper = phase.hasSuffix("ZKNode") || phase.hasSuffix("ZKParentNode")
            let fitting = rng.below(2) == 0
            let kind = fitting ? expected ?? "get" : rng.pick(["get", "create", "update", "updateStatus"])
            switch fitting ? (waitsForZookeeper ? 4 + rng.below(2) : 1 + rng.below(3)) : rng.below(6) {
            case 0: return M.none
            case 1: return try M.err(kind, rng.pick(APIServer.ErrorCode.allCases))
            case 2, 3: return try M.ok(kind, object)
            case 4: return try M.zkFailed(rng.pick(ZookeeperAPI.error.constructors).name)
            default:
                return try rng.pick([M.zk("existsOk", [.none(.int)]), M.zk("existsOk", [.some(.int(rng.below(5)))]),
                                     M.zk("createOk"), M.zk("setDataOk")])
            }
        }
    }

    @Test(arguments: [nil] + ZookeeperReconciler.Bug.allCases.map(Optional.some))
    func bothInterpretationsAgreeOnRandomSteps(_ bug: ZookeeperReconciler.Bug?) throws {
        let reconciler = ZookeeperReconciler(bug: bug)
        let driver = try ReconcileDriver(reconciler)
        let prover = try Prover()
        var inputs = Inputs(rng: SplitMix64(state: 0x2C00 + UInt64(bug.map { ZookeeperReconciler.Bug.allCases.firstIndex(of: $0)! + 1 } ?? 0)))
        for _ in 0..<(bug == nil ? 48 : 12) {
            let cr = try inputs.resource(), state = try inputs.state()
            guard case .datatype(_, _, let fields) = try state.evaluate(), case .datatype(let d, let c, _) = fields[0] else {
                throw Failure("the local state is not a record with a phase")
            }
            let response = try inputs.response(cr, phase: d.constructors[c].name)
            let (next, request) = try driver.step(resource: cr.evaluate(), response: response.evaluate().optionPayload ?? nil,
                                                  state: state.evaluate())
            let concrete = Value.datatype(reconciler.stepResult, constructor: 0,
                                          fields: [next, .option(request, of: reconciler.requestSort)])
            let z3 = try prover.evaluateClosed(reconciler.step(resource: cr, response: response, state: state))
            let inputsText = "state \(try state.evaluate()), response \(try response.evaluate())"
            #expect(z3 == concrete, "\(inputsText)")
        }
    }

    @Test func theZookeeperAPIAgreesOnRandomRequests() throws {
        let prover = try Prover()
        var rng = SplitMix64(state: 0x2C2C)
        let paths: [[String]] = [[], ["zookeeper-operator"], ["zookeeper-operator", "zk"], ["zookeeper-operator", "zk", "x"],
                                 ["a", "b", "c", "d"], ["other", "zk"]]
        for _ in 0..<40 {
            let path = try Term.seq(rng.pick(paths).map(Term.string), of: .string)
            let request = try rng.pick([
                ZookeeperAPI.exists(name: "zk", namespace: "default", path: path),
                ZookeeperAPI.create(name: "zk", namespace: "default", path: path, data: "d"),
                ZookeeperAPI.setData(name: "zk", namespace: "default", path: path, data: "e", version: .int(rng.below(4) - 1)),
            ])
            let nodes = try F.nodes(paths.filter { _ in rng.below(2) == 0 }.map { ($0, "x", rng.below(3)) }, uid: rng.pick([5, 6]))
            let etcd = try F.etcd(rng.pick([F.runningEnsemble(), F.runningEnsemble(replicas: 0), [F.runningEnsemble()[1]],
                                            F.runningEnsemble(zooCfg: "x")]))
            let outcome = ZookeeperAPI.system.transition(request: request, state: nodes, etcd: etcd)
            let requestText = "request \(try request.evaluate())"
            #expect(try prover.evaluateClosed(outcome) == outcome.evaluate(), "\(requestText)")
        }
    }
}
