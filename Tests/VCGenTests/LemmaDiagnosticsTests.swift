import Foundation
import Synchronization
import Testing
import VCGen

/// A false lemma is reported at its own line with a counterexample, and nothing but `unsat` passes.
@Suite struct LemmaDiagnosticsTests {
    static func check(_ proof: any Proof, options: SolverOptions = .init()) -> ProofResult {
        proof.check(in: ProofContext(engine: DischargeEngine(jobs: 1, options: options)))
    }

    @Test func aFalseLemmaFailsAtItsLineWithACounterexample() throws {
        let line = #line + 1
        let lemma = Lemma("x plus one exceeds x plus two") {
            let x = Term.variable("x", .int)
            return try x + 1 > x + 2
        }
        let result = Self.check(lemma)
        #expect(!result.passed)
        let d = try #require(result.diagnostics.first)
        #expect(d.location.file == #filePath)
        #expect(d.location.line == line)
        let text = d.description
        #expect(text.contains("LemmaDiagnosticsTests.swift:\(line): error: 'x plus one exceeds x plus two' is false"), "\(text)")
        #expect(text.contains("counterexample:"))
        #expect(text.contains("x = "))
    }

    @Test func aFalseMapLemmaShowsTheMap() throws {
        let lemma = Lemma("inserting never changes a lookup") {
            let m = Term.variable("m", .map(.string, .int)), k = Term.variable("k", .string)
            return try m.inserting(k, 7).lookup(k) .== m.lookup(k)
        }
        let text = try #require(Self.check(lemma).diagnostics.first).description
        #expect(text.contains("m = {"), "\(text)")
        #expect(text.contains("k = \""), "\(text)")
    }

    /// A huge obligation is shown by its start and its size, with where to get the whole query.
    @Test func aHugeObligationIsShortened() throws {
        let lemma = Lemma("a long disjunction of false facts") {
            let x = Term.variable("x", .int)
            return try .or((0..<400).map { (i) throws(SortError) in try x .== x + Term.int(i + 1) })
        }
        let text = try #require(Self.check(lemma).diagnostics.first).description
        let line = try #require(text.split(separator: "\n").first { $0.contains("obligation: ") })
        #expect(line.count < 2_200, "\(line.count) characters")
        #expect(line.contains("more characters; --smt2 DIR writes the whole query"), "\(line.suffix(200))")
    }

