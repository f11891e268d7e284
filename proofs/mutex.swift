import VCGen

/// Two processes share a lock; each goes waiting → holding → done. Liveness: a waiting process
/// eventually finishes, by WF1 on the fair acquire and release steps, transitivity and or-leads-to.
public enum mutex: ProofModule {
    /// The system under proof, and the seeded bugs the proof must reject.
    enum Variant: Sendable {
        case correct
        /// A holder may keep the lock forever: release is never enabled.
        case releaseNeverEnabled
        /// Release is not assumed fair.
        case releaseUnfair
        /// Acquire forgets to take the lock, so both may hold it.
        case acquireIgnoresLock
        /// Broken mutex: p1 comes back for the lock (its release returns it to waiting), so it may
        /// take the lock again and again while p0 waits; weak fairness does not stop the starvation,
        /// since p0's acquire is not continuously enabled. Every leads-to here is false.
        case reentrant
    }

    static let pc = DatatypeDecl.enumeration("PC", ["waiting", "holding", "done"])
    static let process = DatatypeDecl.enumeration("Process", ["p0", "p1"])
    static let state = DatatypeDecl.record("MutexState", [.init("pc0", .datatype(pc)), .init("pc1", .datatype(pc)), .init("lockFree", .bool)])
    static let stateSort = Sort.datatype(state)

    static func pcOf(_ s: Term, _ p: Term) throws(SortError) -> Term {
        try .ite(p .== .enumCase(process, "p0"), s["pc0"], s["pc1"])
    }
    static func setPC(_ s: Term, _ p: Term, _ value: String) throws(SortError) -> Term {
        let v = try Term.enumCase(pc, value)
        return try .ite(p .== .enumCase(process, "p0"), s.with("pc0", v), s.with("pc1", v))
    }

    static func machine(_ variant: Variant) throws -> StateMachine {
        let acquire = try Action("acquire", state: stateSort, inputs: [("p", .datatype(process))], fairness: .weakPerInput,
            guard: { s, i throws(SortError) in try pcOf(s, i[0]) .== .enumCase(pc, "waiting") && s["lockFree"] },
            effect: { s, i throws(SortError) in
                let moved = try setPC(s, i[0], "holding")
                return variant == .acquireIgnoresLock ? moved : try moved.with("lockFree", false)
            })
        let release = try Action("release", state: stateSort, inputs: [("p", .datatype(process))],
            fairness: variant == .releaseUnfair ? .none : .weakPerInput,
            guard: { s, i throws(SortError) in
                variant == .releaseNeverEnabled ? .false : try pcOf(s, i[0]) .== .enumCase(pc, "holding")
            },
            effect: { s, i throws(SortError) in
                let done = try setPC(s, i[0], "done").with("lockFree", true)
                guard variant == .reentrant else { return done }
                return try .ite(i[0] .== .enumCase(process, "p1"), setPC(s, i[0], "waiting").with("lockFree", true), done)
            })
        let initial = try StatePred("init", state: stateSort) { s throws(SortError) in
            try s["pc0"] .== .enumCase(pc, "waiting") && s["pc1"] .== .enumCase(pc, "waiting") && s["lockFree"]
        }
        return try StateMachine("mutex", state: stateSort, initial: initial, actions: [acquire, release])
    }

    /// `pc(p) = value`, as a state predicate.
    static func at(_ p: String, _ value: String) throws -> StatePred {
        try StatePred("\(p) \(value)", state: stateSort) { s throws(SortError) in
            try pcOf(s, .enumCase(process, p)) .== .enumCase(pc, value)
        }
    }

    static func and(_ name: String, _ ps: [StatePred]) throws -> StatePred {
        try StatePred(name, state: stateSort) { s throws(SortError) in try Term.and(ps.map { $0.at(s) }) }
    }

    static func lockFree() throws -> StatePred { try StatePred("lock free", state: stateSort) { s throws(SortError) in try s["lockFree"] } }

    /// The lock is free exactly when nobody holds it, and at most one process holds it.
    static func lockMatchesHolders() throws -> StatePred {
        try StatePred("lock free iff nobody holds it", state: stateSort) { s throws(SortError) in
        let holding = try Term.enumCase(pc, "holding")
        return try (s["lockFree"] <==> (s["pc0"] .!= holding && s["pc1"] .!= holding))
            && !(s["pc0"] .== holding && s["pc1"] .== holding)
        }
    }

