import ClusterModel
import VCGen

/// Liveness lemmas every controller's ESR proof uses: failures stop, old requests are flushed out,
/// every reconcile ends, and a resource whose reconcile is not running gets a fresh one.
extension ClusterProof {
    // MARK: Failures stop

    /// The failure switches of the cluster state.
    static let failureSwitches = ["crashEnabled", "requestDropEnabled", "apiErrorEnabled", "podMonkeyEnabled"]

    /// `¬field`: this kind of failure can no longer happen.
    func switchOff(_ field: String) throws -> StatePred {
        try predicate("¬\(field)") { (s) throws(SortError) in try !s[field] }
    }

    /// `F`: no failure can happen any more (every switch off).
    var failuresOff: StatePred {
        get throws {
            try predicate("failures off") { (s) throws(SortError) in try Term.and(Self.failureSwitches.map { (f) throws(SortError) in try !s[f] }) }
        }
    }

    /// `spec ⊨ true ~> □¬field`, by WF1 on the weakly fair action that turns the switch off, then
    /// stability (no action turns a switch back on).
    func switchTurnsOff(_ field: String, by disabler: String, in spec: Spec, file: String = #filePath, line: Int = #line) throws -> Fact {
        let on = try predicate(field) { (s) throws(SortError) in try s[field] }
        let off = try switchOff(field)
        let onToOff = try wf1(on, off, by: disabler, in: spec, using: [], file: file, line: line)
        let offToOff = Rules.leadsToSelf(.lift(off), under: spec.formula)
        let trueToOff = try steps.weaken(Rules.orLeadsTo(onToOff, offToOff), from: .true, to: .lift(off), using: [], file: file, line: line)
        return try stabilized(trueToOff, in: spec, using: [], file: file, line: line)
    }

    /// The switches with the weakly fair actions that turn them off.
    static let disablers = ["crashEnabled": "disableCrash", "requestDropEnabled": "disableRequestDrop",
                            "apiErrorEnabled": "disableAPIErrors", "podMonkeyEnabled": "disablePodMonkey"]

    /// `spec ⊨ true ~> □F`: every failure eventually stops for good.
    func failuresStop(in spec: Spec, file: String = #filePath, line: Int = #line) throws -> Fact {
        let each = try Self.failureSwitches.map { try switchTurnsOff($0, by: Self.disablers[$0]!, in: spec, file: file, line: line) }
        return try alwaysWeakened(Rules.leadsToAlwaysAndN(each), to: .lift(failuresOff), in: spec, file: file, line: line)
    }

    /// `spec ⊨ p ~> □q2` from `spec ⊨ p ~> □q1` and `□(q1 ⇒ q2)` (from invariants).
    func alwaysWeakened(_ f: Fact, to q2: TempPred, in spec: Spec, using invariants: [Fact] = [],
                        file: String = #filePath, line: Int = #line) throws -> Fact {
        guard case .leadsTo(let p, .always(let q1)) = f.claim else { throw KernelError("ClusterProof", "expected p ~> []q, got \(f.claim)") }
        let implies = try always(q1, implies: q2, in: spec, using: invariants, file: file, line: line)
        let lifted = try Rules.alwaysImpliesPreservedByAlways(implies)
        let same = try steps.establish(Rules.tautology(.implies(p, p), file: file, line: line))
        return try Rules.leadsToWeaken(f, premise: same, conclusion: lifted)
    }

    // MARK: Old requests are flushed out

    /// `Q(j)`: no in-flight request has an rpc id below j.
    func noRequestBelow(_ j: Term, _ s: Term) throws(SortError) -> Term {
        try model.everyInFlight(s) { (m) throws(SortError) in try model.isRequest(m) ==> (m["rpcId"] >= j) }
    }

