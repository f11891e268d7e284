import Foundation
import Testing
@testable import VCGen

/// `anvil-prove` tells a false property from a proof that needs more help: a failing step or
/// theorem gets a bounded lasso search, whose verdict is printed (and carried by --json and
/// --junit), with the lasso step by step, each step named by its action.
@Suite struct CounterexampleSearchTests {
    static func mutantReport(_ extra: [String] = []) -> (status: Int32, lines: [String]) {
        ProveCommandTests.run(["--no-cache", "--mutants"] + extra + ["proofs/mutex.swift"])
    }

    /// The lines printed for one mutant, up to the next mutant's line.
    static func section(_ lines: [String], mutant: String) -> [String] {
        guard let start = lines.firstIndex(where: { $0.contains("mutant '\(mutant)'") }) else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex { $0.contains(" mutant '") || $0.hasSuffix(" failed") } ?? rest.endIndex
        return Array(lines[start..<end])
    }

    @Test func theBrokenMutexGetsALassoWhereP1StarvesP0() {
        let (status, lines) = Self.mutantReport()
        #expect(status == 0, "\(lines)")
        let shown = Self.section(lines, mutant: "broken mutex: p1 re-enters")
        let text = shown.joined(separator: "\n")
        #expect(text.contains("error: the property is false: the theorem's statement '(p0 waiting ~> p0 done)' fails on a lasso of 2 states"), "\(text)")
        // p1 takes the lock and gives it back forever while p0 waits.
        #expect(text.contains("state 0 (the loop starts here): MutexState(pc0: waiting, pc1: waiting, lockFree: true)"), "\(text)")
        #expect(text.contains("-> step 0: acquire(p = p1)"), "\(text)")
        #expect(text.contains("-> step 1: release(p = p1), back to state 0"), "\(text)")
    }

    @Test func aTrueTheoremWhoseProofFailsNeedsMoreHelp() {
        let shown = Self.section(Self.mutantReport().lines, mutant: "acquire ignores the lock").joined(separator: "\n")
        // The invariant the proof relies on is false (a lasso shows it) ...
        #expect(shown.contains("the property is false: the conclusion of initInvariant '[](lock free iff nobody holds it)'"), "\(shown)")
        // ... but the theorem itself has no counterexample: the proof needs another invariant.
        #expect(shown.contains("note: no counterexample up to 8 steps: the proof needs more help (the theorem's statement '(p0 waiting ~> p0 done)'"), "\(shown)")
    }

    @Test func theBoundAndTheSwitchAreOptions() {
        let smaller = Self.section(Self.mutantReport(["--lasso-bound", "3"]).lines, mutant: "acquire ignores the lock").joined(separator: "\n")
        #expect(smaller.contains("no counterexample up to 3 steps"), "\(smaller)")
        let off = Self.mutantReport(["--no-lasso"]).lines.joined(separator: "\n")
        #expect(!off.contains("lasso") && !off.contains("counterexample up to"), "\(off)")
        let (status, lines) = ProveCommandTests.run(["--lasso-bound", "0", "proofs/mutex.swift"])
        #expect(status == 2 && lines == ["error: --lasso-bound needs at least 1"], "\(lines)")
    }

    @Test func theResultAndTheReportsCarryTheSearch() throws {
        let theorem = Theorem("p waits forever", machine: { try Self.machine() }, statement: {
            Entailment(spec: try Self.machine().spec().formula, claim: try Self.waiting() ~> Self.done())
        }, proof: { _ in throw KernelError("test", "no proof") })
        let context = ProofContext(engine: DischargeEngine(jobs: 1), lassoSearch: LassoSearch(bound: 4))
        let result = theorem.check(in: context)
        #expect(!result.passed)
        let search = try #require(result.searches.first)
        #expect(search.verdict == "counterexample")
        #expect(search.lasso.contains { $0.contains("-> step 0: stutter (no change), back to state 0") }, "\(search.lasso)")
        #expect(result.diagnostics.contains { $0.isError && $0.message.hasPrefix("the property is false") })

        let root = ProveCommandTests.root
        let json = ProofReport.encode(ProofReport.JSONReport(z3Version: "", rlimit: 0, seed: 0, jobs: 1, passed: 0, failed: 1,
                                                             proofs: [ProofReport.json(result, file: "proofs/x.swift", root: root)]))
        for shown in ["\"counterexampleSearches\"", "\"verdict\" : \"counterexample\"", "\"loopStart\" : 0", "\"states\" : [", "waiting"] {
            #expect(json.contains(shown), "\(json)")
        }
        let junit = ProofReport.junit([(file: "proofs/x.swift", results: [result])], root: root)
        #expect(junit.contains("the property is false") && junit.contains("-&gt; step 0: stutter"), "\(junit)")
    }

    /// A candidate execution (a simulated run) is reported only when Z3 confirms it against the
    /// statement: one that is no execution of the spec (it starts outside init and steps from
    /// `done` back to `waiting`) is passed over for the search's own lasso.
    @Test(arguments: [(["done", "waiting"], nil), (["waiting"], "a test run")] as [([String], String?)])
    func aCandidateIsReportedOnlyWhenZ3ConfirmsIt(loop: [String], origin: String?) throws {
        let values = try loop.map { name in try Term.enumCase(Self.decl, name).evaluate() }
        let candidate = LassoCandidate(lasso: Lasso(prefix: [], loop: values), steps: values.map { _ in nil }, origin: "a test run")
        let theorem = Theorem("p waits forever", machine: { try Self.machine() }, candidates: { [candidate] }, statement: {
            Entailment(spec: try Self.machine().spec().formula, claim: try Self.waiting() ~> Self.done())
        }, proof: { _ in throw KernelError("test", "no proof") })
        let result = theorem.check(in: ProofContext(engine: DischargeEngine(jobs: 1), lassoSearch: LassoSearch(bound: 4)))
        let search = try #require(result.searches.first)
        guard case .counterexample(let found) = search.result.outcome else { Issue.record("no counterexample: \(search.verdict)"); return }
        #expect(found.origin == origin)
        #expect(search.result.checks.first?.candidate == "a test run")
        #expect(search.diagnostic.message.contains(origin.map { "(\($0), confirmed by Z3" } ?? "(bounded search"), "\(search.diagnostic.message)")
    }

    // A process that may wait forever: `finish` is not fair.
    static let decl = DatatypeDecl.enumeration("WaiterPC", ["waiting", "done"])
    static func machine() throws -> StateMachine {
        let sort = Sort.datatype(decl)
        let finish = try Action("finish", state: sort, guard: { s, _ throws(SortError) in try s .== .enumCase(decl, "waiting") },
                                effect: { _, _ throws(SortError) in try .enumCase(decl, "done") })
        return try StateMachine("waiter", state: sort, initial: try waiting(), actions: [finish])
    }
    static func waiting() throws -> StatePred {
        try StatePred("waiting", state: .datatype(decl)) { s throws(SortError) in try s .== .enumCase(decl, "waiting") }
    }
    static func done() throws -> StatePred {
        try StatePred("done", state: .datatype(decl)) { s throws(SortError) in try s .== .enumCase(decl, "done") }
    }
}
