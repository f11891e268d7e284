import ClusterModel
import VCGen

/// An invariant an induction step uses only in its cases through one of `labels` (an action, such
/// as `continueReconcile`, or a case of a split, such as `phase=at afterGet(configMap)`): the other
/// cases are not given it. With `instance`, those cases are given it instantiated at the terms it
/// returns (over the step's variables, such as the action's inputs), at s only, not quantified.
struct ScopedUse: Sendable {
    let invariant: ClusterInvariant
    let labels: Set<String>
    var instance: (@Sendable (ClusterModel) throws -> [Term])? = nil
}

/// A state invariant of a cluster model, with the invariants its induction step uses as hypotheses.
/// Equality is by name: one name, one invariant.
struct ClusterInvariant: Sendable, Hashable {
    let name: String
    let uses: [ClusterInvariant]
    /// Invariants the induction step uses only in some of its cases.
    let scopedUses: [ScopedUse]
    /// Cases of the induction step (by label) that are given the invariants it uses at s only, not
    /// at s' (a reconcile step's: the state it reaches is a large term, and each invariant at s'
    /// repeats it).
    let usesAtSOnly: Set<String>
    /// Case analyses for the induction step (for example by who sent the handled message).
    let splits: @Sendable (ClusterModel) throws -> [CaseSplit]
    /// How many times the run's rlimit the induction step may use.
    let rlimit: Int
    let body: @Sendable (ClusterModel, Term) throws(SortError) -> Term
    /// Where it is declared: its induction step's failures are reported there.
    let file: String
    let line: Int

    init(_ name: String, uses: [ClusterInvariant] = [], scopedUses: [ScopedUse] = [], usesAtSOnly: Set<String> = [],
         splits: @escaping @Sendable (ClusterModel) throws -> [CaseSplit] = { _ in [] },
         rlimit: Int = 1, file: String = #filePath, line: Int = #line,
         _ body: @escaping @Sendable (ClusterModel, Term) throws(SortError) -> Term) {
        self.name = name
        self.file = file
        self.line = line
        self.uses = uses
        self.scopedUses = scopedUses
        self.usesAtSOnly = usesAtSOnly
        self.splits = splits
        self.rlimit = rlimit
        self.body = body
    }

    /// The invariant as a state predicate of `model`.
    func predicate(_ model: ClusterModel) throws(SortError) -> StatePred {
        try model.predicate(name) { (s) throws(SortError) in try body(model, s) }
    }

    /// Every invariant the induction step uses, in any of its cases, each once.
    var allUses: [ClusterInvariant] {
        (uses + scopedUses.map(\.invariant)).reduce(into: []) { out, i in if !out.contains(i) { out.append(i) } }
    }

    /// This invariant after every invariant it uses, transitively, each once.
    var withDependencies: [ClusterInvariant] {
        var seen: Set<String> = [], order: [ClusterInvariant] = []
        func visit(_ i: ClusterInvariant) {
            guard seen.insert(i.name).inserted else { return }
            i.allUses.forEach(visit)
            order.append(i)
        }
        visit(self)
        return order
    }

    static func == (a: ClusterInvariant, b: ClusterInvariant) -> Bool { a.name == b.name }
    func hash(into h: inout Hasher) { h.combine(name) }
}

/// Invariants established together by `initInvariant`, each once: those that use no other first,
/// then those whose hypotheses are all established, each level's obligations discharged in parallel.
struct InvariantBundle {
    let model: ClusterModel
    let spec: Spec
    private(set) var facts: [String: Fact] = [:]

    init(model: ClusterModel, spec: Spec) {
        self.model = model
        self.spec = spec
    }

