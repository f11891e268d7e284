import ClusterModel
import VCGen

/// What a liveness proof about a cluster model works with: the model and the proof steps, and the
/// bridges from the model's actions to the kernel's rules (fairness facts, WF1 by an action).
struct ClusterProof {
    let model: ClusterModel
    /// The model's machine, or a variant of it with other fairness (a mutant).
    let machine: StateMachine
    let steps: ProofSteps

    init(model: ClusterModel, machine: StateMachine? = nil, steps: ProofSteps) {
        self.model = model
        self.machine = machine ?? model.machine
        self.steps = steps
    }

    // MARK: Fairness

    /// `spec ⊨ WF(action(inputs))`: from a weakly fair action's conjunct, or by instantiating its
    /// per-input fairness `∀ inputs. WF(action(inputs))`.
    func fairness(_ name: String, _ inputs: [Term] = [], in spec: Spec) throws -> Fact {
        let action = try machine.action(name)
        switch action.fairness {
        case .none: throw KernelError("ClusterProof", "'\(name)' is not assumed fair")
        case .weak: return try spec.entailsFairness(action.step)
        case .weakPerInput:
            var wf = TempPred.weakFairness(try action.forward(action.inputs.map(\.term)))
            for v in action.inputs.reversed() { wf = .tlaForall(v, wf) }
            guard let i = spec.assumptions.firstIndex(of: wf) else {
                throw KernelError("ClusterProof", "the spec does not assume '\(name)' fair per input")
            }
            var f = try spec.entailsAssumption(i)
            for t in inputs { f = try Rules.specEntailsTlaForallApply(f, to: t) }
            return f
        }
    }

