import Controllers
import Testing

/// The cluster running the ZooKeeper controller, as the proofs will see it: Z3 proves a step-level
/// fact of its reconcile action (the obligation every invariant proof has for that action).
@Suite struct ZookeeperClusterProverTests {
    /// A reconcile step never leaves a reconcile past the config map without the config map's
    /// resource version: the phases from `afterExistsStatefulSet` on keep it once it is set.
    @Test func theConfigMapVersionIsKeptPastTheConfigMap() throws {
        let model = try ClusterModel(reconciler: ZookeeperReconciler(), resourceKind: .zookeeperCluster, external: ZookeeperAPI.system)
        let action = try model.machine.action("continueReconcile")
        let s = Variable.state(model.stateSort)
        let key = action.inputs[0].term
        func versioned(_ state: Term) throws(SortError) -> Term {
            try state["ongoing"].lookup(key).unwrap(or: .true) { (o) throws(SortError) in
                let local = try o["localState"]
                let pastTheConfigMap = try Term.or(["afterExistsStatefulSet", "afterExistsZKNode", "afterCreateZKParentNode",
                                                "afterCreateZKNode", "afterUpdateZKNode"].map { (p) throws(SortError) in
                    try local["phase"].is(p)
                })
                return try pastTheConfigMap ==> local[ZookeeperObjects.configMapVersionField].isSome
            }
        }
        let next = action.effectTerm
        let goal = try (action.guardTerm && versioned(s.term)) ==> versioned(next)
        let result = try Prover().checkValid(goal)
        #expect(result.verdict.isProved, "\(result.verdict)")
    }
}
