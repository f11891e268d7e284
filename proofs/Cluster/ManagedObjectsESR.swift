import ClusterModel
import VCGen

/// ESR of a controller whose reconcile keeps objects in line with its custom resource, one after
/// another ("get, then create or update" each, then done): for every resource `cr`,
///     init ∧ □next ∧ fairness ⊨ □desired(cr) ~> □matches(cr).
/// The proof follows Anvil's phases: failures stop (F); the scheduled (B) and the running (C)
/// reconcile are for `cr`; requests sent before are flushed out, so every request of the
/// reconcile is right (D); each object is owned by `cr` or absent (E, garbage collection, one
/// phase per object); no delete of them is in flight (H); then one whole reconcile, all of whose
/// answers are fresh, makes them, and nothing can change them afterwards (M). A controller's proof
/// file gives the objects, the phases and the desired state, and builds its model (correct or with
/// a seeded bug). Phase M is one reconcile through every object, a chain from its start to the
/// last object's write (`oneReconcileMakes`), after phase VII for objects whose status the
/// built-in controllers write.
struct ManagedObjectsESR: Sendable {
    /// The managed objects, in reconcile order, as the correct controller makes them.
    let objects: [ManagedObject]
    /// How the reconcile's local state shows its progress.
    let reconcilePhases: ReconcilePhases
    /// The catalogue's desired state of a cluster state for a resource (`<Controller>.matches`).
    let desiredState: @Sendable (_ s: Term, _ cr: Term) throws -> Term
    /// Kinds the reconcile only reads, any object of them in the resource's namespace (FluentBit's
    /// configuration secret).
    var reads: [K8s.Kind] = []
    /// Whether the reconcile also writes its resource's status (ZooKeeper's ready replicas).
    var writesItsStatus = false
    /// What the theorem assumes of the cluster besides `cr` being stored, as part of `desired(cr)`
    /// (FluentBit's: its configuration secret exists, as Anvil's theorem assumes).
    var assumption: DesiredAssumption? = nil
    /// The controller's own phases along phase M's chain (ZooKeeper's node calls); nil: those of
    /// `reconcilePhases.before`, gets of the objects `assumption` names (see `chainPhases`).
    var ownPhases: OwnPhases? = nil
    /// What the own phases need along the chain besides the library's invariants (ZooKeeper's:
    /// its ensemble can serve, and no other reconcile's request reaches its nodes), established
    /// from `init` with the others.
    var chainInvariants: [ClusterInvariant] = []
    /// How many times the run's rlimit the steps of phases D and E may use (ZooKeeper's: its
    /// update of a found stateful set, compared up to what the local state decides, and its own
    /// status writes make them larger).
    var phaseRlimit = 1
    /// Whether "every reconcile ends" is proved phase by phase (ZooKeeper's: its step on an
    /// answer, unsplit, runs out of rlimit; split, FluentBit's takes 1,900 more cases).
    var splitsReconcileEnds = false

    /// What a theorem concludes: the desired state, or, a step on the way there, the phases before
    /// M (every write of cr's reconcile in flight writes a made object, each object is owned by cr
    /// or absent, no delete of one is in flight).
    /// Or, one step short of the desired state, every object made as the proof compares it (the
    /// parts the local state decides left aside: `ManagedObject.withoutLocalState`).
    enum Goal: Sendable { case matches, phasesBeforeM, objectsMade }

    /// The invariants the proof of `goal` establishes from `init`: the cluster's, and the objects'
    /// and the phases'; and for phase M what its chain needs besides.
    func invariants(for goal: Goal) -> [ClusterInvariant] {
        ClusterInvariants.all + [belongToResources, reconcilePhases.pendingMatchesPhase]
            + (severalKinds ? [ClusterInvariants.getAnswersMatchTheirKeys] : []) + (keepFixedFields.map { [$0] } ?? [])
            + (goal == .phasesBeforeM ? [] : chainOnlyInvariants)
    }

