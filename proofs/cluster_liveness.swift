import ClusterModel
import Controllers
import VCGen

/// First liveness building blocks of an ESR proof for the cluster running the simple controller:
/// each failure switch is eventually off for good (WF1 on its weakly fair disabling action, then
/// stability), the four together as the bundle the ESR proof assumes, and, once crashes have
/// stopped, a scheduled reconcile eventually starts (WF1 on `startReconcile` for one key).
public enum cluster_liveness: ProofModule {
    /// The system under proof, and the seeded bugs the proofs must reject.
    enum Variant: Sendable {
        case correct
        /// `disableCrash` is not assumed fair: the controller may crash forever.
        case crashUnfair
    }

    static let model: ClusterModel = {
        do { return try ClusterModel(reconciler: SimpleReconciler(), resourceKind: .simpleCR) } catch {
            preconditionFailure("the cluster model for the liveness proofs cannot be built: \(error)")
        }
    }()

    static func machine(_ variant: Variant) throws -> StateMachine {
        switch variant {
        case .correct: return model.machine
        case .crashUnfair: return try model.machine.withFairness(.none, of: "disableCrash")
        }
    }

    // MARK: The failure switches

    /// `¬field`, for each failure switch.
    static func switchOff(_ field: String) throws -> StatePred {
        try model.predicate("¬\(field)") { (s) throws(SortError) in try !s[field] }
    }

    /// The bundle the ESR proof assumes: `◇□(¬crash ∧ ¬requestDrop ∧ ¬apiErrors ∧ ¬podMonkey)`.
    public static func failuresEventuallyStop() throws -> TempPred {
        .eventually(.always(.and(try ClusterProof.failureSwitches.map { try TempPred.lift(switchOff($0)) })))
    }

    static func switchTurnsOffTheorem(_ field: String, _ variant: Variant, fairAction: String? = nil, line: Int = #line) -> Theorem {
        Theorem("true ~> []¬\(field)", line: line, statement: {
            Entailment(spec: try machine(variant).spec().formula, claim: .true ~> .always(.lift(try switchOff(field))))
        }, proof: { steps in
            try ClusterProof(model: model, machine: machine(variant), steps: steps)
                .switchTurnsOff(field, by: fairAction ?? ClusterProof.disablers[field]!, in: try machine(variant).spec())
        })
    }

    static func failuresStopTheorem(_ variant: Variant, line: Int = #line) -> Theorem {
        Theorem("<>[](every failure switch off)", line: line, statement: {
            Entailment(spec: try machine(variant).spec().formula, claim: try failuresEventuallyStop())
        }, proof: { steps in
            let proof = ClusterProof(model: model, machine: try machine(variant), steps: steps)
            let spec = try machine(variant).spec()
            let each = try ClusterProof.failureSwitches.map { try proof.switchTurnsOff($0, by: ClusterProof.disablers[$0]!, in: spec) }
            return try Rules.trueLeadsToEventuallyAlwaysEquality(Rules.leadsToAlwaysAndN(each))
        })
    }

    // MARK: A scheduled reconcile starts

    static let keySort = Sort.datatype(K8s.objectKey)
    /// The custom resource's key: a parameter, so the theorem holds for every key.
    static let k = Variable("k", keySort)

    static func scheduled(_ key: Term) throws -> StatePred {
        try model.predicate("scheduled(\(key))") { (s) throws(SortError) in try s["scheduled"].hasKey(key) }
    }
    static func ongoing(_ key: Term) throws -> StatePred {
        try model.predicate("ongoing(\(key))") { (s) throws(SortError) in try s["ongoing"].hasKey(key) }
    }

    /// The spec with crashes stopped (`spec ∧ □¬crashEnabled`), or without that assumption in a mutant.
    static func specWithoutCrashes(_ variant: Variant, assumingNoCrash: Bool) throws -> Spec {
        let spec = try machine(variant).spec()
        return assumingNoCrash ? spec.assuming(.always(.lift(try switchOff("crashEnabled")))) : spec
    }

