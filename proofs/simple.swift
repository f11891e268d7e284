import ClusterModel
import Controllers
import VCGen

/// ESR of the simple controller: for every SimpleCR `cr`, if from some point on `cr` stays as it is
/// (stored under its key with its uid and spec), then eventually the config map `<name>-data`
/// holds `cr`'s data, owned by `cr`, for good:
///     init ∧ □next ∧ fairness ⊨ □desired(cr) ~> □matches(cr).
/// The proof follows Anvil's phases: failures stop; the scheduled and the running reconcile are for
/// `cr`; requests sent before are flushed out, so every request of the reconcile is right; the
/// config map is owned by `cr` (or absent); no delete of it is in flight; then one whole reconcile,
/// all of whose answers are fresh, makes it match, and nothing can change it afterwards.
public enum simple: ProofModule {
    /// The system under proof: the controller, or one of its seeded bugs.
    enum Variant: Sendable, Hashable {
        case correct
        case bug(SimpleReconciler.Bug)
    }

    static func model(_ variant: Variant) throws -> ClusterModel {
        switch variant {
        case .correct: return try correctModel.get()
        case .bug(let bug): return try ClusterModel(reconciler: SimpleReconciler(bug: bug), resourceKind: .simpleCR)
        }
    }
    static let correctModel = Result { try ClusterModel(reconciler: SimpleReconciler(), resourceKind: .simpleCR) }

    // MARK: The custom resource and what the controller makes of it

    /// The custom resource the theorem is about: a parameter, so the theorem holds for every one.
    static let cr = Variable("cr", .datatype(K8s.object))

    static func name(_ o: Term) throws(SortError) -> Term { try o["metadata"]["name"].unwrap(or: "") { $0 } }
    static func namespace(_ o: Term) throws(SortError) -> Term { try o["metadata"]["namespace"].unwrap(or: "") { $0 } }
    /// `cr`'s key, and the key of its config map.
    static var crKey: Term { get throws(SortError) { try K8s.key(.simpleCR, namespace: namespace(cr.term), name: name(cr.term)) } }
    static var configMapKey: Term { get throws(SortError) { try SimpleReconciler.configMapKey(cr.term) } }
    /// The spec and owner references the controller writes for `cr`.
    static var madeSpec: Term {
        get throws(SortError) { try K8s.spec(.configMap, .record(K8s.configMapSpec, ["data": SimpleReconciler.desiredData(cr.term)])) }
    }
    static var owners: Term {
        get throws(SortError) { try .seq([SimpleReconciler.ownerReference(cr.term)], of: .datatype(K8s.ownerReference)) }
    }

    /// The config map name of the resource under `k`: `<name>-data`.
    static func configMapName(_ k: Term) throws(SortError) -> Term { try k["name"].concat("-data") }

    /// `t` is `cr` as far as the controller can tell: kind, name, namespace, uid and spec.
    static func isTheResource(_ t: Term) throws(SortError) -> Term {
        let meta = try t["metadata"], crMeta = try cr.term["metadata"]
        return try .and([t["kind"] .== cr.term["kind"], meta["name"] .== crMeta["name"], meta["namespace"] .== crMeta["namespace"],
                         meta["uid"] .== crMeta["uid"], t["spec"] .== cr.term["spec"]])
    }

    // MARK: The controller's own invariants

    /// An object the controller writes for the resource named n: no finalizers, and exactly one
    /// owner reference, a controller reference to a SimpleCR named n.
    static func ownedByAResource(_ o: Term, configMapName: Term) throws(SortError) -> Term {
        let meta = try o["metadata"], refs = try meta["ownerReferences"]
        return try .and([
            meta["finalizers"].length .== 0, refs.length .== 1,
            refs.element(at: 0).unwrap(or: .false) { (r) throws(SortError) in
                try .and([r["kind"] .== K8s.Kind.simpleCR.term, r["controller"] .== .some(true), r["blockOwnerDeletion"] .== .some(true),
                          r["name"].concat("-data") .== configMapName])
            },
        ])
    }

