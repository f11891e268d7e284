@testable import Logic
import Testing

private let state = Sort.datatype(DatatypeDecl.enumeration("Light", ["red", "green"]))
private let param = Sort.datatype(DatatypeDecl.enumeration("Key", ["k0", "k1"]))
private let x = Variable("x", param), y = Variable("y", param)

private func keyed(_ name: String, _ v: Variable) -> StatePred {
    try! StatePred(name, state: state) { s throws(SortError) in try (s .== s) && (v.term .== v.term) }
}

@Test func predicatesCompareByStructureNotByName() throws {
    let p = try StatePred("p", state: state) { s throws(SortError) in try s .== .enumCase(state.datatype!, "red") }
    let q = try StatePred("q", state: state) { s throws(SortError) in try s .== .enumCase(state.datatype!, "red") }
    let r = try StatePred("p", state: state) { s throws(SortError) in try s .== .enumCase(state.datatype!, "green") }
    #expect(p == q && p.hashValue == q.hashValue)
    #expect(p != r)
    #expect(TempPred.lift(p) == .lift(q))
    let a = try ActionPred("a", state: state) { s, t throws(SortError) in try s .== t }
    let b = try ActionPred("b", state: state) { s, t throws(SortError) in try s .== t }
    #expect(a == b)
}

@Test func predicatesRefuseReservedStateNamesAsParameters() {
    #expect(throws: SortError.self) {
        try StatePred("mentions s'", state: state) { s throws(SortError) in try s .== Variable.nextState(state).term }
    }
    #expect(throws: SortError.self) {
        try StatePred("mentions another s", state: state) { _ throws(SortError) in try Variable("s", .int).term .== 0 }
    }
    #expect(throws: SortError.self) {
        try ActionPred("mentions s of another sort", state: state) { _, _ throws(SortError) in try Variable("s'", .int).term .== 0 }
    }
    #expect(throws: SortError.self) { try StatePred("not Bool", state: state) { _ in 1 } }
}

@Test func parametersAreTheFreeVariablesBesidesTheState() throws {
    let p = keyed("p", x)
    #expect(p.parameters == [x])
    #expect(TempPred.lift(p).freeVariables == [x])
    #expect(TempPred.tlaForall(x, .lift(p)).freeVariables.isEmpty)
    #expect(TempPred.tlaForall(y, .always(.lift(p))).freeVariables == [x])
}

@Test func substitutionAvoidsCaptureByTlaForall() throws {
    let p = try StatePred("x = y", state: state) { _ throws(SortError) in try x.term .== y.term }
    let formula = TempPred.tlaForall(y, .lift(p))
    let substituted = try formula.substituting(x, with: y.term)
    guard case .tlaForall(let bound, .lift(let body)) = substituted else {
        Issue.record("unexpected shape \(substituted)")
        return
    }
    #expect(bound != y)
    #expect(body.parameters == [y, bound])
    #expect(substituted.freeVariables == [y])
    #expect(try formula.substituting(y, with: x.term) == formula, "a bound variable is not substituted")
}

@Test func substitutionRefusesTermsOverTheState() {
    let formula = TempPred.lift(keyed("p", x))
    let dependsOnState = try! Term.ite(Variable.state(state).term .== .enumCase(state.datatype!, "red"),
                                       .enumCase(param.datatype!, "k0"), .enumCase(param.datatype!, "k1"))
    #expect(throws: KernelError.self) { try formula.substituting(x, with: dependsOnState) }
    #expect(throws: KernelError.self) { try formula.substituting(x, with: .int(1)) }
}

@Test func conjunctionsAppendAndSplitBack() {
    let a = TempPred.lift(keyed("a", x)), b = TempPred.lift(keyed("b", y)), c = TempPred.always(a)
    #expect((a && b && c) == .and([a, b, c]))
    #expect((a && b).and(c) == .and([a, b, c]))
    #expect(a.and(.and([b, c])) == .and([a, .and([b, c])]))
    #expect(TempPred.and([a, b, c]).splitLastConjunct()! == (.and([a, b]), c))
    #expect(TempPred.and([a, b]).splitLastConjunct()! == (a, b))
    #expect(TempPred.and([.and([a, b]), c]).splitLastConjunct() == nil, "not in the image of and(_:)")
    #expect((a || b || c) == .or([a, b, c]))
    #expect(TempPred.or([a, b]).splitLastDisjunct()! == (a, b))
}

@Test func formulasPrintInTLAASCII() throws {
    let p = TempPred.lift(keyed("p", x)), q = TempPred.lift(keyed("q", x))
    let a = try ActionPred("step", state: state) { s, t throws(SortError) in try s .== t }
    #expect(p.leadsTo(.always(q)).description == "(p ~> []q)")
    #expect(TempPred.tlaForall(x, .weakFairness(a)).description == "(\\A x: WF(step))")
    #expect((p && .not(q)).description == "(p /\\ ~q)")
    #expect(TempPred.eventually(.and([p, q])).description == "<>(p /\\ q)")
}