    /// `spec ∧ □¬crashEnabled ⊨ scheduled(k) ~> ongoing(k)`.
    static func scheduledStartsTheorem(_ variant: Variant, assumingNoCrash: Bool = true, line: Int = #line) -> Theorem {
        Theorem("scheduled(k) ~> ongoing(k)", line: line, statement: {
            let spec = try specWithoutCrashes(variant, assumingNoCrash: assumingNoCrash)
            return Entailment(spec: spec.formula, claim: .lift(try scheduled(k.term)) ~> .lift(try ongoing(k.term)))
        }, proof: { steps in
            let spec = try specWithoutCrashes(variant, assumingNoCrash: assumingNoCrash)
            let start = try machine(variant).action("startReconcile")
            let perKey = tlaForall(start.inputs[0], weakFairness(try start.forward(start.inputs.map(\.term))))
            guard let index = spec.assumptions.firstIndex(of: perKey) else {
                throw KernelError("cluster_liveness", "startReconcile is not assumed fair per key")
            }
            let fairForK = try Rules.specEntailsTlaForallApply(spec.entailsAssumption(index), to: k.term)
            let noCrash = assumingNoCrash ? [try spec.entailsAssumption(spec.assumptions.count - 1)] : []

            let waiting = try model.predicate("scheduled(k), not running") { (s) throws(SortError) in
                try s["scheduled"].hasKey(k.term) && !s["ongoing"].hasKey(k.term)
            }
            let running = TempPred.lift(try ongoing(k.term))
            // Waiting: startReconcile(k) stays enabled (no crash empties `scheduled`) until it runs.
            let waitingToRunning = try steps.wf1(waiting, ongoing(k.term), by: fairForK, of: spec, using: noCrash)
            // Running already: nothing to do.
            let runningToRunning = Rules.leadsToSelf(running, under: spec.formula)
            return try steps.weaken(Rules.orLeadsTo(waitingToRunning, runningToRunning),
                                    from: .lift(scheduled(k.term)), to: running, using: [])
        })
    }

    // MARK: Proofs and mutants

    static func theorems(_ variant: Variant) -> [any Proof] {
        ClusterProof.failureSwitches.map { switchTurnsOffTheorem($0, variant) } + [failuresStopTheorem(variant), scheduledStartsTheorem(variant)]
    }

    public static let proofs = theorems(.correct)

    public static let mutants: [Mutant] = [
        Mutant("crash unfair", bug: "disableCrash is not assumed fair", proofs: theorems(.crashUnfair)),
        Mutant("pod monkey from crash fairness", bug: "the pod monkey's switch is claimed off by disableCrash's fairness",
               proofs: [switchTurnsOffTheorem("podMonkeyEnabled", .correct, fairAction: "disableCrash")]),
        Mutant("start without crashes stopped", bug: "scheduled(k) ~> ongoing(k) claimed while the controller may still crash",
               proofs: [scheduledStartsTheorem(.correct, assumingNoCrash: false)]),
    ]
}

extension StateMachine {
    /// The same machine with `name`'s fairness replaced (to seed an unfair action as a mutant).
    func withFairness(_ fairness: Fairness, of name: String) throws -> StateMachine {
        let s = Variable.state(stateSort)
        let replaced = try actions.map { (a) throws(SortError) -> Action in
            guard a.name == name else { return a }
            let inputs = a.inputs.map { (String($0.name.dropFirst(name.count + 1)), $0.sort) }
            func rebuilt(_ t: Term, _ state: Term, _ values: [Term]) -> Term {
                t.substituting(Dictionary(uniqueKeysWithValues: [(s, state)] + zip(a.inputs, values).map { ($0, $1) }))
            }
            return try Action(name, state: stateSort, inputs: inputs, fairness: fairness,
                              guard: { (state, values) in rebuilt(a.guardTerm, state, values) },
                              effect: { (state, values) in rebuilt(a.effectTerm, state, values) })
        }
        return try StateMachine(self.name, state: stateSort, initial: initial, actions: replaced)
    }
}