    /// What a reconcile of the resource under `k` may ask: a get of its config map, or a create or
    /// update of it with an object it owns.
    static func asksForItsConfigMap(_ r: Term, _ k: Term) throws(SortError) -> Term {
        let cmName = try configMapName(k)
        return try .match(r) { (ctor, f) throws(SortError) in
            switch ctor {
            case "get": return try f[0] .== K8s.key(.configMap, namespace: k["namespace"], name: cmName)
            case "create":
                return try .and([f[0] .== k["namespace"], f[1]["kind"] .== K8s.Kind.configMap.term,
                                 f[1]["metadata"]["name"] .== .some(cmName), f[1]["metadata"]["namespace"] .== .some(k["namespace"]),
                                 ownedByAResource(f[1], configMapName: cmName)])
            case "update":
                return try .and([f[0] .== k["namespace"], f[1] .== cmName, f[2]["kind"] .== K8s.Kind.configMap.term,
                                 ownedByAResource(f[2], configMapName: cmName)])
            default: return .false
            }
        }
    }

    /// The config maps are the controller's: reconciles only read and write their own config map,
    /// with objects owned by a resource of its name; an object answered to a reconcile is a config
    /// map without finalizers; every stored config map is owned by a resource of its name and is not
    /// being deleted.
    static let configMapsBelongToResources = ClusterInvariant(
        "every config map, stored, sent or answered, belongs to the resource it is named after",
        uses: [ClusterInvariants.objectsMatchKeys, ClusterInvariants.ongoingMatchKeys, ClusterInvariants.ongoingOfResourceKind,
               ClusterInvariants.pendingFromItsReconcile, ClusterInvariants.builtinSendsDeletesAndStatus,
               ClusterInvariants.podMonkeyTouchesPods, ClusterInvariants.clientTouchesResources,
               ClusterInvariants.serversSendOnlyResponses, ClusterInvariants.messageDirections],
        splits: { model in [try model.senderCases(of: model.input("apiServerHandles"))] }
    ) { (model, s) throws(SortError) in
        let requests = try model.everyInFlight(s) { (m) throws(SortError) in
            try .match(m["source"]) { (host, f) throws(SortError) in
                guard host == "controller" else { return .true }
                return try model.onAPIRequest(m, otherwise: .false) { (r) throws(SortError) in try asksForItsConfigMap(r, f[0]) }
            }
        }
        let answers = try model.everyInFlight(s) { (m) throws(SortError) in
            try .match(m["destination"]) { (host, _) throws(SortError) in
                guard host == "controller" else { return .true }
                return try model.onAPIResponse(m) { (response) throws(SortError) in
                    try APIServer.responseObject(response).unwrap(or: .true) { (o) throws(SortError) in
                        try o["kind"] .== K8s.Kind.configMap.term && o["metadata"]["finalizers"].length .== 0
                    }
                }
            }
        }
        let stored = try model.everyEntry(ClusterModel.etcd(s)) { (k, o) throws(SortError) in
            try k["kind"] .== K8s.Kind.configMap.term
                ==> (ownedByAResource(o, configMapName: k["name"]) && o["metadata"]["deletionTimestamp"].isNone)
        }
        return try .and([requests, answers, stored])
    }

    /// A running reconcile waits on the request its phase expects: none at the start, a get after
    /// the get, a create or an update after those.
    static let pendingMatchesPhase = ClusterInvariant("every running reconcile's pending request is the one its phase expects") {
        (model, s) throws(SortError) in
        try model.everyEntry(s["ongoing"]) { (_, o) throws(SortError) in
            let pending = try o["pendingRequest"]
            func waitsOn(_ kind: String) throws(SortError) -> Term {
                try pending.unwrap(or: .false) { (p) throws(SortError) in
                    try model.onAPIRequest(p, otherwise: .false) { (r) throws(SortError) in try r.is(kind) }
                }
            }
            return try .match(o["localState"]) { (phase, _) throws(SortError) in
                switch phase {
                case "initial": return try pending.isNone
                case "afterGet": return try waitsOn("get")
                case "afterCreate": return try waitsOn("create")
                case "afterUpdate": return try waitsOn("update")
                default: return .true
                }
            }
        }
    }

