import ClusterModel
import VCGen

/// Anvil's phase VII: the built-in controllers' status writes of a managed object stop
/// interfering. A status write changes the object's resource version, so a reconcile that got
/// the object before it updates it with a stale version, and the update conflicts.
extension ManagedObjectsESR {
    /// The kinds whose status the built-in controllers write (`writeBuiltinStatus`).
    static let builtinStatusKinds: [K8s.Kind] = [.statefulSet, .daemonSet]

    /// No status write of the object by the built-in controllers is in flight, or only ones with
    /// rpc ids below `below`. (A reconcile's writes are the ownership invariant's business: it
    /// writes only the status of its resource. Told apart by their source, a step of a reconcile
    /// keeps this at once, whatever it sends.)
    func noStatusWrite(_ p: ManagedObjectPredicates, _ s: Term, below n: Term? = nil) throws(SortError) -> Term {
        let key = try p.key
        return try p.model.everyInFlight(s) { (m) throws(SortError) in
            let old = try n.map { (n) throws(SortError) in try m["rpcId"] < n } ?? .false
            return try m["source"] .== Network.builtinController ==> p.model.onAPIRequest(m) { (r) throws(SortError) in
                try .match(r) { (ctor, f) throws(SortError) in
                    ctor == "updateStatus" ? try (f[0] .== key["namespace"] && f[1] .== key["name"] && f[2]["kind"] .== key["kind"]) ==> old : .true
                }
            }
        }
    }

    /// The object is absent or made, or stable (its status no longer written) with no status
    /// write of it in flight (with `below`: none from rpc id n on).
    func statusSettled(_ p: ManagedObjectPredicates, _ s: Term, below n: Term? = nil) throws(SortError) -> Term {
        let key = try p.key
        return try p.stored(s, absent: .true) { (o) throws(SortError) in
            try p.object.isMade(o) || (s["stableKeys"].contains(key) && noStatusWrite(p, s, below: n))
        }
    }

    /// Phase VII's predicate for one object: absent, made, or stable with no status write in flight.
    func statusWritesStopped(_ p: ManagedObjectPredicates, _ proof: ClusterProof) throws -> StatePred {
        try proof.predicate("\(p.object.noun) absent, made, or stable with no status write in flight") { (s) throws(SortError) in
            try statusSettled(p, s)
        }
    }

    /// The case of the API server's step on a reconcile's update.
    static let controllerUpdate = "sender=controller update"

    /// Phase VII for one object: `spec ⊨ true ~> □(absent ∨ made ∨ (stable ∧ no status write in
    /// flight))`. An object that is neither absent nor made becomes stable (`stabilize` is fair);
    /// once absent, made or stable at rpc id counter n, it stays so, with every status write of it
    /// in flight older than n (a stable object's status is not written, and only cr's reconcile
    /// writes it, always made); and the writes older than n are flushed out. `updates` are what
    /// the step on a reconcile's update needs besides `writers` (that a found object keeps the
    /// fields its owner fixes), given to that case only.
    func statusWritesStop(_ p: ManagedObjectPredicates, _ proof: ClusterProof, _ spec: Spec, writers: [Fact], updates: [Fact],
                          flush: [Fact], splits: [CaseSplit]) throws -> Fact {
        let key = try p.key, steps = proof.steps
        let settled = try proof.predicate("\(p.object.noun) absent, made or stable") { (s) throws(SortError) in
            try p.stored(s, absent: .true) { (o) throws(SortError) in try p.object.isMade(o) || s["stableKeys"].contains(key) }
        }
        let goal = try statusWritesStopped(p, proof)
        let stabilize = try proof.wf1(!settled, settled, by: "stabilize", [key], in: spec, using: [])
        let toSettled = try steps.weaken(Rules.orLeadsTo(stabilize, Rules.leadsToSelf(.lift(settled), under: spec.formula)),
                                         from: .true, to: .lift(settled), using: [])
        let settledForGood = try proof.onceOldRequestsAreGone(goal, fresh: { (n, s) throws(SortError) in try statusSettled(p, s, below: n) },
                                                              once: settled, in: spec, using: writers,
                                                              instances: updates.map { InstancedFact($0, at: [], inCasesThrough: [Self.controllerUpdate]) },
                                                              splits: splits, flush: flush)
        return try Rules.leadsToTrans(toSettled, settledForGood)
    }
}
