/// A judgement `spec |= claim`: every execution satisfying `spec` satisfies `claim` at position 0.
///
/// Free parameters are universally quantified over the whole judgement.
public struct Entailment: Hashable, Sendable, CustomStringConvertible {
    public let spec: TempPred
    public let claim: TempPred

    public init(spec: TempPred, claim: TempPred) {
        self.spec = spec
        self.claim = claim
    }

    /// The conjuncts of the spec: every assumption the judgement rests on.
    public var assumptions: [TempPred] { spec == .true ? [] : spec.conjuncts }

    public var description: String { "\(spec) |= \(claim)" }
}

/// An established entailment `spec |= claim`. Only the kernel's rules (from facts and discharged
/// obligations) can create one; `rule` names the rule that did.
public struct Fact: Hashable, Sendable, CustomStringConvertible {
    public let entailment: Entailment
    /// The Swift name of the rule that made this fact (its `RuleCatalogue` entry).
    public let rule: String

    init(_ entailment: Entailment, rule: String) {
        self.entailment = entailment
        self.rule = rule
    }

    public var spec: TempPred { entailment.spec }
    public var claim: TempPred { entailment.claim }
    /// Whether the claim holds on every execution (the spec is `TRUE`).
    public var isValid: Bool { spec == .true }

    public var description: String { "\(entailment)  [\(rule)]" }
}
