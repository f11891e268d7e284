@testable import Logic
import Testing

private let counter = Sort.datatype(DatatypeDecl.enumeration("Counter", ["zero", "one", "two"]))
private func at(_ name: String) -> Term { try! .enumCase(counter.datatype!, name) }
private let isZero = try! StatePred("zero", state: counter) { s throws(SortError) in try s .== at("zero") }
private let isTwo = try! StatePred("two", state: counter) { s throws(SortError) in try s .== at("two") }
private let tick = try! ActionPred("tick", state: counter) { s, t throws(SortError) in
    try ((s .== at("zero")) && (t .== at("one"))) || ((s .== at("one")) && (t .== at("two")))
}
private let next = try! ActionPred("next", state: counter) { s, t throws(SortError) in try (s .== t) || tick.at(s, t) }
private let spec = try! Spec(initial: isZero, next: next, fairness: [tick], assumptions: [.always(.eventually(.lift(isTwo)))])

@Test func aSpecIsTheConjunctionOfItsParts() throws {
    #expect(spec.conjuncts == [.lift(isZero), .always(.liftAction(next)), .weakFairness(tick), .always(.eventually(.lift(isTwo)))])
    #expect(spec.formula == .and(spec.conjuncts))
    #expect(try spec.entailsInit.entailment == Entailment(spec: spec.formula, claim: .lift(isZero)))
    #expect(try spec.entailsAlwaysNext.claim == .always(.liftAction(next)))
    #expect(try spec.entailsFairness(tick).claim == .weakFairness(tick))
    #expect(try spec.entailsAssumption(0).claim == .always(.eventually(.lift(isTwo))))
    #expect(try spec.entailsWithoutInit.entailment == Entailment(spec: spec.formula, claim: spec.withoutInit.formula))
    #expect(try spec.withoutInit.entailsAlwaysNext.spec == spec.withoutInit.formula)
    #expect(spec.assuming(.lift(isTwo)).formula == spec.formula.and(.lift(isTwo)))
    #expect(try spec.entailsInit.entailment.assumptions.count == 4)
}

@Test func aSpecRefusesWhatItDoesNotContain() throws {
    #expect(throws: KernelError.self) { try spec.entailsFairness(next) }
    #expect(throws: KernelError.self) { try spec.entailsAssumption(1) }
    #expect(throws: KernelError.self) { try spec.withoutInit.entailsInit }
    let other = try StatePred("other", state: .bool) { s in s }
    #expect(throws: KernelError.self) { try Spec(initial: other, next: next) }
}

@Test func aPendingFactNeedsAReceiptForEveryObligation() throws {
    let inv = try !isTwo || isTwo
    let pending = try Rules.initInvariant(init: spec.entailsInit, next: spec.entailsAlwaysNext, invariant: inv)
    #expect(pending.obligations.map(\.label) == ["initInvariant init", "initInvariant step"])
    #expect(pending.conclusion.spec == spec.formula)
    let error = #expect(throws: KernelError.self) { try pending.complete(with: [DischargeReceipt(pending.obligations[0])]) }
    #expect(error?.message.contains("initInvariant step") == true)
    let elsewhere = Obligation(label: "initInvariant step", goal: .true, hypotheses: [], origin: SourceLocation(file: "x", line: 1))
    #expect(throws: KernelError.self) { try pending.complete(with: [DischargeReceipt(pending.obligations[0]), DischargeReceipt(elsewhere)]) }
    let fact = try pending.complete(with: pending.obligations.map { DischargeReceipt($0) })
    #expect(fact.rule == "initInvariant" && fact.claim == .always(.lift(inv)))
}

@Test func obligationsRecordWhereTheRuleWasApplied() throws {
    let line = #line + 1
    let pending = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(tick), from: isZero, to: isTwo)
    #expect(pending.obligations.allSatisfy { $0.origin.line == line && $0.origin.file.hasSuffix("KernelSpecTests.swift") })
    #expect(pending.obligations.map(\.label) == ["WF1 stay", "WF1 progress", "WF1 enabled"])
}

@Test func invariantsBecomeNamedHypotheses() throws {
    let inv = Fact(Entailment(spec: spec.formula, claim: .always(.lift(isTwo))), rule: "test")
    let pending = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(tick), from: isZero, to: isTwo, using: [inv, inv])
    let stay = pending.obligations[0], enabled = pending.obligations[2]
    #expect(stay.hypotheses.map(\.name) == ["two", "two'", "two#2", "two'#2", Rules.stepIsNotForward])
    #expect(enabled.hypotheses.map(\.name) == ["two", "two#2"])
    let foreign = Fact(Entailment(spec: .true.and(.lift(isZero)), claim: .always(.lift(isTwo))), rule: "test")
    #expect(throws: KernelError.self) {
        try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(tick), from: isZero, to: isTwo, using: [foreign])
    }
}

@Test func aWitnessMakesTheEnabledObligationQuantifierFree() throws {
    let pending = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(tick), from: isZero, to: isTwo) { _ in at("one") }
    let enabled = pending.obligations[2].goal
    #expect(enabled.description.contains("∃") == false)
    let plain = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(tick), from: isZero, to: isTwo)
    #expect(plain.obligations[2].goal.description.contains("∃"))
    #expect(throws: KernelError.self) {
        try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(tick), from: isZero, to: isTwo) { _ in Term.int(1) }
    }
}

@Test func aStableSpecLetsConditionsMoveBetweenSpecAndPremise() throws {
    let stableSpec = spec.withoutInit
    let stable = try Rules.stableAndN([
        Rules.alwaysPIsStable(.liftAction(next)), Rules.weakFairnessIsStable(tick), Rules.alwaysPIsStable(.eventually(.lift(isTwo))),
    ])
    #expect(stable.claim == .stable(stableSpec.formula))
    let p = TempPred.lift(isZero), c = TempPred.lift(isTwo)
    let packed = try Rules.packConditionsToSpec(Rules.leadsToSelf(p.and(c), under: stableSpec.formula), condition: c)
    #expect(packed.spec == stableSpec.assuming(.always(c)).formula)
    let unpacked = try Rules.unpackConditionsFromSpec(stable, packed)
    #expect(unpacked.entailment == Entailment(spec: stableSpec.formula, claim: .leadsTo(p.and(.always(c)), p.and(c))))
    let onFullSpec = try Rules.entailsTrans(spec.entailsWithoutInit, unpacked)
    #expect(onFullSpec.spec == spec.formula)
    #expect(throws: KernelError.self) { try Rules.unpackConditionsFromSpec(Rules.alwaysPIsStable(.lift(isZero)), packed) }
}
