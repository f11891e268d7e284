import ClusterModel
import VCGen

/// Phase M: one whole reconcile, from `initial` through the controller's own phases (gets of
/// objects the theorem assumes stored) and then each object's get, fresh answer, write and written
/// answer, makes every object, and the objects before stay made. J(n) names no object (a "not
/// found" does not say which; the phase the reconcile waits in does), and the objects before the
/// last have no escape "or it is made" (a made object whose get was answered before another write
/// is updated with a stale resource version, and the reconcile fails before the next object); so
/// the chain runs once every older request is gone (Q(n)).
extension ManagedObjectsESR {
    /// J(n): every request of cr's reconcile in flight
    /// with an rpc id of at least n is the running reconcile's pending request; a running
    /// reconcile waits only on requests from n on, and none once done or failed. With Q(n) (no
    /// older request in flight) the pending request is the only request of cr's in flight, so
    /// nothing but the reconcile's own write changes an object it is at.
    func onlyPendingFrom(_ crKey: Term, _ model: ClusterModel, _ n: Term, _ s: Term) throws(SortError) -> Term {
        let me = try Network.controller(crKey)
        let ongoing = try s["ongoing"].lookup(crKey)
        let requests = try model.everyInFlight(s) { (m) throws(SortError) in
            try (m["source"] .== me && model.isRequest(m) && m["rpcId"] >= n)
                ==> ongoing.unwrap(or: .false) { (o) throws(SortError) in try o["pendingRequest"] .== .some(m) }
        }
        let running = try ongoing.unwrap(or: .true) { (o) throws(SortError) in
            let pending = try o["pendingRequest"]
            return try pending.unwrap(or: .true) { (q) throws(SortError) in try q["rpcId"] >= n }
                && (reconcilePhases.rank(o["localState"]) .== 0 ==> pending.isNone)
        }
        return try requests && running
    }

    /// A get of one of `keys`.
    static func gets(_ model: ClusterModel, _ x: Term, _ keys: [Term]) throws(SortError) -> Term {
        try model.onAPIRequest(x, otherwise: .false) { (req) throws(SortError) in
            try .match(req) { (ctor, f) throws(SortError) in
                ctor == "get" ? try .or(keys.map { (k) throws(SortError) in try f[0] .== k }) : .false
            }
        }
    }

    /// An answer of one of `kinds` (a get, a create, ...) that succeeded.
    static func succeeded(_ model: ClusterModel, _ x: Term, _ kinds: [String]) throws(SortError) -> Term {
        try model.onAPIResponse(x, otherwise: .false) { (response) throws(SortError) in
            try .match(response) { (kind, f) throws(SortError) in kinds.contains(kind) ? try f[0].is("ok") : .false }
        }
    }

    /// The controller's own phases along the chain: `ownPhases`, or else one per phase of
    /// `reconcilePhases.before` (FluentBit's), each a get of an object the theorem assumes stored,
    /// answered ok, leading to the next and the last to the first object's get.
    func chainPhases() throws -> OwnPhases {
        if let ownPhases { return ownPhases }
        let before = reconcilePhases.before
        guard !before.isEmpty else { return OwnPhases() }
        guard let assumption else {
            throw KernelError("ManagedObjectsESR", "the reconcile's phases before the first get (\(before)) need the objects they get assumed stored")
        }
        var own = OwnPhases(fromStart: [.phase(before[0])])
        for (j, name) in before.enumerated() {
            own.phases.append(OwnPhase(name: name, answeredBy: "apiServerHandles", waiting: { (model, _, cr, x) throws(SortError) in
                try Self.gets(model, x, assumption.keys(cr))
            }, answered: { (model, _, _, y) throws(SortError) in
                try Self.succeeded(model, y, ["get"])
            }, next: [j + 1 < before.count ? .phase(before[j + 1]) : .get(0)]))
        }
        return own
    }

