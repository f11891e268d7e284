import Foundation
import Logic
import Testing
import VCGen

/// How a mutant's proofs are judged: the first that fails kills it, except one before the last
/// that fails with no failed obligation (a lemma that could not be built), which is noted and
/// passed over.
@Suite struct MutantJudgeTests {
    struct Unbuildable: Error {}

    static let unbuildable = Theorem("a lemma that cannot be built", statement: { throw Unbuildable() }, proof: { _ in throw Unbuildable() })
    static let passing = Theorem("true ~> true", statement: { Entailment(spec: .true, claim: .leadsTo(.true, .true)) },
                                 proof: { _ in Rules.leadsToSelf(.true) })
    static let failing = Theorem("true => false", statement: { Entailment(spec: .true, claim: .implies(.true, .false)) },
                                 proof: { steps in try steps.establish(Rules.tautology(.implies(.true, .false))) })

    static func judge(_ proofs: [any Proof]) -> ProveCommand.MutantVerdict {
        var engine = DischargeEngine(jobs: 1)
        engine.stopsAtFirstFailure = true
        return ProveCommand.judge(Mutant("m", bug: "a bug", proofs: proofs), file: "proofs/x.swift", root: PackageRoot(path: "/"),
                                  engine: engine, search: nil)
    }

    @Test(arguments: [
        ([unbuildable, passing], false, "SURVIVED"),
        ([unbuildable], true, "killed by 'a lemma that cannot be built'"),
        ([failing, passing], true, "killed by 'true => false'"),
        ([unbuildable, failing], true, "killed by 'true => false'"),
    ] as [([Theorem], Bool, String)])
    func aLemmaThatCannotBeBuiltDoesNotKill(proofs: [Theorem], killed: Bool, verdict: String) {
        let result = Self.judge(proofs)
        #expect(result.killed == killed)
        #expect(result.lines.first?.contains(verdict) == true, "\(result.lines)")
        #expect(result.lines.contains { $0.contains("note: 'a lemma that cannot be built' failed with no failed obligation") }
                == (proofs.count > 1 && proofs[0].name == Self.unbuildable.name))
    }
}