    @Test func resourceExhaustionIsAFailureNotAPass() throws {
        // Valid, but needs quantifier instantiation: with an rlimit of 1 Z3 cannot finish.
        let lemma = Lemma("an instantiated universal") {
            let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }
            let all = try Term.forall("n", .int, triggers: { n in [[f(n)]] }) { n throws(SortError) in try f(n) > n }
            return try all ==> (f(3) > 3 && f(10) > 10)
        }
        #expect(Self.check(lemma).passed)
        let starved = Self.check(lemma, options: SolverOptions(rlimit: 1))
        #expect(!starved.passed)
        #expect(starved.diagnostics.contains { $0.isError && $0.message.contains("is not proved") }, "\(starved.diagnostics)")
    }

    @Test func anIllSortedLemmaIsReportedNotCrashed() throws {
        let line = #line + 1
        let lemma = Lemma("adds a string to a number") { try Term.int(1) + "one" }
        let result = Self.check(lemma)
        #expect(!result.passed)
        let d = try #require(result.diagnostics.first)
        #expect(d.location.line == line)
        #expect(d.message.contains("sort error: +: argument 2 must be Int, got String"), "\(d.message)")
    }

    @Test func sequentialAndParallelDischargeAgree() throws {
        let obligations = try (0..<40).map { i -> Obligation in
            let x = Term.variable("x", .int)
            let goal = i == 7 ? try x + 0 > x : i % 3 == 0 ? try x * 2 .== x + x : try x + .int(i) > x
            return Obligation(label: "o\(i)", goal: goal, hypotheses: [], origin: SourceLocation(file: #filePath, line: #line))
        }
        let one = DischargeEngine(jobs: 1).check(obligations).map(\.result.verdict.description)
        let two = DischargeEngine(jobs: 2).check(obligations).map(\.result.verdict.description)
        #expect(one == two)
        #expect(one.filter { $0 == Verdict.proved.description }.count == obligations.count - 1)
    }

    /// `--trace`: every case sent to Z3 is reported when it starts and when it ends, with its
    /// place, and at its end with its verdict and time; a cached case is not sent, so not traced.
    @Test func theTraceNamesEveryCaseAsItStartsAndEnds() throws {
        let x = Term.variable("x", .int)
        let obligations = try (0..<3).map { i in
            Obligation(label: "o\(i)", goal: try x + .int(i) >= x, hypotheses: [], origin: SourceLocation(file: "f.swift", line: 10 + i))
        }
        let lines = Mutex<[String]>([])
        var engine = DischargeEngine(jobs: 2)
        engine.trace = { line in lines.withLock { $0.append(line) } }
        _ = engine.check(obligations)
        let traced = lines.withLock { $0 }
        for i in 0..<3 {
            let start = try #require(traced.firstIndex(of: "start o\(i) at f.swift:\(10 + i)"))
            let end = try #require(traced.firstIndex { $0.hasPrefix("end   o\(i) at f.swift:\(10 + i): proved in ") && $0.hasSuffix(" s") })
            #expect(start < end)
        }
        #expect(traced.count == 6)
    }

    @Test func aVacuousLemmaFails() throws {
        let lemma = Lemma("anything follows from a contradiction") {
            let x = Term.variable("x", .int)
            return try (x > 1 && x < 0) ==> (x .== 42)
        }
        let result = Self.check(lemma)
        #expect(!result.passed)
        #expect(result.diagnostics.contains { $0.message.contains("is unsatisfiable, so the proof would be vacuous") })
    }

    @Test func aTheoremWithAnUnsatisfiableInitFails() throws {
        let theorem = Theorem("nothing ever starts", statement: {
            let initial = try StatePred("impossible", state: .int) { s throws(SortError) in try s > 0 && s < 0 }
            let next = try ActionPred("stay", state: .int) { s, t throws(SortError) in try t .== s }
            let spec = try Spec(initial: initial, next: next)
            return Entailment(spec: spec.formula, claim: .always(.lift(initial)))
        }, proof: { steps in
            let initial = try StatePred("impossible", state: .int) { s throws(SortError) in try s > 0 && s < 0 }
            let next = try ActionPred("stay", state: .int) { s, t throws(SortError) in try t .== s }
            return try steps.invariant(initial, of: Spec(initial: initial, next: next))
        })
        let result = Self.check(theorem)
        #expect(!result.passed)
        #expect(result.diagnostics.contains { $0.message.contains("vacuous") })
    }

    @Test func aTriggerThatZ3WouldRejectIsLeftToZ3() throws {
        // After the one-point rule a trigger can contain an if-then-else, which Z3 refuses as a
        // pattern; the lowering drops such a trigger group instead of failing.
        let lemma = Lemma("a quantified fact with an if-then-else trigger") {
            let f = { (t: Term) in Term.uninterpreted("g", [t], .int) }
            let b = Term.variable("b", .bool), n = Variable("n", .int)
            let all = try Term.forall([n], triggers: [[f(try .ite(b, n.term, n.term))]], try f(n.term) >= 0)
            return try all ==> (f(7) >= 0)
        }
        #expect(Self.check(lemma).passed)
    }

    @Test func proofsWithSameNamedDatatypesPassOnOneThread() throws {
        // Worker threads keep their Z3 context across proofs; a datatype name reused with another
        // structure by a later proof must not make it fail.
        func lemma(_ fields: [DatatypeDecl.Field]) -> Lemma {
            Lemma("a hypothesis about \(fields.count) field(s)") {
                let d = DatatypeDecl.record("Clash", fields)
                let x = Term.variable("x", .datatype(d))
                return try (x["a"] > 0) ==> (x["a"] >= 1)
            }
        }
        let engine = DischargeEngine(jobs: 1)
        for proof in [lemma([.init("a", .int)]), lemma([.init("a", .int), .init("b", .bool)]), lemma([.init("a", .int)])] {
            let result = proof.check(in: ProofContext(engine: engine))
            #expect(result.passed, "\(result.diagnostics)")
        }
    }
}

/// With `stopsAtFirstFailure` (how `--mutants` checks), a batch ends at its first failed case: the
/// rest are skipped, not proved, and only the real failure is reported.
@Suite struct StopAtFirstFailureTests {
    static func obligations() throws -> [Obligation] {
        let x = Term.variable("x", .int)
        let here = SourceLocation(file: #filePath, line: #line)
        var batch = [Obligation(label: "false", goal: try x > x + 1, hypotheses: [], origin: here)]
        for i in 0..<3 { batch.append(Obligation(label: "true \(i)", goal: try x + .int(i) >= x, hypotheses: [], origin: here)) }
        return batch
    }

    @Test(arguments: [false, true]) func aBatchStopsOnlyWhenAsked(failFast: Bool) throws {
        var engine = DischargeEngine(jobs: 1)
        engine.stopsAtFirstFailure = failFast
        let context = ProofContext(engine: engine)
        context.discharge(try Self.obligations())
        #expect(context.outcomes.count == 4)
        #expect(context.outcomes.filter(\.isProved).count == (failFast ? 0 : 3))
        #expect(context.outcomes.filter(\.skipped).count == (failFast ? 3 : 0))
        #expect(context.diagnostics.count == 1)
        #expect(context.diagnostics.first?.description.contains("'false' is false") == true)
    }

    /// A mutant's expected failure (`firstCases`) is checked first: with the failing case last in
    /// the batch, the cases before it are skipped instead of proved; the outcomes keep the batch's
    /// order, and a fragment no case has changes nothing.
    @Test(arguments: [("false", 3, 0), ("no such case", 0, 3)])
    func theExpectedFailureIsCheckedFirst(first: String, skipped: Int, proved: Int) throws {
        var engine = DischargeEngine(jobs: 1)
        engine.stopsAtFirstFailure = true
        let context = ProofContext(engine: engine, firstCases: first)
        let batch = try Self.obligations()
        context.discharge(Array(batch.dropFirst()) + [batch[0]])
        #expect(context.outcomes.map(\.obligation.label) == ["true 0", "true 1", "true 2", "false"])
        #expect(context.outcomes.filter(\.skipped).count == skipped)
        #expect(context.outcomes.filter(\.isProved).count == proved)
        #expect(context.diagnostics.count == 1)
    }

    /// The first failure also interrupts the case running beside it, which is skipped, not a
    /// failure of its own: here one that would run to its 60 s limit.
    @Test func theFirstFailureInterruptsTheCaseBesideIt() throws {
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }, g = { (t: Term) in Term.uninterpreted("g", [t], .int) }
        let shiftedInverse = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try g(f(y)) .== y + 1 }
        let here = SourceLocation(file: #filePath, line: #line)
        let endless = Obligation(label: "endless", goal: try f(3) >= 5, hypotheses: [NamedTerm("inverse", shiftedInverse)], origin: here)
        var engine = DischargeEngine(jobs: 2, options: SolverOptions(rlimit: 0, modelBasedQuantifiers: true, timeoutMilliseconds: 60_000))
        engine.stopsAtFirstFailure = true
        let outcomes = engine.check([endless, try Self.obligations()[0]])
        #expect(outcomes.map(\.skipped) == [true, false], "\(outcomes.map(\.result.verdict))")
        #expect(outcomes.filter(\.isProved).isEmpty)
    }
}