    /// The actions whose links split their cases by whether the step takes the link's message (the
    /// last input), and the case that does.
    static let splitsOnItsMessage: Set<String> = ["continueReconcile", "externalHandles"]
    static let theLinksMessage = "the link's message"
    /// Who sends what: only reconciles send requests to the external system.
    static let whoSendsWhat = [ClusterInvariants.serversSendOnlyResponses, ClusterInvariants.builtinSendsDeletesAndStatus,
                               ClusterInvariants.podMonkeyTouchesPods, ClusterInvariants.clientTouchesResources]
    /// The split of an own phase's answering action by whether its request is about cr (`OwnPhase.isAboutCR`).
    static let aboutCRSplit = "request", aboutCR = "about cr", aboutAnother = "about another"

    /// The actions that schedule and start reconciles: they touch no object and no message.
    static let schedulingActions: Set<String> = ["scheduleReconcile", "startReconcile"]

    /// Phase M's core, under a spec assuming J(n) ∧ Q(n) for good (and phase
    /// VII for objects whose status is written): from a stopped reconcile of `cr`, the next one
    /// is scheduled, starts, then for each object gets it, hears a fresh answer (the object as
    /// stored, or not found and absent), creates or updates it from that answer, and hears the
    /// write succeed, which makes it; the controller's own phases (`chainPhases`) sit where
    /// `OwnPhases` puts them, each a request and its answer: `spec ⊨ ¬running(cr) ~> made`. The steps after the last object's get may
    /// also end with every object made (its answer or write gone stale because it was made
    /// already and the built-in controller wrote a daemon set's status). The scheduling and the
    /// start, and every link's cases through them, are given only `scheduling` (□desired(cr) and
    /// the earlier phases: cr is stored, and failures are off), which is all they need: with every
    /// invariant, Z3 4.8.12 spent minutes on ZooKeeper's made strings there, deaf to the interrupt.
    /// Likewise another key's reconcile steps (`splits`' cases named `ReconcilePhases.anotherKeysCase`)
    /// are given only `othersSteps` (the messages' and rpc ids' invariants, J(n) ∧ Q(n)): the step
    /// changes nothing of cr's but its request's slot in the network, and with every invariant Z3
    /// instantiated them at the request it builds (minutes for a ZooKeeper service's). The
    /// invariants `heavy` (about fields fixed by name or owner, and the own phases') are given only
    /// to the links of the objects with such fields and of the own phases, every case of those
    /// (FluentBit's daemon set write needs its selector kept while other writes are handled): in
    /// the other links they made Z3 stall on ZooKeeper's trivial cases (`endReconcile`, a get).
    /// The first step, from `initial`, changes only cr's reconcile entry, and is given `scheduling`.
    func oneReconcileMakes(_ p: ReconcilePredicates, _ proof: ClusterProof, stopped: StatePred, made: StatePred,
                           in spec: Spec, using u: [Fact], heavy: [Fact], scheduling: [Fact], messages: [Fact], fresh: Fact, answerInvariants: [Fact],
                           splits: [CaseSplit]) throws -> Fact {
        let model = p.model, steps = proof.steps, crKey = try p.resource.crKey, phases = reconcilePhases
        let sort = model.network.messageSort, none = Term.none(sort), last = p.each.count - 1
        let m = Variable("msg", sort), r = Variable("r", sort)
        let cr = ManagedObject.cr.term, othersSteps = messages + [fresh]
        let own = try chainPhases()
        let objectsBefore = try own.objectsBefore()
        // cr's reconcile, with `body` of the state, its local state and its pending request.
        func reconcile(_ name: String, _ body: @escaping (Term, Term, Term) throws(SortError) -> Term) throws -> StatePred {
            try proof.predicate(name) { (s) throws(SortError) in
                try s["ongoing"].lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in
                    try body(s, o["localState"], o["pendingRequest"])
                }
            }
        }
        func madeBefore(_ i: Int, _ s: Term) throws(SortError) -> Term {
            try .and(p.each.prefix(i).map { (q) throws(SortError) in try q.made(s) })
        }
        // The resource versions the local state keeps of the objects before the one at i (written,
        // answered and stepped on): a later write requires them (ZooKeeper's stateful set).
        func keptBefore(_ i: Int, _ local: Term) throws(SortError) -> [Term] {
            try p.each.prefix(i).compactMap(\.object.keptVersionField).map { (field) throws(SortError) in try local[field].isSome }
        }
        func waitsOn(_ s: Term, _ pending: Term, _ x: Term) throws(SortError) -> Term {
            try pending .== .some(x) && s["network"].contains(x)
        }
        func answers(_ s: Term, _ pending: Term, _ x: Term) throws(SortError) -> Term {
            try pending.unwrap(or: .false) { (q) throws(SortError) in try s["network"].contains(x) && model.network.isResponse(x, to: q) }
        }
        func gets(_ x: Term, _ keys: [Term]) throws(SortError) -> Term { try Self.gets(model, x, keys) }
        func succeeded(_ x: Term, _ kinds: [String]) throws(SortError) -> Term { try Self.succeeded(model, x, kinds) }
        /// A "get" answer that is the object as stored now, or not found when there is none.
        func freshGet(_ q: ManagedObjectPredicates, _ s: Term, _ x: Term) throws(SortError) -> Term {
            let stored = try ClusterModel.etcd(s).lookup(q.key)
            return try model.onAPIResponse(x, otherwise: .false) { (response) throws(SortError) in
                try .match(response) { (kind, f) throws(SortError) in
                    guard kind == "get" else { return .false }
                    return try .match(f[0]) { (result, payload) throws(SortError) in
                        result == "ok" ? try stored .== .some(payload[0])
                            : try payload[0] .== APIServer.ErrorCode.objectNotFound.term && stored.isNone
                    }
                }
            }
        }
        /// A create of the object when there is none, or an update of the stored one, as made.
        func freshWrite(_ q: ManagedObjectPredicates, _ s: Term, _ local: Term, _ x: Term) throws(SortError) -> Term {
            let stored = try ClusterModel.etcd(s).lookup(q.key)
            return try model.onAPIRequest(x, otherwise: .false) { (req) throws(SortError) in
                try .match(req) { (ctor, f) throws(SortError) in
                    switch ctor {
                    case "create":
                        return try .and([q.object.isAt(local, "afterCreate"), q.isAWriteOfTheObject(req), q.writesTheMadeObject(req),
                                         stored.isNone])
                    case "update":
                        return try .and([q.object.isAt(local, "afterUpdate"), q.isAWriteOfTheObject(req), q.writesTheMadeObject(req),
                                         stored.unwrap(or: .false) { (o) throws(SortError) in try q.object.isTheUpdate(f[2], of: cr, found: o) }])
                    default: return .false
                    }
                }
            }
        }