    /// `spec ⊨ (counter ≥ n ∧ n ≥ 0) ~> □(Q(n) ∧ counter ≥ n)` for every n: every request sent
    /// before the rpc id counter reached n is eventually answered (by induction on how many ids
    /// below n may still be requests; each is handled by its server's per-message fairness).
    /// Uses: rpc ids unique, below the counter, non-negative; message directions.
    func requestsBelowAreFlushed(_ n: Variable, in spec: Spec, using invariants: [Fact],
                                 file: String = #filePath, line: Int = #line) throws -> Fact {
        let d = Variable("d", .int), m = Variable("m", model.network.messageSort)
        let counterAtLeast = { (s: Term) throws(SortError) -> Term in try s["rpcIdCounter"] >= n.term }
        let family = TempPred.lift(try predicate("Q(\(n.name)-d) /\\ counter >= \(n.name)") { (s) throws(SortError) in
            try noRequestBelow(n.term - d.term, s) && counterAtLeast(s)
        })
        guard case .lift(let lower) = try family.substituting(d, with: d.term - 1) else { preconditionFailure() }
        let j = try n.term - d.term
        let pre = { (s: Term) throws(SortError) -> Term in try .and([noRequestBelow(j, s), counterAtLeast(s), d.term > 0]) }
        func handled(_ kind: String, by action: String) throws -> Fact {
            let p = try predicate("request \(m.name) with rpc id \(n.name)-d in flight") { (s) throws(SortError) in
                try .and([pre(s), s["network"].contains(m.term), m.term["rpcId"] .== j, m.term["content"].is(kind)])
            }
            return try existsIntro(wf1(p, lower, by: action, [m.term], in: spec, using: invariants, file: file, line: line), over: m)
        }
        let none = try predicate("no request with rpc id \(n.name)-d") { (s) throws(SortError) in
            let network = try s["network"]
            return try pre(s) && !Term.exists("r", model.network.messageSort) { (r) throws(SortError) in
                try .and([network.contains(r), model.isRequest(r), r["rpcId"] .== j])
            }
        }
        let cases = try Rules.orLeadsToN([
            handled("apiRequest", by: "apiServerHandles"), handled("externalRequest", by: "externalHandles"),
            implication(.lift(none), .lift(lower), in: spec, using: invariants, file: file, line: line),
        ])
        let positive = TempPred.lift(try predicate("d > 0") { _ throws(SortError) in try d.term > 0 })
        let step = try steps.weaken(cases, from: family.and(positive), to: .lift(lower), using: invariants, file: file, line: line)
        let down = try instantiate(Rules.leadsToRankStepOneUnbounded(step, family: family, rank: d), d, with: n.term)
        let start = TempPred.lift(try predicate("counter >= \(n.name) /\\ \(n.name) >= 0") { (s) throws(SortError) in
            try counterAtLeast(s) && n.term >= 0
        })
        let flushed = TempPred.lift(try predicate("Q(\(n.name)) /\\ counter >= \(n.name)") { (s) throws(SortError) in
            try noRequestBelow(n.term, s) && counterAtLeast(s)
        })
        let reached = try steps.weaken(down, from: start, to: flushed, using: invariants, file: file, line: line)
        return try stabilized(reached, in: spec, using: invariants, file: file, line: line)
    }

    /// `spec ⊨ start ~> □X` (`true ~> □X` without `start`) where, once `start` holds with the
    /// rpc id counter at n, `R(n)` holds and is preserved, and `R(n)` together with every older
    /// request gone (`Q(n)`) implies X: "what was sent from now on is right, and what was sent
    /// before is eventually gone".
    func onceOldRequestsAreGone(_ x: StatePred, fresh r: @escaping (Term, Term) throws(SortError) -> Term, once start: StatePred? = nil,
                                in spec: Spec, using invariants: [Fact], instances: [InstancedFact] = [], splits: [CaseSplit] = [],
                                flush flushInvariants: [Fact], rlimit factor: Int = 1, file: String = #filePath,
                                line: Int = #line) throws -> Fact {
        let n = Variable("n", .int)
        let now = try predicate(start.map { "\($0.name) /\\ counter = \(n.name)" } ?? "counter = \(n.name)") { (s) throws(SortError) in
            let counter = try s["rpcIdCounter"] .== n.term
            return try start.map { (p) throws(SortError) in try p.at(s) && counter } ?? counter
        }
        let fresh = try predicate("R(\(n.name)) /\\ counter >= \(n.name)") { (s) throws(SortError) in
            try r(n.term, s) && s["rpcIdCounter"] >= n.term
        }
        let keptFresh = try stabilized(implication(.lift(now), .lift(fresh), in: spec, using: flushInvariants, file: file, line: line),
                                       in: spec, using: invariants, instances: instances, splits: splits, rlimit: factor,
                                       file: file, line: line)
        let flushed = try requestsBelowAreFlushed(n, in: spec, using: flushInvariants, file: file, line: line)
        let flushedNow = try strengthenedPremise(flushed, from: .lift(now), in: spec, using: flushInvariants, file: file, line: line)
        let both = try alwaysWeakened(Rules.leadsToAlwaysAnd(keptFresh, flushedNow), to: .lift(x), in: spec, using: [],
                                      file: file, line: line)
        let some = try existsIntro(both, over: n)
        return try strengthenedPremise(some, from: start.map { .lift($0) } ?? .true, in: spec, file: file, line: line)
    }

    // MARK: Reconciles end and start

    /// `ongoing[k]` exists.
    func running(_ k: Term) throws -> StatePred {
        try predicate("running(\(k))") { (s) throws(SortError) in try s["ongoing"].hasKey(k) }
    }

