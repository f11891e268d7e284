import Testing
import VCGen

/// The state-machine DSL: per-action case splits blame the action that breaks an invariant, and
/// the counterexample shows the state before, the action's input and the state after.
@Suite struct StateMachineTests {
    static let counter = DatatypeDecl.record("Counter", [.init("value", .int), .init("limit", .int)])
    static let sort = Sort.datatype(counter)

    /// `inc` keeps value ≤ limit only when guarded; `jump(by)` breaks it.
    static func machine() throws -> StateMachine {
        let inc = try Action("inc", state: sort, fairness: .weak,
                             guard: { s, _ throws(SortError) in try s["value"] < s["limit"] },
                             effect: { s, _ throws(SortError) in try s.with("value", s["value"] + 1) })
        let jump = try Action("jump", state: sort, inputs: [("by", .int)],
                              guard: { _, i throws(SortError) in try i[0] > 0 },
                              effect: { s, i throws(SortError) in try s.with("value", s["value"] + i[0]) })
        let initial = try StatePred("start", state: sort) { s throws(SortError) in try s["value"] .== 0 && s["limit"] >= 0 }
        return try StateMachine("counter", state: sort, initial: initial, actions: [inc, jump])
    }

    @Test func aNonInductiveInvariantIsBlamedOnTheActionThatBreaksIt() throws {
        let line = #line + 5
        let theorem = Theorem("value stays within the limit", statement: {
            let spec = try Self.machine().spec()
            return Entailment(spec: spec.formula, claim: .always(.lift(try Self.withinLimit())))
        }, proof: { steps in
            try steps.invariant(Self.withinLimit(), of: Self.machine().spec())
        })
        let result = theorem.check(in: ProofContext(engine: DischargeEngine(jobs: 2)))
        #expect(!result.passed)
        let failures = result.diagnostics.filter(\.isError)
        #expect(failures.count == 1, "\(failures)")
        let d = try #require(failures.first)
        #expect(d.location.line == line)
        #expect(d.message.contains("'initInvariant step [jump]' is false"), "\(d.message)")
        let text = d.description
        for shown in ["jump.by = ", "s = Counter(value: ", "s' = Counter(value: "] {
            #expect(text.contains(shown), "\(text)")
        }
        // Every other case, including the guarded `inc` and the stutter step, was proved.
        #expect(result.outcomes.filter(\.isProved).count == result.outcomes.count - 1)
    }

    static func withinLimit() throws -> StatePred {
        try StatePred("value within limit", state: sort) { s throws(SortError) in try s["value"] <= s["limit"] }
    }

    @Test func nextIsStutterOrSomeAction() throws {
        let next = try Self.machine().next
        guard case .apply(.or, let disjuncts) = next.body.node else { Issue.record("next is not a disjunction"); return }
        let labels = disjuncts.compactMap { d -> String? in if case .labeled(let l, _) = d.node { return l } else { return nil } }
        #expect(labels == ["stutter", "inc", "jump"])
    }

    @Test func fairnessIsDeclaredPerAction() throws {
        let spec = try Self.machine().spec()
        #expect(spec.fairness.map(\.name) == ["inc"])
        #expect(spec.assumptions.isEmpty)
    }
}