        // The reconcile is scheduled and starts.
        let idle = try proof.predicate("¬running(cr) /\\ ¬scheduled(cr)") { (s) throws(SortError) in
            try stopped.at(s) && !s["scheduled"].hasKey(crKey)
        }
        let queued = try proof.predicate("¬running(cr) /\\ scheduled(cr)") { (s) throws(SortError) in
            try stopped.at(s) && s["scheduled"].hasKey(crKey)
        }
        let begun = try p.resource.reconcile("cr's reconcile begins", at: "initial") { (_, pending) throws(SortError) in try pending .== none }
        // The scheduling cases keep only `scheduling`; another key's steps only `othersSteps`.
        let othersCases = Set(splits.flatMap { split in
            split.cases.filter { $0.name.hasPrefix(ReconcilePhases.anotherKeysCase) }.map { "\(split.name)=\($0.name)" }
        })
        let sparing = [ClusterProof.Withholding(u + heavy, keeping: scheduling, from: Self.schedulingActions),
                       ClusterProof.Withholding(u + heavy, keeping: othersSteps, from: othersCases)]
        let scheduleIt = try proof.wf1(idle, queued, by: "scheduleReconcile", [crKey], in: spec, using: scheduling)
        let startIt = try proof.wf1(queued, begun, by: "startReconcile", [crKey], in: spec, using: scheduling)

