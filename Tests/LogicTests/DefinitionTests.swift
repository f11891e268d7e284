import Testing
@testable import Logic

/// Opaque definitions: the body is what an application means (evaluation, satisfiability), a
/// validity check sees an uninterpreted function (sound: valid for every function, valid for the
/// body's), and a check that needs the body fails without a spurious model.
struct DefinitionTests {
    /// `successor(n) = n + 1`.
    static let successor = try! Definition("successor", [Variable("n", .int)]) { (n) throws(SortError) in try n[0] + 1 }
    static let x = Term.variable("x", .int), y = Term.variable("y", .int)

    @Test func anApplicationMeansItsBody() throws {
        let applied = try Self.successor([Self.x])
        #expect(try applied.evaluate([Variable("x", .int): .int(41)]) == .int(42))
        #expect(applied.freeVariables == [Variable("x", .int)])
        #expect(applied.description == "successor(x)")
        // Substituting into the arguments carries the instance along.
        #expect(try applied.substituting([Variable("x", .int): .int(1)]).evaluate() == .int(2))
    }

    @Test func aValidityCheckKnowsOnlyCongruence() throws {
        let prover = try Prover()
        let congruent = try prover.checkValid(try Self.x .== Self.y ==> Self.successor([Self.x]) .== Self.successor([Self.y]))
        #expect(congruent.verdict.isProved)
        // True of the body, but not of every function: not proved, and no countermodel is offered.
        let needsBody = try prover.checkValid(try Self.successor([Self.x]) .== Self.x + 1)
        guard case .unknown(let reason) = needsBody.verdict else {
            Issue.record("a goal that needs the body must fail as unknown, got \(needsBody.verdict)"); return
        }
        #expect(reason.contains("successor"))
        // The same goal with the body written out is proved: the failure is the opacity alone.
        #expect(try prover.checkValid(try (Self.x + 1) .== Self.x + 1).verdict.isProved)
    }

    @Test func aFalseGoalStaysUnproved() throws {
        let prover = try Prover()
        let wrong = try prover.checkValid(try Self.successor([Self.x]) .== Self.x + 2)
        #expect(!wrong.verdict.isProved)
    }

    @Test func satisfiabilityUsesTheBody() throws {
        let prover = try Prover()
        // successor(3) = 5 has a model only if successor is any function; with its body it has none.
        let (result, _) = try prover.checkSatisfiable([try Self.successor([.int(3)]) .== 5])
        guard case .unsat = result else { Issue.record("successor(3) = 5 must be unsatisfiable, got \(result)"); return }
    }

    @Test func badDefinitionsAndApplicationsAreRefused() throws {
        #expect(throws: SortError.self) { try Definition("leaky", [Variable("n", .int)], body: try Self.x + 1) }
        #expect(throws: SortError.self) { try Definition("twice", [Variable("n", .int), Variable("n", .int)], body: .int(0)) }
        #expect(throws: SortError.self) { try Self.successor([.string("one")]) }
        #expect(throws: SortError.self) { try Self.successor([]) }
    }

    @Test func theFingerprintNamesTheBody() throws {
        let other = try Definition("successor", [Variable("n", .int)]) { (n) throws(SortError) in try n[0] + 2 }
        var a = CanonicalEncoder(), b = CanonicalEncoder()
        a.append(try Self.successor([Self.x]))
        b.append(try other([Self.x]))
        #expect(a.bytes != b.bytes)
    }
}