    static let invariants = ClusterInvariants.all + [configMapsBelongToResources, pendingMatchesPhase]

    /// The reconcile's rank: how many steps it may still take (0 exactly when done or failed).
    static func rank(_ phase: Term) throws(SortError) -> Term {
        try .match(phase) { (p, _) throws(SortError) in
            switch p {
            case "initial": return 3
            case "afterGet": return 2
            case "afterCreate", "afterUpdate": return 1
            default: return 0
            }
        }
    }

    // MARK: The phases

    /// The predicates of the proof over one model.
    struct Predicates {
        let model: ClusterModel

        func state(_ name: String, _ body: (Term) throws(SortError) -> Term) throws -> StatePred { try model.predicate(name, body) }

        /// `cr` is stored under its key, with its uid and spec.
        var desired: StatePred {
            get throws {
                try state("desired(cr)") { (s) throws(SortError) in
                    let meta = try cr.term["metadata"]
                    return try .and([cr.term["kind"] .== K8s.Kind.simpleCR.term, meta["name"].isSome, meta["namespace"].isSome,
                                     meta["uid"].isSome,
                                     ClusterModel.etcd(s).lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in try isTheResource(o) }])
                }
            }
        }

        /// The config map `<name>-data` holds `cr`'s data and is owned by `cr` (the catalogue's `matches`).
        var matches: StatePred {
            get throws {
                let v = Variable.state(model.stateSort)
                let body = try SimpleController.matches(v.term, cr.term)
                return try state("matches(cr)") { (s) throws(SortError) in body.substituting([v: s]) }
            }
        }

        /// Phase B: a scheduled reconcile of `cr`'s key is for `cr`.
        var scheduledIsTheResource: StatePred {
            get throws {
                try state("scheduled reconcile is for cr") { (s) throws(SortError) in
                    try s["scheduled"].lookup(crKey).unwrap(or: .true) { (t) throws(SortError) in try isTheResource(t) }
                }
            }
        }

        /// Phase C: a running reconcile of `cr`'s key is for `cr`.
        var runningIsTheResource: StatePred {
            get throws {
                try state("running reconcile is for cr") { (s) throws(SortError) in
                    try s["ongoing"].lookup(crKey).unwrap(or: .true) { (o) throws(SortError) in try isTheResource(o["triggeringResource"]) }
                }
            }
        }

        /// A request of `cr`'s reconcile that writes what the controller makes for `cr`.
        func writesTheMadeObject(_ r: Term) throws(SortError) -> Term {
            func made(_ o: Term) throws(SortError) -> Term { try o["spec"] .== madeSpec && o["metadata"]["ownerReferences"] .== owners }
            return try .match(r) { (ctor, f) throws(SortError) in
                switch ctor {
                case "create": return try made(f[1])
                case "update": return try made(f[2])
                default: return .true
                }
            }
        }

        /// Every in-flight request of `cr`'s reconcile (with an rpc id of at least `from`) writes the made object.
        func reconcileRequestsAreRight(_ s: Term, from: Term? = nil) throws(SortError) -> Term {
            let source = try Network.controller(crKey)
            return try model.everyInFlight(s) { (m) throws(SortError) in
                let fresh = try from.map { (n) throws(SortError) in try m["rpcId"] >= n } ?? .true
                return try (m["source"] .== source && fresh) ==> model.onAPIRequest(m) { (r) throws(SortError) in try writesTheMadeObject(r) }
            }
        }

        /// Phase D: every request of `cr`'s reconcile in flight writes the made object.
        var requestsAreRight: StatePred {
            get throws { try state("cr's reconcile requests are right") { (s) throws(SortError) in try reconcileRequestsAreRight(s) } }
        }