        // One link of the chain: `from(x)` for a message x in flight (a request or an answer) ~> `to`, by `action`
        // (a failure is reported at the link's line), given `heavy` with `needsHeavy` (and, on an own
        // phase's links, as `OwnPhase.answerUses` says). Each may use 3× the run's rlimit (stay cases
        // under another reconcile's step ran near the default with five objects), and a link by cr's
        // reconcile step 6×: ZooKeeper's steps around its config map (whose `zoo.cfg` the made
        // objects spell out) take 100 s and ran out at 3×.
        let actions = Set(proof.machine.actions.map(\.name) + ["stutter"])
        let stepFacts = try own.stepFacts(model, cr)
        func link(_ from: (Variable) throws -> StatePred, _ to: StatePred, by action: String, _ inputs: (Variable) throws -> [Term],
                  over x: Variable, any: StatePred, needsHeavy: Bool, heavyInStays: Bool = true, ownPhase: OwnPhase? = nil,
                  isHandled: Bool = false, progressSplits: [CaseSplit] = [], line: Int = #line) throws -> Fact {
            let rlimit = action == "continueReconcile" ? 6 : 3
            // A step on the link's message x (a reconcile's on its answer, the ensemble's on its
            // request) is the fair step itself: its stay case is given that the step is not forward's,
            // and ends at once (progress covers it; as a stay, cr's step after the config map's write
            // ran out at 6x, and the ensemble's answer to exists ran past 5 min). On another message,
            // with x answering cr's pending request, a reconcile step can only be another key's (rpc
            // ids are unique). The API server's stays are cheap without it.
            let onMessage = Self.splitsOnItsMessage.contains(action) ? [CaseSplit("message", cases: try {
                let taken = try model.input(action, inputs(x).count - 1) .== inputs(x).last!
                return [NamedTerm(Self.theLinksMessage, taken), NamedTerm("another", try !taken)]
            }())] : []
            // An own phase's answer that needs only some invariants: its answering action's cases
            // (and the answer's progress, in the link it answers) get those, the others no heavy ones.
            var given = u + (needsHeavy ? heavy : []), focusing: [ClusterProof.Withholding] = []
            if needsHeavy && !heavyInStays { focusing.append(ClusterProof.Withholding(heavy, keeping: [], from: actions)) }
            if let phase = ownPhase, let answerUses = phase.answerUses {
                let claims = try Set(answerUses.map { try TempPred.always(.lift($0.predicate(model))).description })
                let known = Set(given.map(\.claim.description))
                let extra = answerInvariants.filter { claims.contains($0.claim.description) && !known.contains($0.claim.description) }
                given += extra
                let answering = Set([phase.answeredBy] + (isHandled ? ["WF1 progress"] : []))
                focusing = [ClusterProof.Withholding(given, keeping: othersSteps + given.filter { claims.contains($0.claim.description) },
                                                     from: answering),
                            ClusterProof.Withholding(heavy + extra, keeping: [],
                                                     from: actions.union(["WF1 progress", "WF1 enabled"]).subtracting(answering))]
            }
            // A request about cr is cr's pending request (so another message about cr is none, and
            // an answer's request is gone); one about another leaves cr's part as it is.
            var aboutCR: [CaseSplit] = []
            if let phase = ownPhase, let isAboutCR = phase.isAboutCR {
                let about = try isAboutCR(model, cr, model.input(phase.answeredBy))
                aboutCR = [CaseSplit(Self.aboutCRSplit, cases: [NamedTerm(Self.aboutCR, about), NamedTerm(Self.aboutAnother, try !about)])]
                let senders = try Set((phase.aboutCRUses + Self.whoSendsWhat).map { try TempPred.always(.lift($0.predicate(model))).description })
                let onlyPending = try onlyPendingIsAboutCR(phase, isAboutCR, from: [fresh] + (u + answerInvariants).filter {
                    senders.contains($0.claim.description)
                })
                given.append(onlyPending)
                focusing += [ClusterProof.Withholding(given, keeping: [], from: ["\(Self.aboutCRSplit)=\(Self.aboutAnother)"]),
                             ClusterProof.Withholding(given, keeping: othersSteps + [onlyPending], from: ["\(Self.aboutCRSplit)=\(Self.aboutCR)"]),
                             ClusterProof.Withholding([onlyPending], keeping: [], from: actions.union(["WF1 progress", "WF1 enabled"]).subtracting([phase.answeredBy]))]
            }
            if let phase = ownPhase, !isHandled, !phase.stepUses.isEmpty {
                let claims = try Set(phase.stepUses.map { try TempPred.always(.lift($0.predicate(model))).description })
                let known = Set(given.map(\.claim.description))
                let stepping = answerInvariants.filter { claims.contains($0.claim.description) && !known.contains($0.claim.description) } + stepFacts
                given += stepping
                focusing.append(ClusterProof.Withholding(stepping, keeping: [], from: actions))
            }
            return try steps.weaken(proof.existsIntro(proof.wf1(from(x), to, by: action, inputs(x), in: spec, using: given, splits: onMessage + aboutCR + progressSplits + splits,
                                                         withholding: sparing + focusing,
                                                         forwardExcludedIn: ["message=\(Self.theLinksMessage)"], rlimit: rlimit,
                                                         arrayExtensionality: ownPhase?.arrayExtensionality ?? true,
                                                         line: line), over: x),
                             from: .lift(any), to: .lift(to), using: [], line: line)
        }

