import Foundation
import Logic
import Testing
import VCGen

/// How a mutant's lemmas and proofs are judged: the first that fails kills it, except a lemma that
/// fails with no failed obligation (one that could not be built), which is noted and passed over.
@Suite struct MutantJudgeTests {
    struct Unbuildable: Error {}

    static let unbuildable = Theorem("a lemma that cannot be built", statement: { throw Unbuildable() }, proof: { _ in throw Unbuildable() })
    static let passing = Theorem("true ~> true", statement: { Entailment(spec: .true, claim: .leadsTo(.true, .true)) },
                                 proof: { _ in Rules.leadsToSelf(.true) })
    static let failing = Theorem("true => false", statement: { Entailment(spec: .true, claim: .implies(.true, .false)) },
                                 proof: { steps in try steps.establish(Rules.tautology(.implies(.true, .false))) })

    static func judge(lemmas: [any Proof], proofs: [any Proof]) -> ProveCommand.MutantVerdict {
        var engine = DischargeEngine(jobs: 1)
        engine.stopsAtFirstFailure = true
        return ProveCommand.judge(Mutant("m", bug: "a bug", proofs: proofs, lemmas: lemmas), file: "proofs/x.swift",
                                  root: PackageRoot(path: "/"), engine: engine, search: nil)
    }

    @Test(arguments: [
        ([unbuildable], [passing], false, "SURVIVED", true),
        ([], [unbuildable], true, "killed by 'a lemma that cannot be built'", false),
        ([unbuildable], [unbuildable], true, "killed by 'a lemma that cannot be built'", true),
        ([failing], [passing], true, "killed by 'true => false'", false),
        ([unbuildable], [failing], true, "killed by 'true => false'", true),
    ] as [([Theorem], [Theorem], Bool, String, Bool)])
    func aLemmaThatCannotBeBuiltDoesNotKill(lemmas: [Theorem], proofs: [Theorem], killed: Bool, verdict: String, noted: Bool) {
        let result = Self.judge(lemmas: lemmas, proofs: proofs)
        #expect(result.killed == killed)
        #expect(result.lines.first?.contains(verdict) == true, "\(result.lines)")
        #expect(result.lines.contains { $0.contains("note: 'a lemma that cannot be built' failed with no failed obligation") } == noted)
    }
}
