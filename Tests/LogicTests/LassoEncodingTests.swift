@testable import Logic
import Testing

/// The symbolic lasso encoding agrees with the exact lasso semantics: on random formulas and
/// random concrete lassos, the encoding with its states fixed to the lasso's is satisfiable
/// exactly when `LassoSemantics` says the formula holds (and its negation exactly when it fails),
/// through each way of asserting a formula: as a term, as assertions (Skolemised steps, choices),
/// and with `\A` as a universal constraint instantiated on demand.
@Test(arguments: 0..<6)
func lassoEncodingAgreesWithLassoSemantics(seed: Int) throws {
    let model = KernelModel.sampled
    let checker = KernelChecker(model)
    var gen = KernelGen(model, seed: 100 + UInt64(seed))
    let prover = try Prover()
    let options = SolverOptions(modelBasedQuantifiers: true)
    // Odd seeds quantify over the parameter sort instead of expanding it.
    let expansionLimit = seed % 2 == 0 ? 64 : 0
    func satisfiable(_ formulas: [Term], universals: [UniversalConstraint] = [], splits: [SplitVariable] = [],
                     _ what: @autoclosure () -> String) throws -> Bool {
        let (answer, _, _) = try prover.checkSatisfiable(formulas, universals: universals, splits: splits, options: options)
        switch answer {
        case .sat: return true
        case .unsat: return false
        case .unknown(let reason): Issue.record("Z3 answered unknown (\(reason)) for \(what())")
        case .resourceExhausted: Issue.record("the rlimit ran out for \(what())")
        }
        return false
    }
    var checked = 0
    for _ in 0..<30 {
        let body = gen.temporal(depth: 3, param: model.x)
        let lasso = model.lassos[gen.rng.below(model.lassos.count)]
        var encoding = LassoEncoding(stateSort: model.stateSort, length: lasso.count, finiteExpansionLimit: expansionLimit)
        let shape = try encoding.frame + encoding.fixing(lasso)
        // The formula with its parameter fixed, for each value.
        for (i, value) in model.paramValues.enumerated() {
            let env = body.freeVariables.isEmpty ? [:] : [model.x: value]
            let expected = try checker.semantics.holds(body, on: lasso, parameters: env)
            let fix = body.freeVariables.isEmpty ? [] : [try model.x.term .== gen.paramLiteral(i)]
            let term = try encoding.holds(body)
            #expect(try satisfiable(shape + fix + [term], "\(body) on \(lasso)") == expected, "\(body) on \(lasso) with \(env)")
            #expect(try satisfiable(shape + fix + [!term], "~\(body) on \(lasso)") == !expected, "~\(body) on \(lasso) with \(env)")
            let asserted = try encoding.assertion(body)
            let splits = encoding.stepChoices.map { SplitVariable($0.selector, count: $0.alternatives.count) }
            #expect(try satisfiable(shape + fix + asserted.ground, universals: asserted.universals, splits: splits, "assertion of \(body)") == expected,
                    "assertion of \(body) on \(lasso) with \(env)")
            checked += 1
            if body.freeVariables.isEmpty { break }
        }
        // Over every value of the parameter: a universal constraint, or a conjunction when expanded.
        let all = TempPred.tlaForall(model.x, body)
        let expected = try checker.semantics.holds(all, on: lasso)
        let asserted = try encoding.assertion(all)
        #expect(asserted.universals.isEmpty == (expansionLimit > 0))
        #expect(try satisfiable(shape + asserted.ground, universals: asserted.universals, "\(all)") == expected, "\(all) on \(lasso)")
    }
    #expect(checked >= 30)
}

/// ENABLED with the successor eliminated is ENABLED: on an action that does not name its
/// successor (the existential stays) and on deterministic ones (it goes).
@Test func enabledWithoutTheSuccessorIsEnabled() throws {
    let model = KernelModel.sampled
    let prover = try Prover()
    var gen = KernelGen(model, seed: 5)
    let moves = try ActionPred("moves", state: model.stateSort) { s, t throws(SortError) in try s .!= t }
    let actions = [moves] + (0..<10).map { _ in gen.action() }
    for a in actions {
        let s = Variable("lasso.state[0]", model.stateSort).term
        let eliminated = a.enabledEliminatingSuccessor(at: s), original = a.enabled(at: s)
        let verdict = try prover.checkValid(eliminated <==> original, options: SolverOptions(modelBasedQuantifiers: true)).verdict
        #expect(verdict.isProved, "\(a.name): \(eliminated) vs \(original): \(verdict)")
    }
    let deterministic = try ActionPred("to q1", state: model.stateSort) { s, t throws(SortError) in
        try (s .!= gen.stateLiteral(1)) && (t .== gen.stateLiteral(1))
    }
    let eliminated = deterministic.enabledEliminatingSuccessor(at: Variable("lasso.state[0]", model.stateSort).term)
    #expect(!eliminated.description.contains("exists") && !eliminated.description.contains("∃"), "\(eliminated)")
}

