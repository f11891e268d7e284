/// A state-machine specification: `init /\ []next /\ WF(a1) /\ ... /\ assumptions`.
///
/// `initial` is nil for a spec that constrains only behaviour from any point on (used with the
/// stability rules, since `init` is not stable). Every conjunct is printed as an assumption of a
/// theorem proved under the spec.
public struct Spec: Hashable, Sendable, CustomStringConvertible {
    public let initial: StatePred?
    public let next: ActionPred
    /// Each action here is assumed weakly fair.
    public let fairness: [ActionPred]
    /// Further conjuncts, for example `[]desired(cr)`.
    public let assumptions: [TempPred]

    /// Throws when the predicates are over different state sorts.
    public init(initial: StatePred?, next: ActionPred, fairness: [ActionPred] = [], assumptions: [TempPred] = []) throws(KernelError) {
        self.initial = initial
        self.next = next
        self.fairness = fairness
        self.assumptions = assumptions
        let sorts = formula.stateSorts
        guard sorts.count <= 1 else {
            throw KernelError("Spec", "predicates over several state sorts: " + sorts.map(\.description).sorted().joined(separator: ", "))
        }
    }

    /// The conjuncts in order: init (if any), `[]next`, the fairness conditions, the assumptions.
    public var conjuncts: [TempPred] {
        (initial.map { [TempPred.lift($0)] } ?? []) + [.always(.liftAction(next))]
            + fairness.map { .weakFairness($0) } + assumptions
    }

    /// The spec as one formula (always a conjunction, so strengthening appends a conjunct).
    public var formula: TempPred { .and(conjuncts) }

    /// The same spec without its initial condition.
    public var withoutInit: Spec { Spec(unchecked: nil, next, fairness, assumptions) }

    /// The spec with one more assumption.
    public func assuming(_ condition: TempPred) -> Spec { Spec(unchecked: initial, next, fairness, assumptions + [condition]) }

    private init(unchecked initial: StatePred?, _ next: ActionPred, _ fairness: [ActionPred], _ assumptions: [TempPred]) {
        self.initial = initial
        self.next = next
        self.fairness = fairness
        self.assumptions = assumptions
    }

    // MARK: Facts from the spec's own conjuncts

    /// `spec |= init`.
    public var entailsInit: Fact {
        get throws(KernelError) {
            guard initial != nil else { throw KernelError("Spec.entailsInit", "the spec has no initial condition") }
            return try conjunct(0)
        }
    }

    /// `spec |= []next`.
    public var entailsAlwaysNext: Fact {
        get throws(KernelError) { try conjunct(initial == nil ? 0 : 1) }
    }

    /// `spec |= WF(a)` for a fairness action of the spec.
    public func entailsFairness(_ a: ActionPred) throws(KernelError) -> Fact {
        guard let i = conjuncts.firstIndex(of: .weakFairness(a)) else {
            throw KernelError("Spec.entailsFairness", "WF(\(a.name)) is not a conjunct of the spec")
        }
        return try conjunct(i)
    }

    /// `spec |= assumptions[i]`.
    public func entailsAssumption(_ i: Int) throws(KernelError) -> Fact {
        guard assumptions.indices.contains(i) else {
            throw KernelError("Spec.entailsAssumption", "no assumption #\(i); the spec has \(assumptions.count)")
        }
        return try conjunct(conjuncts.count - assumptions.count + i)
    }

    /// `spec |= spec-without-init`.
    public var entailsWithoutInit: Fact {
        get throws(KernelError) {
            let skip = initial == nil ? 0 : 1
            var parts: [Fact] = []
            for i in skip..<conjuncts.count { parts.append(try conjunct(i)) }
            return try Rules.entailsAndN(parts)
        }
    }

    private func conjunct(_ i: Int) throws(KernelError) -> Fact {
        try Rules.entailsAndElim(Rules.entailsSelf(formula), conjunct: i)
    }

    public var description: String { formula.description }
}