    /// What phase M needs that the phases before it do not: the own phases' invariants, and that
    /// objects keep the fields their stored owner fixes.
    var chainOnlyInvariants: [ClusterInvariant] { chainInvariants + (keepOwnerFixedFields.map { [$0] } ?? []) }

    /// Whether the objects are of several kinds (a found object must then be of the kind got).
    var severalKinds: Bool { Set(objects.map(\.kind.rawValue)).count > 1 }

    /// What a reconcile step after a get needs with objects of several kinds: the phase names the
    /// key got, and the answer is of it. Each is given to the steps at an `afterGet` phase (all
    /// reconcile steps, unsplit) at the step's reconcile and answer only.
    var afterGetInstances: [ScopedUse] {
        let afterGets = reconcilePhases.phaseValues.map { "phase=at \($0)" }.filter { $0.contains("afterGet(") }
        let labels = Set(afterGets.isEmpty ? ["continueReconcile"] : afterGets)
        return [
            ScopedUse(invariant: reconcilePhases.pendingMatchesPhase, labels: labels) { model in [try model.input("continueReconcile", 0)] },
            ScopedUse(invariant: ClusterInvariants.getAnswersMatchTheirKeys, labels: labels) { model in
                [try model.input("continueReconcile", 0), try Self.someValue(model.input("continueReconcile", 1))]
            },
        ]
    }

    /// The objects' ownership invariant. With objects of several kinds its reconcile steps are given
    /// `afterGetInstances`, and the other invariants at s only.
    var belongToResources: ClusterInvariant {
        ManagedObject.belongToResources(objects, reads: reads, writesItsStatus: writesItsStatus,
                                        scopedUses: severalKinds ? afterGetInstances : [],
                                        usesAtSOnly: severalKinds ? ["continueReconcile"] : []) {
            [reconcilePhases] model in
            try reconcilePhases.stepCases(model).map { [$0] } ?? []
        }
    }

    /// The invariant that objects keep the fields their owner's name fixes (nil when no object has
    /// such fields). Its reconcile steps are given the invariants it uses at s only.
    var keepFixedFields: ClusterInvariant? {
        ManagedObject.keepTheFieldsTheirNamesFix(objects, ownership: belongToResources, controllerRequests: ManagedObject.controllerRequests(writesItsStatus: writesItsStatus),
                                                 usesAtSOnly: ["continueReconcile"]) { [reconcilePhases] model in
            try reconcilePhases.stepCases(model).map { [$0] } ?? []
        }
    }

    /// The invariant that objects keep the fields their stored owner fixes (nil when no object has
    /// such fields): what phase M's update of a found object needs. Its reconcile steps are given
    /// the invariants it uses at s only.
    var keepOwnerFixedFields: ClusterInvariant? {
        ManagedObject.keepTheFieldsTheirOwnersFix(objects, ownership: belongToResources,
                                                  controllerRequests: ManagedObject.controllerRequests(writesItsStatus: writesItsStatus),
                                                  readsAfterGets: severalKinds ? afterGetInstances : [],
                                                  usesAtSOnly: ["continueReconcile"]) { [reconcilePhases] model in
            try reconcilePhases.stepCases(model).map { [$0] } ?? []
        }
    }

    /// What phase D's steps after a get need besides `afterGetInstances`: the found object has the
    /// fields its owner's name fixes (the answer's instance of `keepFixedFields`).
    var fixedFieldInstances: [ScopedUse] {
        guard let keep = keepFixedFields, let labels = afterGetInstances.first?.labels else { return [] }
        return [ScopedUse(invariant: keep, labels: labels) { model in [try Self.someValue(model.input("continueReconcile", 1))] }]
    }

