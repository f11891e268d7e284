import Controllers

/// Random reconcile steps of a reconciler built on `ManagedSteps`, evaluated concretely (as the
/// runtime runs it) and by Z3 (as the proofs see it): the two interpretations of the one source
/// must agree. Inputs are drawn from the shapes a reconcile meets, and some it should not:
/// every phase of every sub-resource, local states with and without kept resource versions, and
/// answers of every request kind, successful (carrying one of the made objects, sometimes owned by
/// a stranger) or failed with any error.
struct ManagedAgreement {
    let reconciler: any ManagedReconciler
    /// Variants of the custom resource the steps are taken for.
    let resources: [Term]

    /// The steps on which the two interpretations disagree, described (empty when they agree),
    /// after `count` random steps drawn from `seed`.
    func disagreements(count: Int, seed: UInt64) throws -> [String] {
        let driver = try ReconcileDriver(reconciler)
        let prover = try Prover()
        var rng = SplitMix64(state: seed)
        var found: [String] = []
        for _ in 0..<count {
            let cr = rng.pick(resources), (state, phase) = try self.state(&rng)
            let response = try self.response(&rng, cr, waitingIn: phase)
            let (next, request) = try driver.step(resource: cr.evaluate(), response: response.evaluate().optionPayload ?? nil,
                                                  state: state.evaluate())
            let concrete = Value.datatype(reconciler.stepResult, constructor: 0, fields: [next, .option(request, of: reconciler.requestSort)])
            let z3 = try prover.evaluateClosed(reconciler.step(resource: cr, response: response, state: state))
            if z3 != concrete { found.append("state \(try state.evaluate()), response \(try response.evaluate()): Z3 \(z3), evaluator \(concrete)") }
        }
        return found
    }

    /// A local state in any phase (and the phase's name), each kept resource version absent a
    /// third of the time.
    private func state(_ rng: inout SplitMix64) throws -> (Term, String) {
        let steps = reconciler.steps
        let ctor = rng.pick(steps.phase.constructors)
        let phase = try ctor.fields.isEmpty ? steps.phase(ctor.name) : steps.phase(ctor.name, rng.pick(steps.resources))
        var local = try steps.localState(phase: phase)
        for field in steps.resources.compactMap(\.resourceVersionField) where rng.below(3) != 0 {
            local = try local.with(field, .some(.int(1 + rng.below(20))))
        }
        return (local, ctor.name)
    }

    /// No answer, an error of any kind, or a success carrying one of the objects made for `cr`
    /// (stored, sometimes owned by another resource, sometimes with a status); half the time to
    /// the kind of request the phase `phase` waits for.
    private func response(_ rng: inout SplitMix64, _ cr: Term, waitingIn phase: String) throws -> Term {
        let external = reconciler.steps.external
        let expected = ["afterCreate": "create", "afterUpdate": "update"][phase] ?? "get"
        let kind = rng.below(2) == 0 ? expected : rng.pick(["get", "create", "update", "updateStatus"])
        switch rng.below(5) {
        case 0: return .none(.datatype(external.controllerResponse))
        case 1:
            return try .some(external.apiResponse(.construct(APIServer.response, kind, [
                .construct(APIServer.objectResult, "err", [rng.pick(APIServer.ErrorCode.allCases).term]),
            ])))
        default:
            var local = try reconciler.initialState
            for field in reconciler.steps.resources.compactMap(\.resourceVersionField) { local = try local.with(field, .some(4)) }
            var object = try rng.pick(reconciler.steps.resources).make(cr, local)
            object = try object.with("metadata", object["metadata"].with("resourceVersion", .some(.int(1 + rng.below(30))))
                .with("uid", .some(.int(10 + rng.below(5)))))
            if rng.below(3) == 0 {
                let stranger = try K8s.ownerRef(kind: cr["kind"], name: ManagedResource.name(cr), uid: 99)
                object = try object.with("metadata", object["metadata"].with("ownerReferences", .seq([stranger], of: .datatype(K8s.ownerReference))))
            }
            if rng.below(4) == 0 {
                object = try object.with("status", K8s.status(.statefulSet, .record(K8s.statefulSetStatus, ["replicas": 3, "readyReplicas": .some(2)])))
            }
            return try .some(external.apiResponse(.construct(APIServer.response, kind, [.construct(APIServer.objectResult, "ok", [object])])))
        }
    }
}
