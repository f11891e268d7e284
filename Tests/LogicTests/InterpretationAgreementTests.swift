import Logic
import Testing

/// The two interpretations agree: for random closed terms of every sort, the concrete evaluator and
/// Z3 (model evaluation of the lowered term) give the same value. This is what lets a controller
/// run by evaluation be the one that was proved through Z3.
@Suite struct InterpretationAgreementTests {
    static let termsPerSort = 10_000

    @Test(arguments: RandomTerms.sortsUnderTest.indices)
    func evaluatorAndZ3Agree(sortIndex: Int) throws {
        let sort = RandomTerms.sortsUnderTest[sortIndex]
        var generator = RandomTerms(seed: 0xA11CE + UInt64(sortIndex))
        let prover = try Prover()
        var disagreements: [String] = []
        for _ in 0..<Self.termsPerSort {
            let term = generator.term(of: sort, depth: 3)
            let concrete = try term.evaluate()
            let z3 = try prover.evaluateClosed(term)
            if concrete != z3.normalized(as: sort) {
                disagreements.append("\(term)\n  evaluator: \(concrete)\n  Z3:        \(z3)")
                if disagreements.count >= 5 { break }
            }
        }
        #expect(disagreements.isEmpty, "\(sort): \(disagreements.joined(separator: "\n"))")
    }
}