    /// The value of an option, as a term (unspecified for `none`).
    static func someValue(_ option: Term) throws(SortError) -> Term {
        guard let d = option.sort.datatype, d.isOption else { throw SortError("someValue of \(option.sort)") }
        return try .apply(.access(d, 1, 0), [option])
    }

    /// The proof's state predicates over `model`.
    func predicates(_ model: ClusterModel) throws -> ReconcilePredicates {
        try ReconcilePredicates(model: model, objects: objects, desiredState: desiredState, assumption: assumption)
    }

    /// The theorem `spec ⊨ □desired(cr) ~> □matches(cr)` (or `□goal` for another `goal`) about
    /// the model `model()` builds, reported at `file:line`.
    func theorem(_ goal: Goal = .matches, file: String = #filePath, line: Int = #line,
                 model: @escaping @Sendable () throws -> ClusterModel) -> Theorem {
        let desired = assumption.map { "[](desired(cr) /\\ \($0.name))" } ?? "[]desired(cr)"
        let name: String
        switch goal {
        case .matches: name = "ESR: \(desired) ~> []matches(cr)"
        case .phasesBeforeM: name = "\(desired) ~> [](the phases before M)"
        case .objectsMade: name = "\(desired) ~> [](the objects are made)"
        }
        return Theorem(name, file: file, line: line, statement: {
            let model = try model()
            let p = try predicates(model)
            return Entailment(spec: try model.spec().formula, claim: .leadsTo(.always(.lift(try p.desired)), .always(.lift(try p.goal(goal)))))
        }, proof: { steps in try prove(model(), steps, goal: goal) })
    }

    /// The lemma of `theorem(goal)`'s proof from phase `first` on ("D", "E(<noun>)", "H",
    /// "VII(<noun>)", "M"), through phase `last` (nil: to the end), its invariants and earlier
    /// phases taken as given: `base ⊨ □(P1 ∧ ... ∧ P(K-1)) ~> □(P1 ∧ ... ∧ Pn)`, where base is the
    /// spec without init, with the invariants and □desired(cr). Its phases are proved under the
    /// specs the whole proof proves them under (`Phases`), so where it fails, the theorem's proof fails.
    func lemma(from first: String, through last: String? = nil, goal: Goal = .matches, file: String = #filePath, line: Int = #line,
               model: @escaping @Sendable () throws -> ClusterModel) -> Theorem {
        let span = last.map { $0 == first ? "ESR's phase \(first)" : "ESR's phases \(first) to \($0)" } ?? "ESR's phases from \(first) on"
        return Theorem("\(span), the earlier ones and the invariants given", file: file, line: line, statement: {
            try runPhases(model(), .detached(), goal: goal, mode: .planning, through: last).phases.lemmaStatement(from: first)
        }, proof: { steps in
            guard let fact = try runPhases(model(), steps, goal: goal, mode: .assumingBefore(first), through: last).fact else {
                throw KernelError("ManagedObjectsESR", "no phase from \(first) on was proved")
            }
            return fact
        })
    }

    /// Where a seeded bug breaks the proof: the phase or the invariant whose lemma fails, and a
    /// fragment of the failing case's label (`Mutant.failsAt`).
    struct Breaks: Sendable {
        let phase: String?
        let invariant: ClusterInvariant?
        let label: String

        /// The lemma from phase `name` on fails, at the case labelled `label`.
        static func phase(_ name: String, at label: String) -> Breaks { Breaks(phase: name, invariant: nil, label: label) }
        /// The induction step of `invariant` (one the proof establishes) fails, at the case labelled `label`.
        static func invariant(_ invariant: ClusterInvariant, at label: String) -> Breaks { Breaks(phase: nil, invariant: invariant, label: label) }
    }

