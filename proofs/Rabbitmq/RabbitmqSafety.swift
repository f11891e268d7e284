import ClusterModel
import Controllers
import VCGen

/// What the RabbitMQ controller's scale-down safety is made of (Anvil's RabbitMQ safety theorem):
/// for every RabbitmqCluster key `k`, `init ∧ □next ⊨ □[neverScalesDown(k)]`, no fairness needed.
/// The argument, as Anvil's: a resource's replicas only grow (transition validation), so each
/// reconcile's copy asks for at most what its newer copies ask for (`copiesOnlyGrow`); every
/// stateful set stored, sent or answered asks for at most what its owner's copies ask for
/// (`statefulSetsSentWithinTheirOwners`, `statefulSetsStoredWithinTheirOwners`: the controller writes its resource's replicas, and updates
/// only a stateful set its resource owns); so an update made from a found stateful set that is
/// still stored at the version found asks for at least its replicas (`updatesAtTheStoredVersionGrow`);
/// and a stateful set changes only through an update at the stored version.
enum RabbitmqSafety {
    typealias I = ClusterInvariants
    static let resourceKind = K8s.Kind.rabbitmqCluster

    /// The replicas a RabbitmqCluster asks for.
    static func asked(_ cr: Term) throws(SortError) -> Term { try RabbitmqObjects.spec(cr)["replicas"] }

    /// A stateful set's replicas as Kubernetes reads them (unset: 1), as `neverScalesDown` does.
    static func replicas(_ sts: Term) throws(SortError) -> Term {
        try K8s.Object.withSpec(sts, as: .statefulSet, otherwise: 1) { (spec) throws(SortError) in try spec["replicas"].unwrap(or: 1) { $0 } }
    }

    /// An object's uid (an `Option<Int>`).
    static func uid(_ o: Term) throws(SortError) -> Term { try o["metadata"]["uid"] }

    /// `newer`, if some copy of a resource with `uid` (an `Option<Int>`), asks for at least `n` replicas.
    static func asksForAtLeast(_ n: Term, _ newer: Term, uid: Term) throws(SortError) -> Term {
        try newer.unwrap(or: .true) { (c) throws(SortError) in try Self.uid(c) .== uid ==> n <= asked(c) }
    }

    /// A reconcile's copy of its resource has a uid below the counter, and asks for at most the
    /// replicas its newer copies under its key ask for (the scheduled one, the stored one) when they
    /// have its uid. A scheduled copy is taken from etcd, a running one from the schedule, and a
    /// stored resource's replicas never decrease.
    ///     □(∀k. sched[k] ≤ etcd[k] ∧ ongoing[k].cr ≤ sched[k] ∧ ongoing[k].cr ≤ etcd[k], each when of one uid)
    static let copiesOnlyGrow = ClusterInvariant(
        "every reconcile's copy of its resource asks for at most the replicas of its newer copies",
        uses: [I.uidsBelowCounter, I.objectsMatchKeys, I.scheduledMatchKeys, I.ongoingMatchKeys, I.clientTouchesResources,
               I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods, I.specsMatchKinds],
        splits: { model in [try model.senderCases(of: model.input("apiServerHandles"))] },
        rlimit: 2
    ) { (model, s) throws(SortError) in
        let etcd = try ClusterModel.etcd(s)
        func copy(_ t: Term, _ k: Term, scheduled: Bool) throws(SortError) -> Term {
            let uid = try Self.uid(t)
            let fresh = try uid.unwrap(or: .false) { (u) throws(SortError) in try u < s["apiServer"]["uidCounter"] }
            let n = try asked(t)
            return try .and([fresh, asksForAtLeast(n, etcd.lookup(k), uid: uid)]
                            + (scheduled ? [] : [try asksForAtLeast(n, s["scheduled"].lookup(k), uid: uid)]))
        }
        return try model.everyEntry(s["scheduled"]) { (k, t) throws(SortError) in try copy(t, k, scheduled: true) }
            && model.everyEntry(s["ongoing"]) { (k, o) throws(SortError) in try copy(o["triggeringResource"], k, scheduled: false) }
    }