    /// Establishes `invariants` (and what they use) under the spec; a failed induction step is
    /// reported at its invariant's declaration.
    mutating func establish(_ invariants: [ClusterInvariant], _ steps: ProofSteps) throws {
        var pending = invariants.flatMap(\.withDependencies).reduce(into: [ClusterInvariant]()) { out, i in
            if facts[i.name] == nil && !out.contains(i) { out.append(i) }
        }
        while !pending.isEmpty {
            let ready = pending.filter { $0.allUses.allSatisfy { facts[$0.name] != nil } }
            guard !ready.isEmpty else { throw KernelError("InvariantBundle", "the invariants' uses form a cycle: \(pending.map(\.name))") }
            let proofs = try ready.map { i in
                var proof = try Rules.initInvariant(init: spec.entailsInit, next: spec.entailsAlwaysNext, invariant: i.predicate(model),
                                                    using: i.allUses.map { facts[$0.name]! }, file: i.file, line: i.line)
                    .splittingCases(i.splits(model)).withRlimitFactor(i.rlimit)
                // An invariant used only in some cases is withheld from the others (unless also used
                // everywhere), and given to those instantiated where it has an instance.
                for use in i.scopedUses where !i.uses.contains(use.invariant) {
                    let fact = facts[use.invariant.name]!
                    if let instance = use.instance {
                        proof = proof.instantiating([InstancedFact(fact, at: try instance(model), inCasesThrough: use.labels)])
                    } else {
                        proof = proof.scopingInvariants([fact], toCasesThrough: use.labels)
                    }
                }
                if !i.usesAtSOnly.isEmpty {
                    let others = Set(model.machine.actions.map(\.name)).subtracting(i.usesAtSOnly)
                    proof = proof.scopingHypotheses(Set(try i.uses.map { try $0.predicate(model).description + "'" }), toCasesThrough: others)
                }
                return proof
            }
            for (i, f) in zip(ready, try steps.establish(proofs)) { facts[i.name] = f }
            pending.removeAll { facts[$0.name] != nil }
        }
    }

    /// A bundle under `spec ∧ □u1 ∧ ... ∧ □un` for the invariants `given`, each taken as given
    /// (`spec ⊨ □ui` from the spec's assumption) rather than established.
    static func given(_ given: [ClusterInvariant], model: ClusterModel, spec: Spec) throws -> InvariantBundle {
        var spec = spec
        for u in given { spec = spec.assuming(.always(.lift(try u.predicate(model)))) }
        var bundle = InvariantBundle(model: model, spec: spec)
        for (k, u) in given.enumerated() {
            bundle.facts[u.name] = try spec.entailsAssumption(spec.assumptions.count - given.count + k)
        }
        return bundle
    }

    /// `spec ⊨ □inv` for an established invariant.
    func fact(_ i: ClusterInvariant) throws -> Fact {
        guard let f = facts[i.name] else { throw KernelError("InvariantBundle", "'\(i.name)' has not been established") }
        return f
    }
}

extension ClusterInvariant {
    /// The theorem `spec ⊨ □inv` about the model `model()` builds, proved by `initInvariant` after
    /// the invariants it uses (established again, in this theorem).
    func theorem(file: String = #filePath, line: Int = #line, model: @escaping @Sendable () throws -> ClusterModel) -> Theorem {
        let invariant = self
        return Theorem(name, file: file, line: line, statement: {
            let model = try model()
            return Entailment(spec: try model.spec().formula, claim: .always(.lift(try invariant.predicate(model))))
        }, proof: { steps in
            let model = try model()
            var bundle = InvariantBundle(model: model, spec: try model.spec())
            try bundle.establish([invariant], steps)
            return try bundle.fact(invariant)
        })
    }

    /// The lemma `spec ∧ □(the invariants it uses, transitively) ⊨ □inv`: its induction step alone, the same
    /// obligations `theorem` discharges last (they do not mention the spec), so where the lemma
    /// fails the theorem's proof, and any proof establishing the invariant, fails.
    func stepLemma(file: String = #filePath, line: Int = #line, model: @escaping @Sendable () throws -> ClusterModel) -> Theorem {
        let invariant = self
        @Sendable func bundle(_ model: ClusterModel) throws -> InvariantBundle {
            try InvariantBundle.given(invariant.withDependencies.filter { $0 != invariant }, model: model, spec: model.spec())
        }
        return Theorem("\(name) (the invariants it uses given)", file: file, line: line, statement: {
            let model = try model()
            return Entailment(spec: try bundle(model).spec.formula, claim: .always(.lift(try invariant.predicate(model))))
        }, proof: { steps in
            var given = try bundle(model())
            try given.establish([invariant], steps)
            return try given.fact(invariant)
        })
    }
}