        // `□(every request in flight about cr, as an own phase says, is cr's pending request)`, from
        // J(n) ∧ Q(n) and who sends what (once per phase).
        var onlyPendingAboutCR: [String: Fact] = [:]
        func onlyPendingIsAboutCR(_ phase: OwnPhase, _ isAboutCR: @escaping @Sendable (ClusterModel, Term, Term) throws(SortError) -> Term,
                                  from invariants: [Fact]) throws -> Fact {
            if let known = onlyPendingAboutCR[phase.name] { return known }
            let onlyPending = try proof.predicate("every request in flight about cr that \(phase.answeredBy) takes is cr's pending request") {
                (s) throws(SortError) in
                try model.everyInFlight(s) { (m) throws(SortError) in
                    try isAboutCR(model, cr, m) ==> s["ongoing"].lookup(crKey).unwrap(or: .false) { (o) throws(SortError) in
                        try o["pendingRequest"] .== .some(m)
                    }
                }
            }
            let fact = try steps.establish(Rules.invariantN(invariants, implies: .lift(onlyPending), under: spec.formula))
            onlyPendingAboutCR[phase.name] = fact
            return fact
        }

        // The waiting predicates: at a phase, its request x in flight (and the objects before made).
        func waitingGet(_ i: Int, _ x: Variable) throws -> StatePred {
            let q = p.each[i]
            let name = "cr's reconcile at afterGet(\(q.object.noun)), its get \(x.name) in flight"
            return try reconcile(name) { (s, local, pending) throws(SortError) in
                try .and([q.object.isAt(local, "afterGet"), waitsOn(s, pending, x.term), gets(x.term, [q.key]), madeBefore(i, s)] + keptBefore(i, local))
            }
        }
        func waitingGetAny(_ i: Int) throws -> StatePred {
            let q = p.each[i]
            let name = "cr's reconcile at afterGet(\(q.object.noun)), its get in flight"
            return try reconcile(name) { (s, local, pending) throws(SortError) in
                try .and([q.object.isAt(local, "afterGet"), pending.unwrap(or: .false) { (x) throws(SortError) in
                    try s["network"].contains(x) && gets(x, [q.key])
                }, madeBefore(i, s)] + keptBefore(i, local))
            }
        }

