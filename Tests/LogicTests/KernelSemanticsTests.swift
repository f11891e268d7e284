@testable import Logic
import Testing

/// Hand-checked truth values of formulas on small lassos, so the evaluator that judges the rules
/// is itself checked against the definitions.
private enum ABC {
    static let decl = DatatypeDecl.enumeration("ABC", ["a", "b", "c"])
    static let sort = Sort.datatype(decl)
    static let a = value(0), b = value(1), c = value(2)
    static func value(_ i: Int) -> Value { .datatype(decl, constructor: i, fields: []) }
    static func literal(_ v: Value) -> Term { try! Term.literal(v, sort: sort) }

    static func isState(_ v: Value) -> StatePred {
        try! StatePred("is \(v)", state: sort) { s throws(SortError) in try s .== literal(v) }
    }
    static func steps(_ pairs: [(Value, Value)], _ name: String) -> ActionPred {
        try! ActionPred(name, state: sort) { s, t throws(SortError) in
            try Term.or(pairs.map { p throws(SortError) in try (s .== literal(p.0)) && (t .== literal(p.1)) })
        }
    }
    static var semantics: LassoSemantics { try! LassoSemantics(stateSort: sort) }
}

private struct SemanticsCase: Sendable, CustomTestStringConvertible {
    let formula: TempPred
    let lasso: Lasso
    let expected: [Bool]
    var testDescription: String { "\(formula) on \(lasso)" }
}

private let aThenLoopBC = Lasso(prefix: [ABC.a], loop: [ABC.b, ABC.c])
private let stuckAtA = Lasso(prefix: [], loop: [ABC.a])
private let isA = TempPred.lift(ABC.isState(ABC.a)), isB = TempPred.lift(ABC.isState(ABC.b)), isC = TempPred.lift(ABC.isState(ABC.c))
private let aToB = ABC.steps([(ABC.a, ABC.b)], "aToB")
private let loopSteps = ABC.steps([(ABC.b, ABC.c), (ABC.c, ABC.b)], "bc")

private let semanticsCases: [SemanticsCase] = [
    .init(formula: isB, lasso: aThenLoopBC, expected: [false, true, false]),
    .init(formula: .always(isB), lasso: aThenLoopBC, expected: [false, false, false]),
    .init(formula: .always(.not(isA)), lasso: aThenLoopBC, expected: [false, true, true]),
    .init(formula: .eventually(isB), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .eventually(isA), lasso: aThenLoopBC, expected: [true, false, false]),
    .init(formula: .always(.eventually(isB)), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .eventually(.always(isB)), lasso: aThenLoopBC, expected: [false, false, false]),
    .init(formula: .later(isB), lasso: aThenLoopBC, expected: [true, false, true]),
    .init(formula: .later(.later(isA)), lasso: aThenLoopBC, expected: [false, false, false]),
    .init(formula: .leadsTo(isA, isC), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .leadsTo(isC, isA), lasso: aThenLoopBC, expected: [false, false, false]),
    .init(formula: .stable(isA), lasso: aThenLoopBC, expected: [false, true, true]),
    .init(formula: .stable(.eventually(isC)), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .liftAction(aToB), lasso: aThenLoopBC, expected: [true, false, false]),
    .init(formula: .liftAction(loopSteps), lasso: aThenLoopBC, expected: [false, true, true]),
    .init(formula: .enabled(aToB), lasso: aThenLoopBC, expected: [true, false, false]),
    .init(formula: .weakFairness(aToB), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .weakFairness(aToB), lasso: stuckAtA, expected: [false]),
    .init(formula: .always(.enabled(aToB)), lasso: stuckAtA, expected: [true]),
    .init(formula: .eventually(.liftAction(aToB)), lasso: stuckAtA, expected: [false]),
    .init(formula: .weakFairness(loopSteps), lasso: stuckAtA, expected: [true]),
    .init(formula: .and([isA, .later(isB)]), lasso: aThenLoopBC, expected: [true, false, false]),
    .init(formula: .or([isA, isC]), lasso: aThenLoopBC, expected: [true, false, true]),
    .init(formula: .implies(isB, .later(isC)), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .and([]), lasso: aThenLoopBC, expected: [true, true, true]),
    .init(formula: .or([]), lasso: aThenLoopBC, expected: [false, false, false]),
]

@Test(arguments: semanticsCases)
private func lassoSemanticsMatchesTheDefinitions(_ c: SemanticsCase) throws {
    #expect(try ABC.semantics.truthValues(c.formula, on: c.lasso) == c.expected)
}