    /// A waiting process `p` (the other one is `q`) eventually is done.
    static func waitingLeadsToDone(_ variant: Variant, _ p: String, _ q: String, line: Int = #line) -> Theorem {
        Theorem("\(p) waiting ~> \(p) done", line: line, machine: { try machine(variant) }, statement: {
            let spec = try machine(variant).spec()
            return Entailment(spec: spec.formula, claim: try at(p, "waiting") ~> at(p, "done"))
        }, proof: { steps in
            let m = try machine(variant)
            let spec = try m.spec()
            let acquire = try m.action("acquire"), release = try m.action("release")
            let pTerm = try Term.enumCase(process, p), qTerm = try Term.enumCase(process, q)
            /// WF of one action for one process, from the spec's per-input fairness assumption.
            func fair(_ a: Action, _ who: Term) throws -> Fact {
                let index = try spec.assumptions.firstIndex(of: tlaForall(a.inputs[0], weakFairness(a.forward(a.inputs.map(\.term)))))
                guard let index else { throw KernelError("mutex", "\(a.name) is not assumed fair") }
                return try Rules.specEntailsTlaForallApply(spec.entailsAssumption(index), to: who)
            }
            let inv = try steps.invariant(lockMatchesHolders(), of: spec)

            let holdingP = try at(p, "holding"), doneP = try at(p, "done")
            let a = try and("\(p) waiting, lock free, \(q) waiting", [at(p, "waiting"), lockFree(), at(q, "waiting")])
            let b = try and("\(p) waiting, \(q) holding", [at(p, "waiting"), at(q, "holding")])
            let c = try and("\(p) waiting, lock free, \(q) done", [at(p, "waiting"), lockFree(), at(q, "done")])
            let holdingOrB = try StatePred("\(p) holding or (\(b.name))", state: stateSort) { s throws(SortError) in
                try holdingP.at(s) || b.at(s)
            }

            // D: the holder releases.
            let d = try steps.wf1(holdingP, doneP, by: fair(release, pTerm), of: spec, using: [inv])
            // C: with the other process done, p takes the free lock.
            let cToHolding = try steps.wf1(c, holdingP, by: fair(acquire, pTerm), of: spec, using: [inv])
            // B: the other holder releases, and is then done.
            let bToC = try steps.wf1(b, c, by: fair(release, qTerm), of: spec, using: [inv])
            // A: p takes the lock, or the other process takes it first.
            let aToHoldingOrB = try steps.wf1(a, holdingOrB, by: fair(acquire, pTerm), of: spec, using: [inv])

            let cToDone = try Rules.leadsToTrans(cToHolding, d)
            let bToDone = try Rules.leadsToTrans(bToC, cToDone)
            let holdingOrBToDone = try steps.weaken(Rules.orLeadsTo(d, bToDone), from: .lift(holdingOrB), to: .lift(doneP), using: [inv])
            let aToDone = try Rules.leadsToTrans(aToHoldingOrB, holdingOrBToDone)
            let cases = try Rules.orLeadsToN([aToDone, bToDone, cToDone])
            return try steps.weaken(cases, from: .lift(at(p, "waiting")), to: .lift(doneP), using: [inv])
        })
    }

    static func theorems(_ variant: Variant) -> [any Proof] {
        [waitingLeadsToDone(variant, "p0", "p1"), waitingLeadsToDone(variant, "p1", "p0")]
    }

    public static let proofs = theorems(.correct)

    public static let mutants: [Mutant] = [
        Mutant("release never enabled", bug: "a process may hold the lock forever", proofs: theorems(.releaseNeverEnabled)),
        Mutant("release unfair", bug: "fairness of release is dropped", proofs: theorems(.releaseUnfair)),
        Mutant("acquire ignores the lock", bug: "acquire does not take the lock", proofs: theorems(.acquireIgnoresLock)),
        Mutant("broken mutex: p1 re-enters", bug: "p1's release returns it to waiting, so it can starve p0", proofs: theorems(.reentrant),
               showsCounterexample: true),
    ]
}