    /// The controller sends the API server only gets, creates and updates.
    static let controllerOnlyGetsCreatesUpdates = ClusterInvariant(
        "every request a reconcile sends the API server is a get, a create or an update",
        splits: { model in try esrPhases(model).map { [$0] } ?? [] }
    ) { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try m["source"].is("controller") ==> model.onAPIRequest(m) { (r) throws(SortError) in
                try r.is("get") || r.is("create") || r.is("update")
            }
        }
    }

    /// `o`, a stateful set written or stored in `namespace`, asks for some replicas, at most what
    /// every copy of its first owner (under the owner's key in that namespace, with the owner's uid)
    /// asks for; the owner's uid is below the counter.
    static func withinItsOwner(_ model: ClusterModel, _ s: Term, _ o: Term, namespace: Term) throws(SortError) -> Term {
        try o["kind"] .== K8s.Kind.statefulSet.term ==> o["metadata"]["ownerReferences"].element(at: 0).unwrap(or: .true) {
            (r) throws(SortError) in
            let uid = Term.some(try r["uid"])
            return try K8s.Object.withSpec(o, as: .statefulSet, otherwise: .true) { (spec) throws(SortError) in
                try spec["replicas"].unwrap(or: .false) { (n) throws(SortError) in
                    try r["uid"] < s["apiServer"]["uidCounter"] && model.atKey(K8s.key(resourceKind, namespace: namespace, name: r["name"])) {
                        (key) throws(SortError) in
                        try .and([
                            asksForAtLeast(n, ClusterModel.etcd(s).lookup(key), uid: uid),
                            asksForAtLeast(n, s["scheduled"].lookup(key), uid: uid),
                            s["ongoing"].lookup(key).unwrap(or: .true) { (running) throws(SortError) in
                                try asksForAtLeast(n, .some(running["triggeringResource"]), uid: uid)
                            },
                        ])
                    }
                }
            }
        }
    }

    /// Every stateful set a create or update in flight writes (in the request's namespace) asks for
    /// some replicas, at most what its owner's copies ask for: the controller writes its resource's.
    static let statefulSetsSentWithinTheirOwners = ClusterInvariant(
        "every stateful set a create or update in flight writes asks for at most the replicas of its owner's copies",
        uses: [copiesOnlyGrow, controllerOnlyGetsCreatesUpdates, I.uidsBelowCounter, I.objectsMatchKeys, I.scheduledMatchKeys,
               I.ongoingMatchKeys, I.ongoingOfResourceKind, I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods,
               I.clientTouchesResources, I.serversSendOnlyResponses, I.messageDirections],
        usesAtSOnly: ["continueReconcile"],
        splits: senderAndPhaseCases,
        rlimit: 2
    ) { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try model.onAPIRequest(m) { (r) throws(SortError) in
                try .match(r) { (ctor, f) throws(SortError) in
                    switch ctor {
                    case "create": return try withinItsOwner(model, s, f[1], namespace: f[0])
                    case "update": return try withinItsOwner(model, s, f[2], namespace: f[0])
                    default: return .true
                    }
                }
            }
        }
    }

    /// Every stored stateful set asks for some replicas, at most what its owner's copies ask for:
    /// the API server stores what a create or update writes. (Answers need not be covered: an
    /// update writes what it found only when its owner is exactly the reconcile's resource.)
    static let statefulSetsStoredWithinTheirOwners = ClusterInvariant(
        "every stored stateful set asks for at most the replicas of its owner's copies",
        uses: [statefulSetsSentWithinTheirOwners, copiesOnlyGrow, controllerOnlyGetsCreatesUpdates, I.uidsBelowCounter, I.objectsMatchKeys, I.specsMatchKinds,
               I.scheduledMatchKeys, I.ongoingMatchKeys, I.ongoingOfResourceKind, I.builtinSendsDeletesAndStatus,
               I.podMonkeyTouchesPods, I.clientTouchesResources, I.serversSendOnlyResponses, I.messageDirections],
        usesAtSOnly: ["continueReconcile"],
        splits: { model in [try model.senderCases(of: model.input("apiServerHandles"))] },
        rlimit: 2
    ) { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (k, o) throws(SortError) in try withinItsOwner(model, s, o, namespace: k["namespace"]) }
    }

    /// Every update of a stateful set in flight (with a stateful set's spec: the API server refuses
    /// others) carries a resource version below the counter, and
    /// asks for at least the replicas of the stateful set stored under its key at that version.
    /// The controller's update is made from the stateful set it found, which is still stored at that
    /// version only if unchanged (`answersAtTheirVersionAreStored`), owned by the reconcile's
    /// resource, so within the replicas the update asks for; any later write stamps a new version.
    static let updatesAtTheStoredVersionGrow = ClusterInvariant(
        "every update of a stateful set asks for at least the replicas stored at its resource version",
        uses: [controllerOnlyGetsCreatesUpdates, I.resourceVersionsBelowCounter, I.builtinSendsDeletesAndStatus,
               I.podMonkeyTouchesPods, I.clientTouchesResources, I.serversSendOnlyResponses, I.messageDirections],
        scopedUses: [
            ScopedUse(invariant: statefulSetsStoredWithinTheirOwners, labels: [updateStep], instance: { model in
                [try foundKey(model), try model.input("continueReconcile")]
            }),
            ScopedUse(invariant: I.answersAtTheirVersionAreStored, labels: [updateStep], instance: { model in
                [try answerConsumed(model), try foundKey(model)]
            }),
            ScopedUse(invariant: copiesOnlyGrow, labels: [updateStep], instance: { model in [try model.input("continueReconcile")] }),
            ScopedUse(invariant: I.ongoingMatchKeys, labels: [updateStep], instance: { model in [try model.input("continueReconcile")] }),
            ScopedUse(invariant: I.ongoingOfResourceKind, labels: [updateStep], instance: { model in [try model.input("continueReconcile")] }),
            ScopedUse(invariant: I.specsMatchKinds, labels: [updateStep], instance: { model in [try foundKey(model)] }),
        ],
        usesAtSOnly: ["continueReconcile"],
        splits: senderAndPhaseCases,
        rlimit: 4
    ) { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try model.onAPIRequest(m) { (r) throws(SortError) in
                try .match(r) { (ctor, f) throws(SortError) in
                    guard ctor == "update" else { return .true }
                    let o = f[2]
                    let stored = try ClusterModel.etcd(s).lookup(K8s.key(.statefulSet, namespace: f[0], name: f[1]))
                    return try o["kind"] .== K8s.Kind.statefulSet.term ==> K8s.Object.withSpec(o, as: .statefulSet, otherwise: .true) {
                        (spec) throws(SortError) in
                        try o["metadata"]["resourceVersion"].unwrap(or: .false) { (rv) throws(SortError) in
                            try rv < s["apiServer"]["resourceVersionCounter"] && stored.unwrap(or: .true) { (c) throws(SortError) in
                                try c["metadata"]["resourceVersion"] .== .some(rv) ==> replicas(c) <= spec["replicas"].unwrap(or: 1) { $0 }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The case of the reconcile step that updates a found stateful set, and, in it, the key of the
    /// stateful set the reconcile got and the answer it consumes.
    static let updateStep = "phase=at afterGet(statefulSet)"
    static func foundKey(_ model: ClusterModel) throws -> Term {
        let k = try model.input("continueReconcile")
        return try K8s.key(.statefulSet, namespace: k["namespace"], name: k["name"].concat("-server"))
    }
    static func answerConsumed(_ model: ClusterModel) throws -> Term {
        let m = try model.input("continueReconcile", 1)
        guard let d = m.sort.datatype else { throw SortError("the reconcile step's message is not an option") }
        return try .apply(.access(d, 1, 0), [m])
    }

    /// The API server's steps by sender and request, the reconcile's by phase.
    static let senderAndPhaseCases: @Sendable (ClusterModel) throws -> [CaseSplit] = { model in
        [try model.senderCases(of: model.input("apiServerHandles"))] + (try esrPhases(model).map { [$0] } ?? [])
    }

    /// The reconcile's steps, one case per phase.
    static func esrPhases(_ model: ClusterModel) throws -> CaseSplit? {
        try ReconcilePhases(managedSteps: RabbitmqReconciler().steps, splitSteps: true).stepCases(model)
    }

    /// The RabbitmqCluster key the theorem is about: a parameter, so it holds for every key.
    static let key = Variable("key", .datatype(K8s.objectKey))

    /// `neverScalesDown(key)` as an action.
    static func neverScalesDown(_ model: ClusterModel) throws -> ActionPred {
        try ActionPred("the stateful set of \(key) is never scaled down", state: model.stateSort) { (s, next) throws(SortError) in
            try RabbitmqController.neverScalesDown(s, next, key: key.term)
        }
    }

    /// The safety theorem: `init ∧ □next ⊨ □[neverScalesDown(key)]`; every step of the cluster
    /// either leaves the stateful set as it is, removes it, or is an update at its stored version.
    static func theorem(file: String = #filePath, line: Int = #line, model: @escaping @Sendable () throws -> ClusterModel) -> Theorem {
        Theorem("[](the stateful set <key.name>-server is never scaled down)", file: file, line: line, statement: {
            let model = try model()
            return Entailment(spec: try model.spec().formula, claim: .always(.liftAction(try neverScalesDown(model))))
        }, proof: { steps in
            let model = try model()
            let spec = try model.spec()
            var bundle = InvariantBundle(model: model, spec: spec)
            let uses = [updatesAtTheStoredVersionGrow, I.objectsMatchKeys, I.specsMatchKinds, I.builtinSendsDeletesAndStatus,
                        I.podMonkeyTouchesPods, I.clientTouchesResources, I.serversSendOnlyResponses, I.messageDirections,
                        controllerOnlyGetsCreatesUpdates]
            try bundle.establish(uses, steps)
            let facts = try [spec.entailsAlwaysNext] + uses.map(bundle.fact)
            let next = try model.machine.next
            let scaled = try neverScalesDown(model)
            // Each case needs the invariants at s only: at s' each would repeat the step's effect.
            let primed = Set(try uses.map { try $0.predicate(model).description + "'" })
            let eachStep = try steps.establish(Rules.invariantN(facts, implies: .implies(.liftAction(next), .liftAction(scaled)),
                                                                under: spec.formula, file: file, line: line)
                .splittingCases([model.senderCases(of: model.input("apiServerHandles"))])
                .scopingHypotheses(primed, toCasesThrough: []).withRlimitFactor(4))
            // □(next ⇒ A) gives □next ⇒ □A, and the spec has □next.
            return try Rules.impliesApply(Rules.eliminateAlways(Rules.alwaysImpliesPreservedByAlways(eachStep)), spec.entailsAlwaysNext)
        })
    }
}