    /// `spec ⊨ running(k) ~> ¬running(k)`: every reconcile ends (or the controller crashes), by
    /// induction on `rank` of its local state (at most `maxRank`; 0 exactly at done or error;
    /// every step lowers it): each step's request is answered by its server's fairness, each answer
    /// is taken by the reconcile's fairness, and a finished reconcile is ended.
    /// Uses: pending requests or their answers in flight, pending requests are requests, message directions.
    func reconcileEnds(_ k: Term, rank: @escaping (Term) throws(SortError) -> Term, maxRank: Int, in spec: Spec,
                       using invariants: [Fact], stepSplits: [CaseSplit] = [], file: String = #filePath, line: Int = #line) throws -> Fact {
        let j = Variable("j", .int), p = Variable("p", model.network.messageSort), r = Variable("r", model.network.messageSort)
        let noMessage = Term.none(model.network.messageSort)
        func ongoing(_ s: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
            try s["ongoing"].lookup(k).unwrap(or: .false, body)
        }
        let family = TempPred.lift(try predicate("¬running(k) \\/ rank <= j") { (s) throws(SortError) in
            try s["ongoing"].lookup(k).unwrap(or: .true) { (o) throws(SortError) in try rank(o["localState"]) <= j.term }
        })
        guard case .lift(let lower) = try family.substituting(j, with: j.term - 1) else { preconditionFailure() }
        let atRank = { (o: Term) throws(SortError) -> Term in try rank(o["localState"]) .== j.term && j.term > 0 }
        let idle = try predicate("at rank j, nothing pending") { (s) throws(SortError) in
            try ongoing(s) { (o) throws(SortError) in try atRank(o) && o["pendingRequest"] .== noMessage }
        }
        let idleStep = try wf1(idle, lower, by: "continueReconcile", [k, noMessage], in: spec, using: invariants, splits: stepSplits,
                               file: file, line: line)
        let answered = try predicate("at rank j, answered") { (s) throws(SortError) in
            let network = try s["network"]
            return try ongoing(s) { (o) throws(SortError) in
                try atRank(o) && o["pendingRequest"].unwrap(or: .false) { (pending) throws(SortError) in
                    try Term.exists("r", model.network.messageSort) { (r) throws(SortError) in
                        try network.contains(r) && model.network.isResponse(r, to: pending)
                    }
                }
            }
        }
        let answer = try predicate("at rank j, answer \(r.name) in flight") { (s) throws(SortError) in
            try ongoing(s) { (o) throws(SortError) in
                try atRank(o) && o["pendingRequest"].unwrap(or: .false) { (pending) throws(SortError) in
                    try s["network"].contains(r.term) && model.network.isResponse(r.term, to: pending)
                }
            }
        }
        let taken = try wf1(answer, lower, by: "continueReconcile", [k, .some(r.term)], in: spec, using: invariants,
                            splits: stepSplits, file: file, line: line)
        let answeredStep = try steps.weaken(existsIntro(taken, over: r), from: .lift(answered), to: .lift(lower), using: [],
                                            file: file, line: line)
        let answeredOrLower = try answered || lower
        let afterAnswer = try steps.weaken(Rules.orLeadsTo(answeredStep, Rules.leadsToSelf(.lift(lower), under: spec.formula)),
                                           from: .lift(answeredOrLower), to: .lift(lower), using: [], file: file, line: line)
        func sent(_ kind: String, handledBy action: String) throws -> Fact {
            let inFlight = try predicate("at rank j, \(p.name) pending in flight") { (s) throws(SortError) in
                try ongoing(s) { (o) throws(SortError) in
                    try .and([atRank(o), o["pendingRequest"] .== .some(p.term), s["network"].contains(p.term), p.term["content"].is(kind)])
                }
            }
            let handled = try wf1(inFlight, answeredOrLower, by: action, [p.term], in: spec, using: invariants, file: file, line: line)
            return try existsIntro(Rules.leadsToTrans(handled, afterAnswer), over: p)
        }
        let terminalOrIdle = try predicate("¬running(k) \\/ rank <= j-1") { (s) throws(SortError) in lower.at(s) }
        let step = try steps.weaken(Rules.orLeadsToN([
            Rules.leadsToSelf(.lift(terminalOrIdle), under: spec.formula), idleStep, answeredStep,
            sent("apiRequest", handledBy: "apiServerHandles"), sent("externalRequest", handledBy: "externalHandles"),
        ]), from: family.and(.lift(try predicate("j > 0") { _ throws(SortError) in try j.term > 0 })), to: .lift(lower),
           using: invariants, file: file, line: line)
        let down = try instantiate(Rules.leadsToRankStepOneUnbounded(step, family: family, rank: j), j, with: .int(maxRank))
        let finished = try predicate("running(k) at rank 0") { (s) throws(SortError) in
            try ongoing(s) { (o) throws(SortError) in try rank(o["localState"]) <= 0 }
        }
        let stopped = try predicate("¬running(k)") { (s) throws(SortError) in try !s["ongoing"].hasKey(k) }
        let ended = try wf1(finished, stopped, by: "endReconcile", [k], in: spec, using: invariants, file: file, line: line)
        let toStopped = try steps.weaken(Rules.orLeadsTo(ended, Rules.leadsToSelf(.lift(stopped), under: spec.formula)),
                                         from: down.claim.leadsToTarget, to: .lift(stopped), using: [], file: file, line: line)
        return try steps.weaken(Rules.leadsToTrans(down, toStopped), from: .lift(try running(k)), to: .lift(stopped),
                                using: invariants, file: file, line: line)
    }
}

extension TempPred {
    /// The target q of a leads-to `p ~> q` (the formula itself otherwise).
    var leadsToTarget: TempPred {
        if case .leadsTo(_, let q) = self { return q }
        return self
    }
}