        // The controller's own phases: each waits on its request, whose answer leads on.
        func waitingOwn(_ phase: OwnPhase, _ x: Variable?) throws -> StatePred {
            let name = "cr's reconcile at \(phase.name), its request\(x.map { " \($0.name)" } ?? "") in flight"
            let made = objectsBefore[phase.name] ?? 0
            return try reconcile(name) { (s, local, pending) throws(SortError) in
                let waits: Term
                if let x {
                    waits = try waitsOn(s, pending, x.term) && phase.waiting(model, s, cr, x.term)
                } else {
                    waits = try pending.unwrap(or: .false) { (y) throws(SortError) in try s["network"].contains(y) && phase.waiting(model, s, cr, y) }
                }
                return try .and([phases.isAt(local, phase.name), waits] + (made > 0 ? [madeBefore(made, s)] : []) + keptBefore(made, local))
            }
        }
        func answeredOwn(_ phase: OwnPhase, _ x: Variable?) throws -> StatePred {
            let name = "cr's reconcile at \(phase.name), answered\(x.map { " by \($0.name)" } ?? "")"
            let made = objectsBefore[phase.name] ?? 0
            return try reconcile(name) { (s, local, pending) throws(SortError) in
                let answered: Term
                if let x {
                    answered = try answers(s, pending, x.term) && phase.answered(model, s, cr, x.term)
                } else {
                    answered = try Term.exists("r", sort) { (y) throws(SortError) in try answers(s, pending, y) && phase.answered(model, s, cr, y) }
                }
                return try .and([phases.isAt(local, phase.name), answered] + (made > 0 ? [madeBefore(made, s)] : []) + keptBefore(made, local))
            }
        }
        // Where a step leads, as one predicate (a disjunction when it may lead to several places).
        func reached(_ next: [OwnPhase.Next]) throws -> StatePred {
            let each = try next.map { (n) throws -> StatePred in
                switch n {
                case .phase(let name): return try waitingOwn(own.phase(name), nil)
                case .get(let i): return try waitingGetAny(i)
                }
            }
            return try each.dropFirst().reduce(each[0]) { try $0 || $1 }
        }

        // The chain from each place to `made`, walked from the end (each place once).
        var toMade: [OwnPhase.Next: Fact] = [:]
        func reach(_ next: [OwnPhase.Next]) throws -> Fact {
            let each = try next.map(reachOne)
            guard each.count > 1 else { return each[0] }
            return try steps.weaken(Rules.orLeadsToN(each), from: .lift(reached(next)), to: .lift(made), using: [])
        }
        func reachOne(_ place: OwnPhase.Next) throws -> Fact {
            if let known = toMade[place] { return known }
            let fact: Fact
            switch place {
            case .phase(let name):
                let phase = try own.phase(name)
                let handled = try link({ try waitingOwn(phase, $0) }, answeredOwn(phase, nil), by: phase.answeredBy, { [$0.term] },
                                       over: m, any: waitingOwn(phase, nil), needsHeavy: phase.needsHeavy,
                                       ownPhase: phase, isHandled: true)
                let stepped = try link({ try answeredOwn(phase, $0) }, reached(phase.next), by: "continueReconcile",
                                       { [crKey, .some($0.term)] }, over: r, any: answeredOwn(phase, nil), needsHeavy: phase.needsHeavy,
                                       ownPhase: phase)
                fact = try Rules.leadsToTransN([handled, stepped, reach(phase.next)])
            case .get(let i):
                fact = try objectLinks(i)
            }
            toMade[place] = fact
            return fact
        }