        /// The stored config map, through `body`, or `absent` when there is none.
        func configMap(_ s: Term, absent: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
            try ClusterModel.etcd(s).lookup(configMapKey).unwrap(or: absent, body)
        }

        /// Phase E: the config map, if stored, is owned by `cr`.
        var ownedOrAbsent: StatePred {
            get throws {
                try state("config map owned by cr or absent") { (s) throws(SortError) in
                    try configMap(s, absent: .true) { (o) throws(SortError) in try o["metadata"]["ownerReferences"] .== owners }
                }
            }
        }

        /// A request that deletes the config map.
        func deletesTheConfigMap(_ r: Term) throws(SortError) -> Term {
            try .match(r) { (ctor, f) throws(SortError) in
                ctor == "delete" || ctor == "getThenDelete" ? try f[0] .== configMapKey : .false
            }
        }

        /// Phase H's fresh part: no in-flight request with an rpc id of at least `from` deletes the config map.
        func noDeleteOfTheConfigMap(_ s: Term, from: Term? = nil) throws(SortError) -> Term {
            try model.everyInFlight(s) { (m) throws(SortError) in
                let fresh = try from.map { (n) throws(SortError) in try m["rpcId"] >= n } ?? .true
                return try fresh ==> model.onAPIRequest(m) { (r) throws(SortError) in try !deletesTheConfigMap(r) }
            }
        }

        /// Phase H: no delete of the config map is in flight.
        var noDelete: StatePred {
            get throws { try state("no delete of the config map in flight") { (s) throws(SortError) in try noDeleteOfTheConfigMap(s) } }
        }

        /// Phase M: the config map has the made spec and owner references.
        func made(_ s: Term) throws(SortError) -> Term {
            try configMap(s, absent: .false) { (o) throws(SortError) in
                try o["spec"] .== madeSpec && o["metadata"]["ownerReferences"] .== owners
            }
        }
        var configMapIsMade: StatePred { get throws { try state("config map is made for cr") { (s) throws(SortError) in try made(s) } } }

        /// The object the reconcile sends to update the fetched config map `found`.
        func updated(_ found: Term) throws(SortError) -> Term {
            try found.with("metadata", found["metadata"].with("ownerReferences", owners)).with("spec", madeSpec)
        }

        /// J(n): what `cr`'s reconcile hears and asks from rpc id n on is up to date, unless the
        /// config map is already made: a get answer is the stored config map (or not found, and
        /// there is none); a create comes when there is none; an update is of the stored config map;
        /// a create or update answer means it is made; and a running reconcile waits only on
        /// requests from n on.
        func freshFrom(_ n: Term, _ s: Term) throws(SortError) -> Term {
            let me = try Network.controller(crKey)
            let isMade = try made(s)
            let stored = try ClusterModel.etcd(s).lookup(configMapKey)
            let answers = try model.everyInFlight(s) { (m) throws(SortError) in
                try (m["destination"] .== me && m["rpcId"] >= n) ==> model.onAPIResponse(m) { (response) throws(SortError) in
                    try .match(response) { (kind, f) throws(SortError) in
                        switch kind {
                        case "get":
                            return try .match(f[0]) { (result, payload) throws(SortError) in
                                result == "ok"
                                    ? try stored .== .some(payload[0]) || isMade
                                    : try payload[0] .== APIServer.ErrorCode.objectNotFound.term && (stored.isNone || isMade)
                            }
                        case "create", "update": return isMade
                        default: return .true
                        }
                    }
                }
            }
            let requests = try model.everyInFlight(s) { (m) throws(SortError) in
                try (m["source"] .== me && m["rpcId"] >= n) ==> model.onAPIRequest(m) { (r) throws(SortError) in
                    try .match(r) { (kind, f) throws(SortError) in
                        switch kind {
                        case "create": return try stored.isNone || isMade
                        case "update": return try stored.unwrap(or: .false) { (x) throws(SortError) in try f[2] .== updated(x) } || isMade
                        default: return .true
                        }
                    }
                }
            }
            let waiting = try s["ongoing"].lookup(crKey).unwrap(or: .true) { (o) throws(SortError) in
                try o["pendingRequest"].unwrap(or: .true) { (p) throws(SortError) in try p["rpcId"] >= n }
            }
            return try .and([answers, requests, waiting])
        }