    /// The same theorem (with `goal`) about each seeded bug's model (`model(bug)`): each must fail.
    /// A bug that `breaks` places in a phase or an invariant is checked against the proof's lemma
    /// from that phase, or that invariant's induction step, first (the theorem after it, should the
    /// lemma pass), its failing case first in each step.
    func mutants<Bug: RawRepresentable & Sendable>(_ bugs: [Bug], goal: Goal = .matches, file: String = #filePath, line: Int = #line,
                                                   describe: (Bug) -> String, breaks: (Bug) -> Breaks? = { _ in nil },
                                                   model: @escaping @Sendable (Bug) throws -> ClusterModel) -> [Mutant]
        where Bug.RawValue == String {
        bugs.map { bug in
            let whole = theorem(goal, file: file, line: line) { try model(bug) }
            let breaking = breaks(bug)
            let phaseLemma = breaking?.phase.map { lemma(from: $0, goal: goal, file: file, line: line) { try model(bug) } }
            let stepLemma = breaking?.invariant.map { $0.stepLemma(file: file, line: line) { try model(bug) } }
            let lemmas = [phaseLemma, stepLemma].compactMap { $0 }
            return Mutant(bug.rawValue, bug: describe(bug), proofs: [whole], lemmas: lemmas, failsAt: breaking?.label)
        }
    }

    // MARK: The proof

    /// The proof of `theorem(goal)` about `model`.
    func prove(_ model: ClusterModel, _ steps: ProofSteps, goal: Goal) throws -> Fact {
        guard let fact = try runPhases(model, steps, goal: goal, mode: .proving).fact else {
            throw KernelError("ManagedObjectsESR", "no phase was proved")
        }
        return fact
    }