        // Each object: its get answered fresh, its write sent, the write answered ok (the last: made).
        func objectLinks(_ i: Int) throws -> Fact {
            let q = p.each[i]
            var links: [Fact] = []
            let isLast = i == last
            let fixesFields = !q.object.fieldsFixedByName.isEmpty || !q.object.fieldsFixedByOwner.isEmpty
            let noun = q.object.noun
            func answered(_ x: Variable?) throws -> StatePred {
                let name = "cr's reconcile at afterGet(\(noun)), answered fresh\(x.map { " by \($0.name)" } ?? "")"
                return try reconcile(name) { (s, local, pending) throws(SortError) in
                    let fresh: Term
                    if let x {
                        fresh = try answers(s, pending, x.term) && freshGet(q, s, x.term)
                    } else {
                        fresh = try Term.exists("r", sort) { (y) throws(SortError) in try answers(s, pending, y) && freshGet(q, s, y) }
                    }
                    return try .and([q.object.isAt(local, "afterGet"), fresh, madeBefore(i, s)] + keptBefore(i, local))
                }
            }
            func writing(_ x: Variable?) throws -> StatePred {
                let name = "cr's reconcile writes the \(noun)\(x.map { ", \($0.name) in flight" } ?? "")"
                return try reconcile(name) { (s, local, pending) throws(SortError) in
                    let fresh: Term
                    if let x {
                        fresh = try waitsOn(s, pending, x.term) && freshWrite(q, s, local, x.term)
                    } else {
                        fresh = try pending.unwrap(or: .false) { (y) throws(SortError) in try s["network"].contains(y) && freshWrite(q, s, local, y) }
                    }
                    return try .and([fresh, madeBefore(i, s)] + keptBefore(i, local))
                }
            }
            func written(_ x: Variable?) throws -> StatePred {
                let name = "cr's reconcile has written the \(noun)\(x.map { ", answer \($0.name)" } ?? "")"
                return try reconcile(name) { (s, local, pending) throws(SortError) in
                    // The answer's object has a resource version (the API server gives each write one),
                    // which a reconcile that keeps it (ZooKeeper's config map) needs to go on.
                    func versioned(_ y: Term) throws(SortError) -> Term {
                        try model.onAPIResponse(y, otherwise: .false) { (response) throws(SortError) in
                            try APIServer.responseObject(response).unwrap(or: .false) { (o) throws(SortError) in try o["metadata"]["resourceVersion"].isSome }
                        }
                    }
                    let ok: Term
                    if let x {
                        ok = try answers(s, pending, x.term) && succeeded(x.term, ["create", "update"]) && versioned(x.term)
                    } else {
                        ok = try Term.exists("r", sort) { (y) throws(SortError) in
                            try answers(s, pending, y) && succeeded(y, ["create", "update"]) && versioned(y)
                        }
                    }
                    return try .and([q.object.isAt(local, "afterCreate") || q.object.isAt(local, "afterUpdate"), ok, madeBefore(i + 1, s)] + keptBefore(i, local))
                }
            }
            // The get's answer needs no fixed field (with them, stays under another reconcile's get or
            // create of ZooKeeper's stateful set ran past 4 min); its write and the write's answer do.
            links.append(try link({ try waitingGet(i, $0) }, answered(nil), by: "apiServerHandles", { [$0.term] },
                                  over: m, any: waitingGetAny(i), needsHeavy: false))
            if isLast {
                // The last object: its write (or it is made already) makes every object.
                let writingOrMade = try writing(nil) || made
                let found = try succeeded(r.term, ["get"])
                links.append(try link({ try answered($0) }, writingOrMade, by: "continueReconcile", { [crKey, .some($0.term)] },
                                      over: r, any: answered(nil), needsHeavy: fixesFields, heavyInStays: false,
                                      progressSplits: [CaseSplit("answer", cases: [NamedTerm("found", found), NamedTerm("not found", try !found)],
                                                                 through: ["WF1 progress"])]))
                let writtenIt = try link({ try writing($0) }, made, by: "apiServerHandles", { [$0.term] }, over: m, any: writing(nil),
                                         needsHeavy: fixesFields)
                links.append(try steps.weaken(Rules.orLeadsTo(writtenIt, Rules.leadsToSelf(.lift(made), under: spec.formula)),
                                              from: .lift(writingOrMade), to: .lift(made), using: []))
            } else {
                links.append(try link({ try answered($0) }, writing(nil), by: "continueReconcile", { [crKey, .some($0.term)] },
                                      over: r, any: answered(nil), needsHeavy: fixesFields))
                links.append(try link({ try writing($0) }, written(nil), by: "apiServerHandles", { [$0.term] }, over: m, any: writing(nil),
                                      needsHeavy: fixesFields))
                links.append(try link({ try written($0) }, reached(own.after(i)), by: "continueReconcile", { [crKey, .some($0.term)] },
                                      over: r, any: written(nil), needsHeavy: fixesFields))
                links.append(try reach(own.after(i)))
            }
            return try Rules.leadsToTransN(links)
        }
        let first = try proof.wf1(begun, reached(own.fromStart), by: "continueReconcile", [crKey, none], in: spec, using: scheduling,
                                  splits: splits)
        let fromBegun = try Rules.leadsToTransN([first, reach(own.fromStart)])
        return try steps.weaken(Rules.orLeadsTo(Rules.leadsToTransN([scheduleIt, startIt, fromBegun]), Rules.leadsToTrans(startIt, fromBegun)),
                                from: .lift(stopped), to: .lift(made), using: [])
    }
}