        /// The reconcile of `cr`'s key at `phase`, with `pending` holding for its pending request.
        func reconcile(_ name: String, at phase: String, pending: @escaping (Term, Term) throws(SortError) -> Term) throws -> StatePred {
            try state(name) { (s) throws(SortError) in
                try s["ongoing"].lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in
                    try o["localState"] .== .enumCase(SimpleReconciler.phase, phase) && pending(s, o["pendingRequest"])
                }
            }
        }
    }

    // MARK: The proof

    /// `spec ⊨ □desired(cr) ~> □matches(cr)`.
    static func esr(_ variant: Variant, line: Int = #line) -> Theorem {
        Theorem("ESR: []desired(cr) ~> []matches(cr)", line: line, statement: {
            let model = try model(variant)
            let p = Predicates(model: model)
            return Entailment(spec: try model.spec().formula, claim: .leadsTo(.always(.lift(try p.desired)), .always(.lift(try p.matches))))
        }, proof: { steps in try proveESR(variant, steps) })
    }

    static func proveESR(_ variant: Variant, _ steps: ProofSteps) throws -> Fact {
        let model = try model(variant)
        let proof = ClusterProof(model: model, steps: steps)
        let p = Predicates(model: model)
        let spec = try model.spec()

        // The invariants, from init; then the stable spec without init that assumes them, and □desired.
        var bundle = InvariantBundle(model: model, spec: spec)
        try bundle.establish(invariants, steps)
        let invariantFacts = try invariants.map(bundle.fact)
        var base = spec.withoutInit
        for f in invariantFacts { base = base.assuming(f.claim) }
        let desired = TempPred.always(.lift(try p.desired))
        var phases = try Phases(base: base.assuming(desired), proof: proof)

        /// Facts `phases.spec ⊨ □inv` for the listed invariants, `□desired(cr)` and the earlier phases.
        func uses(_ list: [ClusterInvariant], desired withDesired: Bool = true, phases withPhases: Bool = true) throws -> [Fact] {
            let spec = phases.spec
            var out = try list.map { i in
                try spec.entailsAssumption(spec.assumptions.firstIndex(of: .always(.lift(try i.predicate(model))))!)
            }
            if withDesired { out.append(try spec.entailsAssumption(spec.assumptions.firstIndex(of: desired)!)) }
            if withPhases, phases.established != nil { out.append(try phases.invariant) }
            return out
        }
        typealias I = ClusterInvariants
        let apiCases = try proof.apiServerMessageCases
        /// What the API server's steps on the config map need: who may write it, and how.
        let writers = [configMapsBelongToResources, I.objectsMatchKeys, I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods,
                       I.clientTouchesResources, I.serversSendOnlyResponses, I.messageDirections, I.reconcilesOfResources]

        // Every reconcile of cr's key ends (proved once, used in two phases).
        let ends = try proof.reconcileEnds(crKey, rank: rank, maxRank: 3, in: phases.base,
                                           using: uses([I.pendingOrAnswerInFlight, I.pendingIsRequest, I.messageDirections, I.rpcIdsUnique,
                                                        I.pendingFromItsReconcile], desired: false, phases: false))
        let stopped = try proof.predicate("¬running(cr)") { (s) throws(SortError) in try !s["ongoing"].hasKey(crKey) }
        func eventuallyStopped(in spec: Spec) throws -> Fact {
            let ended = try proof.strengthened(ends, to: spec)
            return try steps.weaken(Rules.orLeadsTo(ended, Rules.leadsToSelf(.lift(stopped), under: spec.formula)),
                                    from: .true, to: .lift(stopped), using: [])
        }

        // F: failures stop.
        try phases.add(proof.failuresStop(in: phases.spec))

        // B: the scheduled reconcile is for cr (scheduling copies the stored cr).
        let scheduledRight = try p.scheduledIsTheResource
        let schedule = try proof.wf1(!scheduledRight, scheduledRight, by: "scheduleReconcile", [crKey], in: phases.spec,
                                     using: uses([], phases: false))
        let toScheduledRight = try steps.weaken(Rules.orLeadsTo(schedule, Rules.leadsToSelf(.lift(scheduledRight), under: phases.spec.formula)),
                                                from: .true, to: .lift(scheduledRight), using: [])
        try phases.add(proof.stabilized(toScheduledRight, in: phases.spec, using: uses([], phases: false)))

        // C: the running reconcile is for cr (the one running ends; a new one starts from B).
        let runningRight = try p.runningIsTheResource
        let toRunningRight = try proof.reshaped(
            Rules.leadsToTrans(eventuallyStopped(in: phases.spec), proof.implication(.lift(stopped), .lift(runningRight), in: phases.spec)),
            from: .true, to: .lift(runningRight))
        try phases.add(proof.stabilized(toRunningRight, in: phases.spec, using: uses([], desired: false)))

        // D: cr's reconcile sends only right requests (older ones are flushed out).
        func flushUses() throws -> [Fact] {
            try uses([I.rpcIdsUnique, I.rpcIdsBelowCounter, I.rpcIdsNonNegative, I.messageDirections], desired: false, phases: false)
        }
        try phases.add(proof.onceOldRequestsAreGone(try p.requestsAreRight, fresh: { (n, s) throws(SortError) in
            try p.reconcileRequestsAreRight(s, from: n)
        }, in: phases.spec, using: uses([], desired: false), flush: flushUses()))

        // E: the config map is owned by cr or absent (one not owned by cr is garbage collected).
        let owned = try p.ownedOrAbsent
        let d = Variable("d", model.network.messageSort)
        let collecting = try proof.predicate("not owned by cr, collector's delete \(d.name) in flight") { (s) throws(SortError) in
            try p.configMap(s, absent: .false) { (o) throws(SortError) in
                let delete = try APIServer.Request.delete(configMapKey, uid: o["metadata"]["uid"].unwrap(or: 0) { $0 })
                let carried = try Term.and([s["network"].contains(d.term), d.term["source"] .== Network.builtinController,
                                            d.term["content"] .== model.network.apiRequest(delete)])
                return try o["metadata"]["ownerReferences"] .!= owners && carried && o["metadata"]["uid"].isSome
            }
        }
        let collected = try proof.existsIntro(proof.wf1(collecting, owned, by: "apiServerHandles", [d.term], in: phases.spec,
                                                        using: uses(writers), splits: [apiCases]), over: d)
        let collectingAny = try proof.predicate("not owned by cr, a collector's delete in flight") { (s) throws(SortError) in
            try Term.exists("d", model.network.messageSort) { (m) throws(SortError) in collecting.at(s).substituting([d: m]) }
        }
        let toCollect = try proof.wf1(!owned, try collectingAny || owned, by: "garbageCollect", [configMapKey], in: phases.spec,
                                      using: uses([configMapsBelongToResources, I.uidsBelowCounter], phases: false), splits: [apiCases])
        let viaDelete = try steps.weaken(Rules.orLeadsTo(collected, Rules.leadsToSelf(.lift(owned), under: phases.spec.formula)),
                                         from: .lift(try collectingAny || owned), to: .lift(owned), using: [])
        let toOwned = try steps.weaken(Rules.orLeadsTo(Rules.leadsToTrans(toCollect, viaDelete),
                                                       Rules.leadsToSelf(.lift(owned), under: phases.spec.formula)),
                                       from: .true, to: .lift(owned), using: [])
        try phases.add(proof.stabilized(toOwned, in: phases.spec, using: uses(writers), splits: [apiCases]))

        // H: no delete of the config map is in flight (the collector cannot send one any more).
        try phases.add(proof.onceOldRequestsAreGone(try p.noDelete, fresh: { (n, s) throws(SortError) in
            try p.noDeleteOfTheConfigMap(s, from: n)
        }, in: phases.spec, using: uses([configMapsBelongToResources]), flush: flushUses()))

        // M: one whole reconcile with fresh answers makes the config map; nothing changes it afterwards.
        let n = Variable("n", .int)
        let fresh = try proof.predicate("J(n) /\\ counter >= n") { (s) throws(SortError) in
            try p.freshFrom(n.term, s) && s["rpcIdCounter"] >= n.term
        }
        let spec7 = phases.spec
        let start = try proof.predicate("¬running(cr) /\\ counter = n") { (s) throws(SortError) in
            try stopped.at(s) && s["rpcIdCounter"] .== n.term
        }
        let freshUses = try uses(writers + [I.pendingFromItsReconcile, I.messageDirections, pendingMatchesPhase])
        let freshForGood = try proof.stabilized(proof.implication(.lift(start), .lift(fresh), in: spec7, using: flushUses()),
                                                in: spec7, using: freshUses, splits: [apiCases], rlimit: 4)
        let spec8 = spec7.assuming(.always(.lift(fresh)))
        let u8 = try (freshUses + [I.rpcIdsUnique].flatMap { try uses([$0], desired: false, phases: false) }).map {
            try proof.strengthened($0, to: spec8)
        } + [spec8.entailsAssumption(spec8.assumptions.count - 1)]
        let madeCM = try p.configMapIsMade
        let none = Term.none(model.network.messageSort)
        let idle = try proof.predicate("¬running(cr) /\\ ¬scheduled(cr)") { (s) throws(SortError) in
            try stopped.at(s) && !s["scheduled"].hasKey(crKey)
        }
        let queued = try proof.predicate("¬running(cr) /\\ scheduled(cr)") { (s) throws(SortError) in
            try stopped.at(s) && s["scheduled"].hasKey(crKey)
        }
        let begun = try p.reconcile("cr's reconcile begins", at: "initial") { (_, pending) throws(SortError) in try pending .== none }
        let m = Variable("msg", model.network.messageSort), r = Variable("r", model.network.messageSort)
        func waiting(_ phase: String, on x: Variable) throws -> StatePred {
            try p.reconcile("cr's reconcile at \(phase), \(x.name) in flight", at: phase) { (s, pending) throws(SortError) in
                try pending .== .some(x.term) && s["network"].contains(x.term)
            }
        }
        func waitingAny(_ phase: String) throws -> StatePred {
            try p.reconcile("cr's reconcile at \(phase), its request in flight", at: phase) { (s, pending) throws(SortError) in
                try pending.unwrap(or: .false) { (q) throws(SortError) in try s["network"].contains(q) }
            }
        }
        let answered = try p.reconcile("cr's reconcile at afterGet, answered", at: "afterGet") { (s, pending) throws(SortError) in
            try pending.unwrap(or: .false) { (q) throws(SortError) in
                try Term.exists("r", model.network.messageSort) { (x) throws(SortError) in
                    try s["network"].contains(x) && model.network.isResponse(x, to: q)
                }
            }
        }
        let answer = try p.reconcile("cr's reconcile at afterGet, answer r in flight", at: "afterGet") { (s, pending) throws(SortError) in
            try pending.unwrap(or: .false) { (q) throws(SortError) in
                try s["network"].contains(r.term) && model.network.isResponse(r.term, to: q)
            }
        }
        let writing = try waitingAny("afterCreate") || waitingAny("afterUpdate")
        let writingOrMade = try writing || madeCM
        let scheduleIt = try proof.wf1(idle, queued, by: "scheduleReconcile", [crKey], in: spec8, using: u8)
        let startIt = try proof.wf1(queued, begun, by: "startReconcile", [crKey], in: spec8, using: u8)
        let getIt = try proof.wf1(begun, waitingAny("afterGet"), by: "continueReconcile", [crKey, none], in: spec8, using: u8)
        let answerIt = try steps.weaken(proof.existsIntro(proof.wf1(waiting("afterGet", on: m), answered, by: "apiServerHandles", [m.term],
                                                                    in: spec8, using: u8, splits: [apiCases]), over: m),
                                        from: .lift(try waitingAny("afterGet")), to: .lift(answered), using: [])
        let writeIt = try steps.weaken(proof.existsIntro(proof.wf1(answer, writingOrMade, by: "continueReconcile", [crKey, .some(r.term)],
                                                                   in: spec8, using: u8, splits: [apiCases]), over: r),
                                       from: .lift(answered), to: .lift(writingOrMade), using: [])
        func written(_ phase: String) throws -> Fact {
            try steps.weaken(proof.existsIntro(proof.wf1(waiting(phase, on: m), madeCM, by: "apiServerHandles", [m.term], in: spec8,
                                                         using: u8, splits: [apiCases]),
                                               over: m), from: .lift(try waitingAny(phase)), to: .lift(madeCM), using: [])
        }
        let writtenIt = try steps.weaken(Rules.orLeadsToN([written("afterCreate"), written("afterUpdate"),
                                                           Rules.leadsToSelf(.lift(madeCM), under: spec8.formula)]),
                                         from: .lift(writingOrMade), to: .lift(madeCM), using: [])
        let fromBegun = try Rules.leadsToTransN([getIt, answerIt, writeIt, writtenIt])
        let fromStopped = try steps.weaken(Rules.orLeadsTo(Rules.leadsToTransN([scheduleIt, startIt, fromBegun]),
                                                           Rules.leadsToTrans(startIt, fromBegun)),
                                           from: .lift(stopped), to: .lift(madeCM), using: [])
        // Back under spec7: from a stopped reconcile at counter n, J(n) holds for good, so the next one makes it.
        let fromTrue = try Rules.leadsToTrans(eventuallyStopped(in: spec8), fromStopped)
        let unpacked = try Rules.unpackConditionsFromSpec(ClusterProof.stability(of: spec7), fromTrue)
        let afterStart = try Rules.leadsToTrans(freshForGood, proof.reshaped(unpacked, from: freshForGood.claim.leadsToTarget,
                                                                                 to: .lift(madeCM)))
        let someStart = try steps.weaken(proof.existsIntro(afterStart, over: n), from: .lift(stopped), to: .lift(madeCM), using: [])
        let toMade = try Rules.leadsToTrans(eventuallyStopped(in: spec7), someStart)
        try phases.add(proof.stabilized(toMade, in: spec7, using: uses(writers), splits: [apiCases]))

        // Conclusion: the phases give □matches; move □desired out of the spec; the spec entails the base.
        guard let reached = phases.reached else { throw KernelError("simple", "no phase was proved") }
        let underDesired = try proof.alwaysWeakened(reached, to: .lift(try p.matches), in: phases.base)
        let unpackedDesired = try Rules.unpackConditionsFromSpec(ClusterProof.stability(of: base), underDesired)
        let fromDesired = try proof.reshaped(unpackedDesired, from: desired, to: .always(.lift(try p.matches)))
        let whole = Rules.entailsSelf(spec.formula)
        var parts: [Fact] = []
        for i in 1..<spec.conjuncts.count { parts.append(try Rules.entailsAndElim(whole, conjunct: i)) }
        let specEntailsBase = try Rules.entailsAndN(parts + invariantFacts)
        return try Rules.entailsTrans(specEntailsBase, fromDesired)
    }

    // MARK: Proofs and mutants

    public static let proofs: [any Proof] = [esr(.correct)]

    public static let mutants: [Mutant] = SimpleReconciler.Bug.allCases.map { bug in
        Mutant(bug.rawValue, bug: bugDescription(bug), proofs: [esr(.bug(bug))])
    }

    static func bugDescription(_ bug: SimpleReconciler.Bug) -> String {
        switch bug {
        case .skipsTheUpdate: return "an existing config map is never updated"
        case .writesWrongData: return "the config map gets an extra entry"
        case .omitsTheOwnerReference: return "the config map is created without an owner reference"
        }
    }
}
