@testable import Logic
import Testing

/// A counter that ticks zero → one → two and stutters; `broken` is never reached.
private enum Ticker {
    static let decl = DatatypeDecl.enumeration("Ticker", ["zero", "one", "two", "broken"])
    static let sort = Sort.datatype(decl)
    static func at(_ name: String) -> Term { try! .enumCase(decl, name) }
    static func state(_ name: String) -> StatePred {
        try! StatePred(name, state: sort) { s throws(SortError) in try s .== at(name) }
    }
    static let tick = try! ActionPred("tick", state: sort) { s, t throws(SortError) in
        try ((s .== at("zero")) && (t .== at("one"))) || ((s .== at("one")) && (t .== at("two")))
    }
    static let next = try! ActionPred("next", state: sort) { s, t throws(SortError) in try (s .== t) || tick.at(s, t) }
    static let notBroken = try! StatePred("not broken", state: sort) { s throws(SortError) in try s .!= at("broken") }
    static let spec = try! Spec(initial: state("zero"), next: next, fairness: [tick])
}

/// Discharges every obligation with Z3 and completes the fact; records the obligations that failed.
private func establish(_ pending: PendingFact, _ prover: Prover, options: SolverOptions = .init()) throws -> Fact {
    var receipts: [DischargeReceipt] = []
    for o in pending.obligations {
        let (result, receipt) = try o.discharge(using: prover, options: options)
        if let receipt { receipts.append(receipt) } else { Issue.record("\(o.label) not proved: \(result.verdict)") }
    }
    return try pending.complete(with: receipts)
}

@Test func wf1OnAThreeStateMachineIsDischargedByZ3() throws {
    let prover = try Prover()
    let spec = Ticker.spec
    let fair = try spec.entailsFairness(Ticker.tick)
    // Without a witness, ENABLED is an existential in the goal: E-matching alone answers unknown,
    // model-based quantifier instantiation proves it.
    let plain = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: fair, from: Ticker.state("zero"), to: Ticker.state("one"))
    #expect(try !plain.obligations[2].discharge(using: prover).0.verdict.isProved)
    let zeroToOne = try establish(plain, prover, options: SolverOptions(modelBasedQuantifiers: true))
    let oneToTwo = try establish(Rules.wf1(next: spec.entailsAlwaysNext, fairness: fair, from: Ticker.state("one"), to: Ticker.state("two"),
                                           witness: { _ in Ticker.at("two") }), prover)
    let zeroToTwo = try Rules.leadsToTrans(zeroToOne, oneToTwo)
    let eventuallyTwo = try Rules.leadsToApply(spec.entailsInit, zeroToTwo)
    #expect(eventuallyTwo.entailment == Entailment(spec: spec.formula, claim: .eventually(.lift(Ticker.state("two")))))

    let semantics = try LassoSemantics(stateSort: Ticker.sort)
    for lasso in Lasso.all(over: semantics.states, maxPrefix: 2, maxLoop: 2) where try semantics.holds(spec.formula, on: lasso) {
        #expect(try semantics.holds(eventuallyTwo.claim, on: lasso), "\(lasso)")
    }
}

@Test func aFalseObligationGetsNoReceiptAndTheFactCannotBeCompleted() throws {
    let prover = try Prover()
    let spec = Ticker.spec
    let pending = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(Ticker.tick),
                                from: Ticker.state("zero"), to: Ticker.state("two"))
    var receipts: [DischargeReceipt] = []
    var refuted: [String] = []
    for o in pending.obligations {
        let (result, receipt) = try o.discharge(using: prover)
        if let receipt { receipts.append(receipt) }
        if case .refuted = result.verdict { refuted.append(o.label) }
        #expect((receipt != nil) == result.verdict.isProved)
    }
    // Stay holds: a step from zero that is not a tick stutters. Progress (a tick reaches one, not two) fails.
    #expect(refuted == ["WF1 progress"])
    let error = #expect(throws: KernelError.self) { try pending.complete(with: receipts) }
    #expect(error?.message.contains("WF1 progress") == true)
}