    /// The proof's phases in `mode`: all proved, with the theorem's fact (`.proving`); from one on
    /// (through `last`), the earlier taken as given (a lemma: `fact` is the phases' `□A ~> □(A ∧ ...)`);
    /// or none (`.planning`: `fact` is nil, the phases' predicates are in `phases`).
    func runPhases(_ model: ClusterModel, _ steps: ProofSteps, goal: Goal, mode: Phases.Mode,
                   through last: String? = nil) throws -> (phases: Phases, fact: Fact?) {
        let proof = ClusterProof(model: model, steps: steps)
        let p = try predicates(model)
        let spec = try model.spec()
        let crKey = try p.resource.crKey

        // The invariants, from init (taken as given by a lemma); then the stable spec without init
        // that assumes them, and □desired.
        let invariants = invariants(for: goal)
        var invariantFacts: [Fact] = []
        var base = spec.withoutInit
        if mode == .proving {
            var bundle = InvariantBundle(model: model, spec: spec)
            try bundle.establish(invariants, steps)
            invariantFacts = try invariants.map(bundle.fact)
            for f in invariantFacts { base = base.assuming(f.claim) }
        } else {
            for i in invariants { base = base.assuming(.always(.lift(try i.predicate(model)))) }
        }
        let desired = TempPred.always(.lift(try p.desired))
        var phases = try Phases(base: base.assuming(desired), proof: proof, mode: mode)
        phases.last = last
        let initial = phases
        let uses = Uses(model: model, desired: desired)
        typealias I = ClusterInvariants
        let stepSplits = try reconcilePhases.stepCases(model).map { [$0] } ?? []
        let apiCases = try proof.apiServerMessageCases(controllerRequests: ManagedObject.controllerRequests(writesItsStatus: writesItsStatus))

        // Conclusion: the phases give □target; move □desired out of the spec; the spec entails the base.
        // (A lemma concludes with its phases.)
        func concluded(_ target: StatePred) throws -> (phases: Phases, fact: Fact?) {
            guard mode == .proving else { return (phases, phases.reached) }
            guard let reached = phases.reached else { throw KernelError("ManagedObjectsESR", "no phase was proved") }
            let underDesired = try proof.alwaysWeakened(reached, to: .lift(target), in: phases.base)
            let unpackedDesired = try Rules.unpackConditionsFromSpec(ClusterProof.stability(of: base), underDesired)
            let fromDesired = try proof.reshaped(unpackedDesired, from: desired, to: .always(.lift(target)))
            let whole = Rules.entailsSelf(spec.formula)
            var parts: [Fact] = []
            for i in 1..<spec.conjuncts.count { parts.append(try Rules.entailsAndElim(whole, conjunct: i)) }
            let specEntailsBase = try Rules.entailsAndN(parts + invariantFacts)
            return (phases, try Rules.entailsTrans(specEntailsBase, fromDesired))
        }

        // The instances a reconcile step after a get is given (with objects of several kinds).
        func instances(_ scoped: [ScopedUse], in phases: Phases) throws -> [InstancedFact] {
            guard severalKinds else { return [] }
            return try scoped.map { use in
                try InstancedFact(uses([use.invariant], in: phases, desired: false, phases: false)[0],
                                  at: use.instance?(model) ?? [], inCasesThrough: use.labels)
            }
        }

        // Every reconcile of cr's key ends (proved once, when a phase first needs it, under the base).
        var endsProved: Fact?
        func ends() throws -> Fact {
            if let endsProved { return endsProved }
            let ends = try proof.reconcileEnds(crKey, rank: reconcilePhases.rank, maxRank: reconcilePhases.maxRank, in: initial.base,
                                               using: uses([I.pendingOrAnswerInFlight, I.pendingIsRequest, I.messageDirections, I.rpcIdsUnique,
                                                            I.pendingFromItsReconcile], in: initial, desired: false, phases: false),
                                               stepSplits: splitsReconcileEnds ? (reconcilePhases.stepCases(model, key: crKey).map { [$0] } ?? []) : [])
            endsProved = ends
            return ends
        }
        let stopped = try proof.predicate("¬running(cr)") { (s) throws(SortError) in try !s["ongoing"].hasKey(crKey) }
        func eventuallyStopped(in spec: Spec) throws -> Fact {
            let ended = try proof.strengthened(ends(), to: spec)
            return try steps.weaken(Rules.orLeadsTo(ended, Rules.leadsToSelf(.lift(stopped), under: spec.formula)),
                                    from: .true, to: .lift(stopped), using: [])
        }

        // F: failures stop.
        try phases.add("F", .lift(proof.failuresOff)) { phases in try proof.failuresStop(in: phases.spec) }

        // B: the scheduled reconcile is for cr (scheduling copies the stored cr).
        let scheduledRight = try p.scheduledIsTheResource
        try phases.add("B", .lift(scheduledRight)) { phases in
            let schedule = try proof.wf1(!scheduledRight, scheduledRight, by: "scheduleReconcile", [crKey], in: phases.spec,
                                         using: uses([], in: phases, phases: false))
            let toScheduledRight = try steps.weaken(Rules.orLeadsTo(schedule, Rules.leadsToSelf(.lift(scheduledRight), under: phases.spec.formula)),
                                                    from: .true, to: .lift(scheduledRight), using: [])
            return try proof.stabilized(toScheduledRight, in: phases.spec, using: uses([], in: phases, phases: false))
        }

        // C: the running reconcile is for cr (the one running ends; a new one starts from B).
        let runningRight = try p.runningIsTheResource
        try phases.add("C", .lift(runningRight)) { phases in
            let toRunningRight = try proof.reshaped(
                Rules.leadsToTrans(eventuallyStopped(in: phases.spec), proof.implication(.lift(stopped), .lift(runningRight), in: phases.spec)),
                from: .true, to: .lift(runningRight))
            return try proof.stabilized(toRunningRight, in: phases.spec, using: uses([], in: phases, desired: false))
        }

        // D: cr's reconcile sends only right requests (older ones are flushed out).
        func flushUses(in phases: Phases) throws -> [Fact] {
            try uses([I.rpcIdsUnique, I.rpcIdsBelowCounter, I.rpcIdsNonNegative, I.messageDirections], in: phases, desired: false, phases: false)
        }
        let requestsAreRight = try p.requestsAreRight
        try phases.add("D", .lift(requestsAreRight)) { phases in
            try proof.onceOldRequestsAreGone(requestsAreRight, fresh: { (n, s) throws(SortError) in
                try p.reconcileRequestsAreRight(s, from: n)
            }, in: phases.spec, using: uses([], in: phases, desired: false), instances: instances(afterGetInstances + fixedFieldInstances, in: phases),
               splits: stepSplits, flush: flushUses(in: phases), rlimit: phaseRlimit)
        }

        // E: each object is owned by cr or absent (one not owned by cr is garbage collected).
        for object in p.each {
            try phases.add("E(\(object.object.noun))", .lift(try object.ownedOrAbsent)) { phases in
                try ownedOrAbsent(object, proof, phases.spec, writers: uses(writers, in: phases),
                                  collector: uses([belongToResources, I.uidsBelowCounter], in: phases, phases: false),
                                  deleting: uses(writers.filter { $0 != I.reconcilesOfResources }, in: phases),
                                  splits: [apiCases] + stepSplits)
            }
        }

        // H: no delete of the objects is in flight (the collector cannot send one any more).
        let noDelete = try p.noDelete
        try phases.add("H", .lift(noDelete)) { phases in
            try proof.onceOldRequestsAreGone(noDelete, fresh: { (n, s) throws(SortError) in
                try p.noDeleteOfTheObjects(s, from: n)
            }, in: phases.spec, using: uses([belongToResources], in: phases), flush: flushUses(in: phases))
        }
        if goal == .phasesBeforeM { return try concluded(p.phasesBeforeM) }

        // VII: the built-in controllers stop writing the statuses of the objects of their kinds.
        for object in p.each where Self.builtinStatusKinds.contains(object.object.kind) {
            try phases.add("VII(\(object.object.noun))", .lift(try statusWritesStopped(object, proof))) { phases in
                try statusWritesStop(object, proof, phases.spec, writers: uses(writers, in: phases),
                                     updates: uses(keepOwnerFixedFields.map { [$0] } ?? [], in: phases, desired: false, phases: false),
                                     flush: flushUses(in: phases), splits: [apiCases])
            }
        }

        // M: one whole reconcile with fresh answers makes the objects; nothing changes them afterwards.
        let madeObject = try p.objectsAreMade
        try phases.add("M", .lift(madeObject)) { phases in
            let n = Variable("n", .int)
            let spec7 = phases.spec
            let start = try proof.predicate("¬running(cr) /\\ counter = n") { (s) throws(SortError) in
                try stopped.at(s) && s["rpcIdCounter"] .== n.term
            }
            let chainUses = try uses(writers + [I.pendingFromItsReconcile, I.messageDirections, self.reconcilePhases.pendingMatchesPhase]
                                         + (keepFixedFields.map { [$0] } ?? []) + chainOnlyInvariants, in: phases)
            // From a stopped reconcile at counter n, J(n) holds for good, and once older requests are flushed, Q(n).
            let fresh = try proof.predicate("J(n) /\\ counter >= n") { (s) throws(SortError) in
                try onlyPendingFrom(crKey, model, n.term, s) && s["rpcIdCounter"] >= n.term
            }
            let kept = try proof.stabilized(proof.implication(.lift(start), .lift(fresh), in: spec7, using: flushUses(in: phases)),
                                            in: spec7, using: uses([I.pendingFromItsReconcile, I.messageDirections, I.rpcIdsUnique], in: phases,
                                                                   desired: false),
                                            splits: [apiCases] + stepSplits)
            let flushed = try proof.strengthenedPremise(proof.requestsBelowAreFlushed(n, in: spec7, using: flushUses(in: phases)), from: .lift(start),
                                                        in: spec7, using: flushUses(in: phases))
            let freshAndFlushed = try proof.predicate("J(n) /\\ Q(n) /\\ counter >= n") { (s) throws(SortError) in
                try onlyPendingFrom(crKey, model, n.term, s) && proof.noRequestBelow(n.term, s) && s["rpcIdCounter"] >= n.term
            }
            let freshForGood = try proof.alwaysWeakened(Rules.leadsToAlwaysAnd(kept, flushed), to: .lift(freshAndFlushed), in: spec7)
            let spec8 = spec7.assuming(.always(.lift(freshAndFlushed)))
            let freshAssumed = try spec8.entailsAssumption(spec8.assumptions.count - 1)
            let u8 = try (chainUses + [I.rpcIdsUnique, I.resourceVersionsBelowCounter].flatMap { try uses([$0], in: phases, desired: false, phases: false) }).map {
                try proof.strengthened($0, to: spec8)
            } + [freshAssumed]
            let messages = try uses([I.pendingFromItsReconcile, I.messageDirections, I.rpcIdsUnique], in: phases, desired: false, phases: false)
            let chainSplits = try reconcilePhases.stepCases(model, apartFrom: crKey).map { [$0] } ?? []
            let heavyClaims = try Set((chainOnlyInvariants + (keepFixedFields.map { [$0] } ?? [])).map { try TempPred.always(.lift($0.predicate(model))).description })
            let (heavy, lean) = (u8.filter { heavyClaims.contains($0.claim.description) }, u8.filter { !heavyClaims.contains($0.claim.description) })
            let fromStopped = try oneReconcileMakes(p, proof, stopped: stopped, made: madeObject, in: spec8, using: lean, heavy: heavy,
                                                    scheduling: uses([], in: phases).map { try proof.strengthened($0, to: spec8) },
                                                    messages: messages.map { try proof.strengthened($0, to: spec8) }, fresh: freshAssumed,
                                                    answerInvariants: uses(ownPhaseAnswerUses, in: phases, desired: false, phases: false).map {
                                                        try proof.strengthened($0, to: spec8)
                                                    },
                                                    splits: [apiCases] + chainSplits)
            // Back under spec7: from a stopped reconcile at counter n, J(n) holds for good, so the next one makes them.
            let fromTrue = try Rules.leadsToTrans(eventuallyStopped(in: spec8), fromStopped)
            let unpacked = try Rules.unpackConditionsFromSpec(ClusterProof.stability(of: spec7), fromTrue)
            let afterStart = try Rules.leadsToTrans(freshForGood, proof.reshaped(unpacked, from: freshForGood.claim.leadsToTarget,
                                                                                     to: .lift(madeObject)))
            let someStart = try steps.weaken(proof.existsIntro(afterStart, over: n), from: .lift(stopped), to: .lift(madeObject), using: [])
            let toMade = try Rules.leadsToTrans(eventuallyStopped(in: spec7), someStart)
            return try proof.stabilized(toMade, in: spec7, using: uses(writers + (keepOwnerFixedFields.map { [$0] } ?? []), in: phases),
                                        splits: [apiCases])
        }
        return try concluded(goal == .objectsMade ? madeObject : p.matches)
    }

