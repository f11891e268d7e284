@testable import Logic
import Testing

extension RuleInfo: CustomTestStringConvertible {
    public var testDescription: String { swiftName }
}

/// Rules without premises: nothing can be dropped from them.
private func isAxiom(_ rule: RuleInfo) -> Bool { rule.pre.hasPrefix("none") }

/// Every rule is sound on finite lassos: over random instances whose premises hold (fact premises by
/// construction as conjuncts of the spec, entailments and obligations checked on every lasso and
/// every state), the conclusion holds on every lasso that satisfies its spec.
@Test(arguments: RuleCatalogue.all)
func ruleIsSoundOnLassos(_ rule: RuleInfo) throws {
    let c = try #require(KernelRuleCases.byName[rule.swiftName], "no soundness case for \(rule.swiftName)")
    for model in KernelModel.all {
        let checker = KernelChecker(model)
        var gen = KernelGen(model, seed: rule.swiftName.stableHash)
        var sound = 0, checked = 0, attempts = 0
        while sound < 15 && attempts < 500 {
            attempts += 1
            switch try checker.run(try c.trial(&gen), rule: rule.swiftName) {
            case .premisesFail: continue
            case .sound(let n):
                sound += 1
                checked += n
            case .refuted(let fact, let lasso, let env):
                Issue.record("\(rule.swiftName) is unsound on \(model.name): \(fact) fails on \(lasso) with \(env)")
                return
            }
        }
        #expect(sound >= 10, "\(rule.swiftName): only \(sound) of \(attempts) instances had true premises on \(model.name)")
        if rule.swiftName != "falseEntailsAnything" {
            #expect(checked > 0, "\(rule.swiftName): no lasso satisfied a conclusion's spec on \(model.name)")
        }
    }
}

/// Every premise and obligation of every rule is needed: assuming it without making it true, some
/// instance's conclusion fails on a lasso that satisfies the spec.
@Test(arguments: RuleCatalogue.all.filter { !isAxiom($0) })
func droppingAPremiseBreaksTheRule(_ rule: RuleInfo) throws {
    let c = try #require(KernelRuleCases.byName[rule.swiftName])
    var items: Set<Dropped> = []
    var refuted: [Dropped: String] = [:]
    var attempts = 0
    for model in KernelModel.all {
        let checker = KernelChecker(model)
        var gen = KernelGen(model, seed: rule.swiftName.stableHash &+ 1)
        for _ in 0..<400 {
            if attempts >= 40 && items.allSatisfy({ refuted[$0] != nil || isExcused($0, c) }) { break }
            attempts += 1
            let trial = try c.trial(&gen)
            let here = try checker.droppable(trial)
            items.formUnion(here)
            for item in here where refuted[item] == nil && !isExcused(item, c) {
                if case .refuted(let fact, let lasso, _) = try checker.run(trial, rule: rule.swiftName, dropping: item) {
                    refuted[item] = "\(fact) fails on \(lasso)"
                }
            }
        }
    }
    #expect(!items.isEmpty, "\(rule.swiftName) has premises but no trial exposed them")
    for item in items where refuted[item] == nil && !isExcused(item, c) {
        Issue.record("\(rule.swiftName): dropping \(item) never broke the conclusion")
    }
}

private func isExcused(_ item: Dropped, _ c: RuleCase) -> Bool {
    if case .obligation(let label) = item { return c.finiteModelsCannotRefute[label] != nil }
    return false
}

/// A rule never concludes something false from true premises of another shape: with one premise
/// reshaped (still true, as a conjunct of the spec), the rule refuses it or its conclusion holds.
/// This catches a shape check that a rule forgot.
@Test(arguments: RuleCatalogue.all.filter { !isAxiom($0) })
func ruleStaysSoundWhenAPremiseIsReshaped(_ rule: RuleInfo) throws {
    let c = try #require(KernelRuleCases.byName[rule.swiftName])
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: rule.swiftName.stableHash &+ 3)
    var refused = 0, accepted = 0, premises = 0
    for _ in 0..<30 {
        let trial = try c.trial(&gen)
        premises += trial.premises.count
        for i in trial.premises.indices {
            let reshaped = trial.reshaping(premise: i, &gen)
            do {
                if case .refuted(let fact, let lasso, let env) = try checker.run(reshaped, rule: rule.swiftName) {
                    Issue.record("\(rule.swiftName) accepted a reshaped premise \(i + 1) and concluded \(fact), false on \(lasso) with \(env)")
                    return
                }
                accepted += 1
            } catch is KernelError {
                refused += 1
            }
        }
    }
    #expect(premises == 0 || refused + accepted > 0, "no reshaped premise of \(rule.swiftName) was even tried")
}

/// Rules refuse premises of the wrong shape, about another spec, or violating a side condition.
@Test(arguments: RuleCatalogue.all.filter { KernelRuleCases.byName[$0.swiftName]?.mismatch != nil })
func ruleRefusesAMismatchedPremise(_ rule: RuleInfo) throws {
    let mismatch = try #require(KernelRuleCases.byName[rule.swiftName]?.mismatch)
    var gen = KernelGen(.exhaustive, seed: rule.swiftName.stableHash &+ 2)
    let error = #expect(throws: KernelError.self) { try mismatch(&gen) }
    #expect(error?.rule == rule.swiftName, "the error names \(error?.rule ?? "nothing"), not \(rule.swiftName)")
}

/// The rules without a mismatch test are exactly those that accept any premise of their kind.
@Test func rulesWithoutAMismatchTestAcceptEveryPremiseShape() {
    let without = Set(RuleCatalogue.all.filter { KernelRuleCases.byName[$0.swiftName]?.mismatch == nil }.map(\.swiftName))
    let acceptAnything: Set<String> = [
        "entailsSelf", "entailsAndAcrossSpecs", "vacuousImplies", "falseImpliesAnything", "falseEntailsAnything",
        "alwaysEntailsCurrent", "entailsPreservedByAlways", "falseIsStable", "trueIsStable", "alwaysPIsStable",
        "leadsToIsStable", "weakFairnessIsStable", "leadsToSelf", "entailsImpliesLeadsTo", "entailsImpliesEventually",
        "falseLeadsToAnything", "eventuallyTrue", "tautology",
    ]
    #expect(without == acceptAnything)
}