    /// `spec ⊨ p ~> q` by WF1 on `action(inputs)`, with established invariants as hypotheses and
    /// case analyses for its step obligations. The cases of the actions in `usesAtSOnly` (every
    /// action's, by default) are given the invariants at s only: a predicate at s' follows from s
    /// and the step, and each invariant at s' repeats the large state the step reaches (simple's
    /// ESR: 1.6x less rlimit; see `ClusterInvariant.usesAtSOnly`). The cases through each
    /// `withholding`'s labels (actions, case-split cases) are not given its invariants at all.
    func wf1(_ p: StatePred, _ q: StatePred, by action: String, _ inputs: [Term] = [], in spec: Spec, using invariants: [Fact],
             splits: [CaseSplit] = [], usesAtSOnly: Set<String>? = nil, withholding: [Withholding] = [],
             forwardExcludedIn: Set<String> = [], rlimit factor: Int = 1, arrayExtensionality: Bool = true,
             file: String = #filePath, line: Int = #line) throws -> Fact {
        let actions = Set(machine.actions.map(\.name) + ["stutter"])
        var proof = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: fairness(action, inputs, in: spec), from: p, to: q,
                                  using: invariants, file: file, line: line).splittingCases(splits).withRlimitFactor(factor)
        if !arrayExtensionality { proof = proof.withoutArrayExtensionality() }
        proof = proof
            .scopingHypotheses(Self.primed(invariants), toCasesThrough: actions.subtracting(usesAtSOnly ?? actions))
            .scopingHypotheses([Rules.stepIsNotForward], toCasesThrough: forwardExcludedIn)
        for w in withholding { proof = proof.withholdingInvariants(w.invariants, fromCasesThrough: w.cases) }
        return try steps.establish(proof)
    }

    /// Invariants a rule's cases through one of `cases` (the labels on a case's path: an action,
    /// or a case split's `name=case`) go without; the invariants a rule is given but those cases
    /// do not need, whose instances would only slow Z3 there.
    struct Withholding {
        let invariants: [Fact]
        let cases: Set<String>

        /// Every invariant of `all` but those of `kept` (by claim), withheld from `cases`.
        init(_ all: [Fact], keeping kept: [Fact], from cases: Set<String>) {
            let keptClaims = Set(kept.map(\.claim.description))
            invariants = all.filter { !keptClaims.contains($0.claim.description) }
            self.cases = cases
        }
    }

    /// The names the invariants `[]inv` of `invariants` have at s' among a rule's hypotheses.
    static func primed(_ invariants: [Fact]) -> Set<String> {
        Set(invariants.compactMap { (f) -> String? in
            guard case .always(let inv) = f.claim else { return nil }
            return inv.description + "'"
        })
    }

    /// A state predicate of the model.
    func predicate(_ name: String, _ body: (Term) throws(SortError) -> Term) throws -> StatePred {
        try model.predicate(name, body)
    }

    // MARK: Specs

    /// The same fact about a stronger spec: every conjunct of the fact's spec is one of `spec`'s.
    func strengthened(_ f: Fact, to spec: Spec) throws -> Fact {
        let formula = spec.formula
        if f.spec == formula || f.isValid { return f }
        let whole = Rules.entailsSelf(formula)
        var parts: [Fact] = []
        for c in f.spec.conjuncts {
            guard let i = formula.conjuncts.firstIndex(of: c) else {
                throw KernelError("ClusterProof", "the stronger spec lacks the conjunct \(c)")
            }
            parts.append(try Rules.entailsAndElim(whole, conjunct: i))
        }
        let entailed = parts.count == 1 && f.spec.conjuncts == [f.spec] ? parts[0] : try Rules.entailsAndN(parts)
        return try Rules.entailsTrans(entailed, f)
    }

    /// `|= stable(spec)` for a spec without an initial condition whose conjuncts are `[]p`, `WF(a)`
    /// and `\A x: ...` of those.
    static func stability(of spec: Spec) throws -> Fact {
        func stable(_ c: TempPred) throws -> Fact {
            switch c {
            case .always(let p): return Rules.alwaysPIsStable(p)
            case .weakFairness(let a): return Rules.weakFairnessIsStable(a)
            case .tlaForall(let x, let body): return try Rules.tlaForallIsStable(stable(body), over: x)
            default: throw KernelError("ClusterProof", "\(c) is not a stable conjunct")
            }
        }
        guard spec.initial == nil else { throw KernelError("ClusterProof", "a spec with an initial condition is not stable") }
        return try Rules.stableAndN(spec.conjuncts.map(stable))
    }

    // MARK: Small steps

    /// `spec ⊨ □(p ⇒ q)` for state-level p, q, from invariants.
    func always(_ p: TempPred, implies q: TempPred, in spec: Spec, using invariants: [Fact] = [],
                file: String = #filePath, line: Int = #line) throws -> Fact {
        try steps.establish(Rules.invariantN(invariants, implies: .implies(p, q), under: spec.formula, file: file, line: line))
    }

    /// The case analysis of the message the API server handles in a step, by sender and request.
    var apiServerMessageCases: CaseSplit { get throws { try apiServerMessageCases(controllerRequests: ["get", "create", "update"]) } }
    /// The same, with a reconcile's requests split into `controllerRequests` and the rest.
    func apiServerMessageCases(controllerRequests: [String]) throws -> CaseSplit {
        try model.senderCases(of: model.input("apiServerHandles"), controllerRequests: controllerRequests)
    }

    /// `spec ⊨ p ~> q` for state-level p, q with `p ⇒ q` (from invariants).
    func implication(_ p: TempPred, _ q: TempPred, in spec: Spec, using invariants: [Fact] = [],
                     file: String = #filePath, line: Int = #line) throws -> Fact {
        try Rules.alwaysImpliesToLeadsTo(always(p, implies: q, in: spec, using: invariants, file: file, line: line))
    }

    /// `spec ⊨ p2 ~> q2` from `spec ⊨ p1 ~> q1` where p2 ⇒ p1 and q1 ⇒ q2 are propositional
    /// tautologies over temporal atoms.
    func reshaped(_ f: Fact, from p2: TempPred, to q2: TempPred, file: String = #filePath, line: Int = #line) throws -> Fact {
        guard case .leadsTo(let p1, let q1) = f.claim else { throw KernelError("ClusterProof", "expected a leads-to, got \(f.claim)") }
        let premise = try steps.establish(Rules.tautology(.implies(p2, p1), file: file, line: line))
        let conclusion = try steps.establish(Rules.tautology(.implies(q1, q2), file: file, line: line))
        return try Rules.leadsToWeaken(f, premise: premise, conclusion: conclusion)
    }

    /// `spec ⊨ p2 ~> q` from `spec ⊨ p1 ~> q` with `p2 ⇒ p1` (state-level, from invariants); q may be temporal.
    func strengthenedPremise(_ f: Fact, from p2: TempPred, in spec: Spec, using invariants: [Fact] = [],
                             file: String = #filePath, line: Int = #line) throws -> Fact {
        guard case .leadsTo(let p1, let q) = f.claim else { throw KernelError("ClusterProof", "expected a leads-to, got \(f.claim)") }
        let premise = try always(p2, implies: p1, in: spec, using: invariants, file: file, line: line)
        let same = try steps.establish(Rules.tautology(.implies(q, q), file: file, line: line))
        return try Rules.leadsToWeaken(f, premise: premise, conclusion: same)
    }

    /// `spec ⊨ p ~> □q` from `spec ⊨ p ~> q` and q preserved by every step (from invariants at s
    /// only, as for `wf1`, with case analyses).
    func stabilized(_ f: Fact, in spec: Spec, using invariants: [Fact], instances: [InstancedFact] = [], splits: [CaseSplit] = [],
                    rlimit factor: Int = 1, file: String = #filePath, line: Int = #line) throws -> Fact {
        guard case .leadsTo(_, let q) = f.claim else { throw KernelError("ClusterProof", "expected a leads-to, got \(f.claim)") }
        let next = TempPred.liftAction(spec.next)
        let preserved = try steps.establish(Rules.invariantN(invariants + instances.map(\.fact), implies: .implies(q.and(next), .later(q)),
                                                             under: spec.formula, file: file, line: line)
            .splittingCases(splits).instantiating(instances).withRlimitFactor(factor)
            .scopingHypotheses(Self.primed(invariants), toCasesThrough: []))
        return try Rules.leadsToStable(preserved: preserved, next: spec.entailsAlwaysNext, f)
    }

    /// `spec ⊨ (∃x. p(x)) ~> q` from `spec ⊨ p(x) ~> q` for every x.
    func existsIntro(_ f: Fact, over x: Variable) throws -> Fact { try Rules.leadsToExistsIntro(f, over: x) }

    /// `spec ⊨ P(t)` from `spec ⊨ P(x)` for every x (x free in the fact, not in its spec).
    func instantiate(_ f: Fact, _ x: Variable, with t: Term) throws -> Fact {
        try Rules.specEntailsTlaForallApply(Rules.specEntailsTlaForall(f, over: x), to: t)
    }
}

/// An invariant that the cases of a step through one of `labels` are given instantiated at `terms`
/// (over the step's variables, such as an action's inputs), at s only, and the other cases not at
/// all: Z3 gets the one instance a case needs, not the quantifier and every instance it leads to.
/// With no terms, the invariant itself, at s, given to those cases only.
struct InstancedFact {
    let fact: Fact
    let terms: [Term]
    let labels: Set<String>

    init(_ fact: Fact, at terms: [Term], inCasesThrough labels: Set<String>) {
        self.fact = fact
        self.terms = terms
        self.labels = labels
    }
}

extension PendingFact {
    /// The pending fact with each of `uses` (among its rule's hypotheses) given as its instance.
    func instantiating(_ uses: [InstancedFact]) -> PendingFact {
        uses.reduce(self) { proof, use in
            guard case .always(let p) = use.fact.claim else { return proof }
            return proof.scopingHypotheses([p.description], toCasesThrough: use.labels)
                .scopingHypotheses([p.description + "'"], toCasesThrough: [])
                .instantiatingInvariant(use.fact, at: use.terms, inCasesThrough: use.labels)
        }
    }
}