@Test func quantifiersRangeOverEveryValueOfTheSort() throws {
    let x = Variable("x", ABC.sort)
    let isX = try StatePred("is x", state: ABC.sort) { s throws(SortError) in try s .== x.term }
    #expect(try ABC.semantics.truthValues(.tlaExists(x, .lift(isX)), on: aThenLoopBC) == [true, true, true])
    #expect(try ABC.semantics.truthValues(.tlaForall(x, .lift(isX)), on: aThenLoopBC) == [false, false, false])
    #expect(try ABC.semantics.truthValues(.tlaExists(x, .always(.eventually(.lift(isX)))), on: aThenLoopBC) == [true, true, true])
    #expect(try ABC.semantics.truthValues(.tlaExists(x, .eventually(.always(.lift(isX)))), on: aThenLoopBC) == [false, false, false])
    #expect(try ABC.semantics.holds(.lift(isX), on: aThenLoopBC, at: 1, parameters: [x: ABC.b]))
    #expect(throws: EvaluationError.self) { try ABC.semantics.holds(.lift(isX), on: aThenLoopBC) }
    #expect(throws: EvaluationError.self) { try ABC.semantics.holds(.tlaForall(Variable("n", .int), isA), on: aThenLoopBC) }
}

@Test func lassosAreEnumeratedByPrefixAndLoopLength() {
    let two = [ABC.a, ABC.b]
    #expect(Lasso.all(over: two, maxPrefix: 1, maxLoop: 2).count == (1 + 2) * (2 + 4))
    #expect(Set(Lasso.all(over: two, maxPrefix: 1, maxLoop: 2)).count == 18)
    #expect(aThenLoopBC.successor(of: 2) == 1 && aThenLoopBC.successor(of: 0) == 1)
    #expect(aThenLoopBC.description == "a (b c)^w")
}

@Test func aStateOutsideTheSemanticsIsAnError() {
    #expect(throws: EvaluationError.self) {
        try LassoSemantics(states: [ABC.a]).holds(isA, on: Lasso(prefix: [], loop: [ABC.b]))
    }
}

// MARK: State- and action-level formulas as terms

/// The term an obligation is built from agrees with the lasso semantics: on the lasso `s (t)^w`,
/// position 0 is state s with successor t.
@Test(arguments: KernelModel.all.map(\.name))
func stepTermsAgreeWithTheLassoSemantics(_ modelName: String) throws {
    let model = try #require(KernelModel.all.first { $0.name == modelName })
    let checker = KernelChecker(model)
    var gen = KernelGen(model, seed: 11)
    let s = Variable.state(model.stateSort), t = Variable.nextState(model.stateSort)
    for i in 0..<150 {
        let formula = i % 3 == 0 ? gen.stateLevel(depth: 2, param: model.x) : gen.actionLevel(param: model.x)
        #expect(formula.isActionLevel)
        let term = try formula.actionTerm(s.term, t.term, rule: "test")
        for env in checker.valuations(formula.freeVariables) {
            for first in model.states {
                for second in model.states {
                    let lasso = Lasso(prefix: [first], loop: [second])
                    var full = env
                    full[s] = first
                    full[t] = second
                    let expected = try checker.semantics.holds(formula, on: lasso, parameters: env)
                    #expect(try term.evaluate(full) == .bool(expected), "\(formula) at (\(first), \(second)) with \(env)")
                }
            }
        }
    }
}

@Test func onlyStateAndActionLevelFormulasBecomeTerms() throws {
    let s = Variable.state(ABC.sort).term, t = Variable.nextState(ABC.sort).term
    #expect(isA.isStateLevel && isA.isActionLevel)
    #expect(!TempPred.liftAction(aToB).isStateLevel && TempPred.liftAction(aToB).isActionLevel)
    #expect(TempPred.later(isA).isActionLevel && !TempPred.later(.later(isA)).isActionLevel)
    #expect(!TempPred.always(isA).isActionLevel && !TempPred.weakFairness(aToB).isActionLevel)
    #expect(throws: KernelError.self) { try TempPred.liftAction(aToB).stateTerm(at: s, rule: "test") }
    #expect(throws: KernelError.self) { try TempPred.eventually(isA).actionTerm(s, t, rule: "test") }
    let enabledLater = try TempPred.later(.enabled(aToB)).actionTerm(s, t, rule: "test")
    #expect(!enabledLater.freeVariables.contains(Variable("s''", ABC.sort)))
    #expect(enabledLater.freeVariables == [Variable.nextState(ABC.sort)])
}