    /// What the own phases' answers and steps need (`OwnPhase.answerUses`, `stepUses`), each once.
    var ownPhaseAnswerUses: [ClusterInvariant] {
        var seen = Set<String>()
        return (ownPhases?.phases ?? []).flatMap { ($0.answerUses ?? []) + $0.stepUses }.filter { seen.insert($0.name).inserted }
    }

    /// What the API server's steps on the objects need: who may write them, and how.
    var writers: [ClusterInvariant] {
        typealias I = ClusterInvariants
        return [belongToResources, I.objectsMatchKeys, I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods,
                I.clientTouchesResources, I.serversSendOnlyResponses, I.messageDirections, I.reconcilesOfResources]
    }

    /// Facts `phases.spec ⊨ □inv` for the listed invariants, `□desired(cr)` and the earlier phases
    /// (recomputed for each phase's spec).
    struct Uses {
        let model: ClusterModel
        let desired: TempPred

        func callAsFunction(_ list: [ClusterInvariant], in phases: Phases, desired withDesired: Bool = true,
                            phases withPhases: Bool = true) throws -> [Fact] {
            let spec = phases.spec
            var out = try list.map { i in
                let claim = TempPred.always(.lift(try i.predicate(model)))
                guard let index = spec.assumptions.firstIndex(of: claim) else {
                    throw KernelError("ManagedObjectsESR", "the spec does not assume the invariant '\(i.name)'")
                }
                return try spec.entailsAssumption(index)
            }
            if withDesired {
                guard let index = spec.assumptions.firstIndex(of: desired) else {
                    throw KernelError("ManagedObjectsESR", "the spec does not assume []desired(cr)")
                }
                out.append(try spec.entailsAssumption(index))
            }
            if withPhases, phases.established != nil { out.append(try phases.invariant) }
            return out
        }
    }