// MARK: The search

/// Three states a → b → c, each step taken by one action `advance`; c is final.
private enum Line {
    static let decl = DatatypeDecl.enumeration("LineState", ["a", "b", "c"])
    static let sort = Sort.datatype(decl)
    static func at(_ name: String) -> StatePred {
        try! StatePred(name, state: sort) { s throws(SortError) in try s .== .enumCase(decl, name) }
    }
    static let advance = try! ActionPred("advance", state: sort) { s, t throws(SortError) in
        try .labeled("advance", .or([s .== .enumCase(decl, "a") && t .== .enumCase(decl, "b"),
                                     s .== .enumCase(decl, "b") && t .== .enumCase(decl, "c")]))
    }
    static let next = try! ActionPred("next", state: sort) { s, t throws(SortError) in
        try .or([.labeled("stutter", t .== s), advance.at(s, t)])
    }
    static func spec(fair: Bool) -> Spec {
        try! Spec(initial: at("a"), next: next, fairness: fair ? [advance] : [])
    }
    static let aLeadsToC = TempPred.leadsTo(.lift(at("a")), .lift(at("c")))
}

@Test func aTrueLeadsToHasNoCounterexampleUpToTheBound() throws {
    let result = LassoSearch(bound: 6).run(Entailment(spec: Line.spec(fair: true).formula, claim: Line.aLeadsToC), prover: try Prover())
    guard case .none = result.outcome else { Issue.record("expected none, got \(result.outcome)"); return }
    #expect(result.checks.map(\.length) == Array(1...6))
    #expect(result.checks.allSatisfy { $0.answer == "unsat" })
}

@Test func aFalseLeadsToGetsACounterexampleThatLassoSemanticsConfirms() throws {
    let statement = Entailment(spec: Line.spec(fair: false).formula, claim: Line.aLeadsToC)
    let result = LassoSearch(bound: 6).run(statement, prover: try Prover())
    guard case .counterexample(let cex) = result.outcome else { Issue.record("expected a counterexample, got \(result.outcome)"); return }
    // Without fairness the line may stay at a forever: the shortest lasso is one state, a stutter.
    #expect(cex.states.count == 1)
    let states = cex.states.compactMap { $0 }
    try #require(states.count == cex.states.count)
    let lasso = Lasso(prefix: Array(states[..<cex.loopStart]), loop: Array(states[cex.loopStart...]))
    let semantics = try LassoSemantics(stateSort: Line.sort)
    #expect(try semantics.holds(statement.spec, on: lasso))
    #expect(try !semantics.holds(statement.claim, on: lasso))
    #expect(cex.steps[0]?.label == "stutter")
    #expect(result.hasInitialCondition)
}

/// A longer counterexample, through the choices of the step relation: b is never left when only
/// the step from a is fair, so the lasso goes a → b and stays.
@Test func aCounterexampleTakesTheStepsTheSpecAllows() throws {
    let fromA = try ActionPred("from a", state: Line.sort) { s, t throws(SortError) in
        try s .== .enumCase(Line.decl, "a") && t .== .enumCase(Line.decl, "b")
    }
    let spec = try Spec(initial: Line.at("a"), next: Line.next, fairness: [fromA])
    let result = LassoSearch(bound: 4).run(Entailment(spec: spec.formula, claim: Line.aLeadsToC), prover: try Prover())
    guard case .counterexample(let cex) = result.outcome else { Issue.record("expected a counterexample, got \(result.outcome)"); return }
    #expect(cex.states.map { $0?.description } == ["a", "b"])
    #expect(cex.loopStart == 1)
    #expect(cex.steps.map { $0?.label } == ["advance", "stutter"])
}

/// `unknown` is never reported as a counterexample or as "none": with an rlimit too small for any
/// answer, a false and a true statement are both inconclusive.
@Test(arguments: [false, true])
func anUndecidedSearchIsInconclusive(fair: Bool) throws {
    let search = LassoSearch(bound: 3, options: SolverOptions(rlimit: 1))
    let result = search.run(Entailment(spec: Line.spec(fair: fair).formula, claim: Line.aLeadsToC), prover: try Prover())
    guard case .inconclusive(let length, _) = result.outcome else { Issue.record("expected inconclusive, got \(result.outcome)"); return }
    #expect(length == 1)
}

@Test func aStatementWithoutStatePredicatesIsNotSearched() throws {
    let result = LassoSearch().run(Entailment(spec: .true, claim: .false), prover: try Prover())
    guard case .error(let message) = result.outcome else { Issue.record("expected an error, got \(result.outcome)"); return }
    #expect(message.contains("no state predicate"))
}
