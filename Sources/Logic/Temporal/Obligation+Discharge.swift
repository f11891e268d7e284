/// The only way to obtain a discharge receipt: Z3 must answer `unsat` for the obligation's negation.
extension Obligation {
    /// Checks the obligation with `prover`; the receipt is present exactly when the verdict is `.proved`.
    public func discharge(using prover: Prover, options: SolverOptions = .init()) throws(SolverError) -> (CheckResult, DischargeReceipt?) {
        let result = try prover.checkValid(goal, hypotheses: hypotheses.map { ($0.name, $0.term) }, options: options)
        return (result, result.verdict.isProved ? DischargeReceipt(self) : nil)
    }
}