    /// Phase E for one object: `spec ⊨ true ~> □(owned by cr or absent)`: an object not owned by
    /// `cr` is eventually deleted by the garbage collector, and `cr`'s reconcile writes only owned ones.
    /// The collector's delete in flight needs only `deleting` (the earlier phases and what each
    /// sender may write, not what a reconcile's messages are about): whatever else the API server
    /// does meanwhile, the object is deleted (absent) or keeps its uid and, owned by cr or not,
    /// its delete stays right.
    func ownedOrAbsent(_ p: ManagedObjectPredicates, _ proof: ClusterProof, _ spec: Spec, writers: [Fact], collector: [Fact],
                       deleting: [Fact], splits: [CaseSplit]) throws -> Fact {
        let model = p.model, steps = proof.steps, key = try p.object.key, owners = try p.object.owners
        let owned = try p.ownedOrAbsent
        let d = Variable("d", model.network.messageSort)
        let collecting = try proof.predicate("not owned by cr, collector's delete \(d.name) in flight") { (s) throws(SortError) in
            try p.stored(s, absent: .false) { (o) throws(SortError) in
                let delete = try APIServer.Request.delete(key, uid: o["metadata"]["uid"].unwrap(or: 0) { $0 })
                let carried = try Term.and([s["network"].contains(d.term), d.term["source"] .== Network.builtinController,
                                            d.term["content"] .== model.network.apiRequest(delete)])
                return try o["metadata"]["ownerReferences"] .!= owners && carried && o["metadata"]["uid"].isSome
            }
        }
        let collected = try proof.existsIntro(proof.wf1(collecting, owned, by: "apiServerHandles", [d.term], in: spec,
                                                        using: deleting, splits: splits,
                                                        usesAtSOnly: severalKinds ? ["continueReconcile"] : nil, rlimit: phaseRlimit), over: d)
        let collectingAny = try proof.predicate("not owned by cr, a collector's delete in flight") { (s) throws(SortError) in
            try Term.exists("d", model.network.messageSort) { (m) throws(SortError) in collecting.at(s).substituting([d: m]) }
        }
        let toCollect = try proof.wf1(!owned, try collectingAny || owned, by: "garbageCollect", [key], in: spec,
                                      using: collector, splits: splits)
        let viaDelete = try steps.weaken(Rules.orLeadsTo(collected, Rules.leadsToSelf(.lift(owned), under: spec.formula)),
                                         from: .lift(try collectingAny || owned), to: .lift(owned), using: [])
        let toOwned = try steps.weaken(Rules.orLeadsTo(Rules.leadsToTrans(toCollect, viaDelete),
                                                       Rules.leadsToSelf(.lift(owned), under: spec.formula)),
                                       from: .true, to: .lift(owned), using: [])
        return try proof.stabilized(toOwned, in: spec, using: writers, splits: splits)
    }
}