@Test func invariantsAreNamedInTheUnsatCore() throws {
    let prover = try Prover()
    let spec = Ticker.spec
    let inv = try establish(Rules.initInvariant(init: spec.entailsInit, next: spec.entailsAlwaysNext, invariant: Ticker.notBroken), prover)
    let oneOrBroken = try Ticker.state("one") || Ticker.state("broken")
    let without = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(Ticker.tick), from: oneOrBroken, to: Ticker.state("two"),
                                witness: { _ in Ticker.at("two") })
    let (unproved, none) = try without.obligations[2].discharge(using: prover)
    #expect(none == nil && !unproved.verdict.isProved)

    let with = try Rules.wf1(next: spec.entailsAlwaysNext, fairness: spec.entailsFairness(Ticker.tick), from: oneOrBroken, to: Ticker.state("two"),
                             using: [inv], witness: { _ in Ticker.at("two") })
    let (proved, receipt) = try with.obligations[2].discharge(using: prover)
    #expect(receipt != nil)
    #expect(proved.unsatCore.contains("not broken"))
    _ = try establish(with, prover)
}

@Test func anExhaustedResourceLimitGivesNoReceipt() throws {
    let prover = try Prover()
    let n = Variable("n", .int), m = Variable("m", .int)
    let hard = try Term.forall([n, m], (n.term * n.term + m.term * m.term .== 3) ==> .false)
    let o = Obligation(label: "hard", goal: hard, hypotheses: [], origin: SourceLocation(file: #filePath, line: #line))
    let (result, receipt) = try o.discharge(using: prover, options: SolverOptions(rlimit: 1))
    #expect(!result.verdict.isProved)
    #expect(receipt == nil)
}

/// Two maps equal at every key are equal only by extensionality: proved with it, not without
/// (fewer axioms prove less, never more), and the two are cached apart.
@Test func arrayExtensionalityCanBeTurnedOffPerObligation() throws {
    let prover = try Prover()
    let a = Variable("a", .map(.int, .int)), b = Variable("b", .map(.int, .int)), k = Variable("k", .int)
    let goal = try Term.forall([k], a.term.lookup(k.term) .== b.term.lookup(k.term)) ==> (a.term .== b.term)
    let o = Obligation(label: "ext", goal: goal, hypotheses: [], origin: SourceLocation(file: #filePath, line: #line))
    let without = o.with(arrayExtensionality: false)
    #expect(try o.discharge(using: prover, options: SolverOptions()).1 != nil)
    #expect(try without.discharge(using: prover, options: without.effective(SolverOptions())).1 == nil)
    #expect(!without.effective(SolverOptions()).arrayExtensionality && o.effective(SolverOptions()).arrayExtensionality)
    let cache = ObligationCache(directory: "/nonexistent")  // (a fingerprint reads no file)
    #expect(cache.fingerprint(of: o, options: o.effective(SolverOptions()))
            != cache.fingerprint(of: without, options: without.effective(SolverOptions())))
}

/// Z3 and the finite semantics agree on the obligations the rules issue: proved ones hold on every
/// state of the model, refuted ones fail on some. This checks the translation of formulas into
/// obligations end to end.
@Test(arguments: RuleCatalogue.all.filter { $0.pre.contains("obligation") })
func z3AgreesWithTheFiniteSemanticsOnObligations(_ rule: RuleInfo) throws {
    let c = try #require(KernelRuleCases.byName[rule.swiftName])
    let prover = try Prover()
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: rule.swiftName.stableHash &+ 4)
    var proved = 0, refuted = 0
    for _ in 0..<25 {
        guard case .pending(let pending, _)? = try checker.apply(try c.trial(&gen), checkingPremises: false) else { continue }
        for o in pending.obligations {
            let holds = try checker.holds(o)
            let (result, receipt) = try o.discharge(using: prover, options: SolverOptions(modelBasedQuantifiers: true))
            switch result.verdict {
            case .proved:
                proved += 1
                #expect(holds, "Z3 proved \(o) but it fails on the finite model")
                #expect(receipt != nil)
            case .refuted:
                refuted += 1
                #expect(!holds, "Z3 refuted \(o) but it holds on the finite model")
                #expect(receipt == nil)
            case .unknown, .resourceExhausted:
                #expect(receipt == nil)
            }
        }
    }
    #expect(proved > 0, "no obligation of \(rule.swiftName) was proved")
}

/// A case split is an equivalence: on the finite model an obligation holds exactly when all its
/// cases hold, and a receipt for the whole comes only from receipts for every case.
@Test(arguments: RuleCatalogue.all.filter { $0.pre.contains("obligation") })
func caseSplitsAreEquivalentToTheObligation(_ rule: RuleInfo) throws {
    let c = try #require(KernelRuleCases.byName[rule.swiftName])
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: rule.swiftName.stableHash &+ 5)
    var split = 0
    for _ in 0..<40 {
        guard case .pending(let pending, _)? = try checker.apply(try c.trial(&gen), checkingPremises: false) else { continue }
        for o in pending.obligations {
            let cases = o.cases
            if cases.count > 1 { split += 1 }
            let allHold = try cases.allSatisfy { try checker.holds($0.obligation) }
            #expect(try checker.holds(o) == allHold, "\(o) vs its \(cases.count) cases")
            let receipts = cases.map { DischargeReceipt($0.obligation) }
            #expect(DischargeReceipt.combining(receipts, for: o) != nil)
            let missingOne = receipts.filter { $0.obligation != cases[cases.count - 1].obligation }
            #expect(DischargeReceipt.combining(missingOne, for: o) == nil)
        }
    }
    if ["wf1", "wf1Variant", "initInvariant", "nextToStable"].contains(rule.swiftName) {
        #expect(split > 0, "no obligation of \(rule.swiftName) was split")
    }
}

/// A requested case analysis keeps the split an equivalence: an obligation holds exactly when every
/// case holds, the cases include that the analysis covers everything, and a receipt for the whole
/// needs every case; an analysis that misses a possibility fails on its coverage case.
@Test func aRequestedCaseAnalysisIsSoundAndComplete() throws {
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: 11)
    let s = Variable.state(gen.stateSort).term
    let everyState = try CaseSplit("state", cases: (0..<gen.n).map { i in NamedTerm("q\(i)", try s .== gen.stateLiteral(i)) })
    let missingOne = CaseSplit("state but q0", cases: Array(everyState.cases.dropFirst()))
    var held = 0, failed = 0
    for _ in 0..<30 {
        let goal = try gen.statePred(density: 0.4).body || (s .== gen.stateLiteral(gen.rng.below(gen.n)))
        let hypotheses = gen.chance(0.5) ? [NamedTerm("h", gen.statePred(density: 0.8).body)] : []
        let o = Obligation(label: "t", goal: goal, hypotheses: hypotheses, origin: SourceLocation(file: #filePath, line: #line),
                           caseSplits: [everyState])
        let cases = o.cases
        #expect(cases.contains { $0.path == ["state covered"] }, "no coverage case in \(cases.map(\.path))")
        #expect(cases.filter { $0.path.first?.hasPrefix("state=") == true }.count >= gen.n, "\(cases.map(\.path)) for \(goal)")
        let whole = try checker.holds(o)
        if whole { held += 1 } else { failed += 1 }
        #expect(try whole == cases.allSatisfy { try checker.holds($0.obligation) })
        let receipts = cases.map { DischargeReceipt($0.obligation) }
        #expect(DischargeReceipt.combining(receipts, for: o) != nil)
        #expect(DischargeReceipt.combining(Array(receipts.dropLast()), for: o) == nil)
        let partial = Obligation(label: "t", goal: goal, hypotheses: [], origin: o.origin, caseSplits: [missingOne])
        let coverage = try #require(partial.cases.first { $0.path == ["state but q0 covered"] })
        #expect(try !checker.holds(coverage.obligation), "a split without q0 claims to cover every state")
    }
    #expect(held > 0 && failed > 0)
}

/// A case analysis scoped to labels splits only the cases through one of them (the obligation's
/// own label, or a case on the path); the others stay whole, and the split stays an equivalence.
@Test func aScopedCaseAnalysisSplitsOnlyItsCases() throws {
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: 19)
    let s = Variable.state(gen.stateSort).term
    let cases = try (0..<gen.n).map { i in NamedTerm("q\(i)", try s .== gen.stateLiteral(i)) }
    let origin = SourceLocation(file: #filePath, line: #line)
    for _ in 0..<20 {
        let goal = try gen.statePred(density: 0.5).body || (s .== gen.stateLiteral(gen.rng.below(gen.n)))
        for (label, scope, splits) in [("WF1 progress", ["WF1 progress"], true), ("WF1 stay", ["WF1 progress"], false),
                                       ("WF1 stay", ["WF1 stay"], true)] {
            let o = Obligation(label: label, goal: goal, hypotheses: [], origin: origin,
                               caseSplits: [CaseSplit("state", cases: cases, through: Set(scope))])
            let split = o.cases
            #expect(split.contains { $0.path == ["state covered"] } == splits, "\(label) through \(scope): \(split.map(\.path))")
            #expect(try checker.holds(o) == split.allSatisfy { try checker.holds($0.obligation) })
        }
    }
    // Through a label on the path: the split below a disjunct it names, not below the others.
    let a = try !(s .== gen.stateLiteral(0)), b = try !(s .== gen.stateLiteral(1))
    let o = Obligation(label: "t", goal: try Term.or([.labeled("A", a), .labeled("B", b)]) ==> .false, hypotheses: [], origin: origin,
                       caseSplits: [CaseSplit("state", cases: cases, through: ["A"])])
    let paths = o.cases.map(\.path)
    #expect(paths.contains(["A", "state covered"]) && !paths.contains(["B", "state covered"]), "\(paths)")
}

/// A scoped hypothesis is given only to the cases through one of its labels: a case elsewhere is
/// checked without it (so it fails when it needs it), and any case proved is valid, since it was
/// proved from fewer hypotheses than the whole has.
@Test func aScopedHypothesisReachesOnlyItsCases() throws {
    let checker = KernelChecker(.exhaustive)
    let gen = KernelGen(.exhaustive, seed: 17)
    let s = Variable.state(gen.stateSort).term
    let everyState = try CaseSplit("state", cases: (0..<gen.n).map { i in NamedTerm("q\(i)", try s .== gen.stateLiteral(i)) })
    // h pins the state to q0, which the goal needs everywhere but in q0 itself.
    let h = NamedTerm("h", try s .== gen.stateLiteral(0))
    let goal = try s .== gen.stateLiteral(0)
    let base = Obligation(label: "t", goal: goal, hypotheses: [h], origin: SourceLocation(file: #filePath, line: #line), caseSplits: [everyState])
    #expect(try checker.holds(base) && base.cases.allSatisfy { try checker.holds($0.obligation) })
    let scoped = base.with(hypothesisScopes: [HypothesisScope(names: ["h"], labels: ["state=q1"])])
    for c in scoped.cases {
        let given = c.obligation.hypotheses.map(\.name)
        #expect(given == (c.path.contains("state=q1") ? ["h"] : []), "\(c.path): \(given)")
        if try checker.holds(c.obligation) { #expect(try checker.holds(base)) }
    }
    // Without h, the cases q1 ... are false but for q1, which keeps it.
    let failing = try scoped.cases.filter { try !checker.holds($0.obligation) }.map(\.path)
    #expect(failing.count == gen.n - 2 && !failing.contains(["state=q1"]) && !failing.contains(["state=q0"]), "\(failing)")
    #expect(DischargeReceipt.combining(scoped.cases.map { DischargeReceipt($0.obligation) }, for: scoped) != nil)
    // Withheld from q1's case instead: q1 fails (it needs h), every other case keeps h.
    let withheld = base.with(hypothesisScopes: [HypothesisScope(names: ["h"], labels: ["state=q1"], withheld: true)])
    for c in withheld.cases where c.path != ["state covered"] {  // (the split's coverage case has no hypotheses)
        #expect(c.obligation.hypotheses.map(\.name) == (c.path.contains("state=q1") ? [] : ["h"]), "\(c.path)")
    }
    #expect(try withheld.cases.filter { try !checker.holds($0.obligation) }.map(\.path) == [["state=q1"]])
    // A scope may name the obligation itself: withheld from "t", every case goes without h.
    let wholeWithheld = base.with(hypothesisScopes: [HypothesisScope(names: ["h"], labels: ["t"], withheld: true)])
    #expect(wholeWithheld.cases.allSatisfy { $0.obligation.hypotheses.isEmpty })
    #expect(try wholeWithheld.cases.filter { try !checker.holds($0.obligation) }.count == gen.n - 1)
}

/// An existential conclusion with a defining conjunct is proved with that witness, and the split
/// stays an equivalence.
@Test func anExistentialConclusionIsProvedWithItsWitness() throws {
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: 13)
    let x = gen.x
    var witnessed = 0
    for _ in 0..<20 {
        let q = gen.paramPred(x)
        let witness = gen.instance()
        let goal = try Term.exists([x], .and([x.term .== witness, q.body]))
        let o = Obligation(label: "t", goal: goal, hypotheses: [], origin: SourceLocation(file: #filePath, line: #line))
        let cases = o.cases
        if cases.allSatisfy({ if case .exists = $0.obligation.goal.node { return false } else { return true } }) { witnessed += 1 }
        #expect(try checker.holds(o) == cases.allSatisfy { try checker.holds($0.obligation) })
    }
    #expect(witnessed == 20)
}

/// A hypothesis instance is implied by its hypothesis (quantifiers instantiated in positive
/// positions only), and a case given it in place of the quantified hypothesis is proved with it.
@Test func aHypothesisInstanceIsImpliedByItsHypothesis() throws {
    let checker = KernelChecker(.exhaustive)
    var gen = KernelGen(.exhaustive, seed: 23)
    let x = gen.x, y = KernelModel.exhaustive.y
    let s = Variable.state(gen.stateSort).term
    let origin = SourceLocation(file: #filePath, line: #line)
    for _ in 0..<20 {
        let q = gen.paramPred(x).at(s), c = gen.statePred().at(s), t = gen.instance()
        let flat = try Term.forall([x], q)
        let nested = try c ==> Term.forall([x], q)
        #expect(flat.instantiatingForalls([t]) == q.substituting([x: t]))
        let nestedInstance = try c ==> q.substituting([x: t])
        #expect(nested.instantiatingForalls([t]) == nestedInstance)
        for h in [flat, nested] {
            let instance = try #require(h.instantiatingForalls([t]))
            #expect(try checker.holds(Obligation(label: "t", goal: h ==> instance, hypotheses: [], origin: origin)))
        }
        // Under a negation the quantifier is not instantiated (that would not be implied).
        let negated = try !flat
        #expect(negated.instantiatingForalls([t]) == nil)
        // Two quantifiers, two terms; a term of the wrong sort stops it.
        let two = try Term.forall([x], Term.forall([y], q ==> q.substituting([x: y.term])))
        #expect(two.instantiatingForalls([t, gen.instance()]) != nil)
        #expect(flat.instantiatingForalls([s]) == nil)
    }
    // A case through the instance's label is given the instance, not the quantified hypothesis.
    let everyState = try CaseSplit("state", cases: (0..<gen.n).map { i in NamedTerm("q\(i)", try s .== gen.stateLiteral(i)) })
    let q = gen.paramPred([[0, 1], [1, 1], [2, 1]], x, "Q").at(s), t = gen.paramLiteral(1)
    let base = Obligation(label: "t", goal: q.substituting([x: t]), hypotheses: [NamedTerm("h", try Term.forall([x], q))], origin: origin,
                          caseSplits: [everyState], hypothesisInstances: [HypothesisInstance(name: "h", terms: [t], labels: ["state=q1"])])
    for c in base.cases where !c.path.contains("state covered") {
        let given = c.obligation.hypotheses.map(\.name)
        #expect(given == [c.path.contains("state=q1") ? "h at (\(t))" : "h"], "\(c.path): \(given)")
        #expect(try checker.holds(c.obligation))
    }
}
