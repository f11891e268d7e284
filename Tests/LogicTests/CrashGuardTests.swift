import Foundation
import Testing
@testable import Logic

/// The crash guard around Z3's check (`anvil_guarded_solver_check`): a fault inside a guarded
/// call comes back as its signal and the process goes on; a fault anywhere else still kills the
/// process (here a forked copy) with that signal, as if there were no guard. (Z3's own crash on
/// FluentBit's chain query, which the guard exists for, is too large a query for a unit test.)
@Suite struct CrashGuardTests {
    @Test func aFaultInsideTheGuardIsReportedAndTheProcessGoesOn() throws {
        #expect(Z3Session.guardedFaultForTesting() == SIGSEGV)
        // The guard is armed afresh for each call.
        #expect(Z3Session.guardedFaultForTesting() == SIGSEGV)
        let after = try Prover().checkValid(try Term.int(1) + 1 .== 2)
        #expect(after.verdict.isProved)
        #expect(after.recoveredCrashSignal == nil)
    }

    /// A check on which Z3 crashes is checked once more with relevancy 0, here or in a forked copy
    /// alike, and its answer records the crash.
    @Test(arguments: [false, true])
    func aCrashedCheckIsCheckedAgainWithRelevancyZero(isolated: Bool) throws {
        var options = SolverOptions()
        options.isolated = isolated
        options.faultsForTesting = true
        let x = Term.variable("x", .int)
        let result = try Prover().checkValid(try x + 1 > x, options: options)
        #expect(result.verdict.isProved)
        #expect(result.recoveredCrashSignal == SIGSEGV)
    }

    @Test(arguments: ["null dereference", "raised"])
    func aFaultOutsideTheGuardStillKills(_ how: String) throws {
        _ = try Prover()
        let outcome = IsolatedRun.run(seconds: 10, stallAfter: 5) { () -> String in
            if how == "raised" {
                raise(SIGSEGV)
            } else {
                // An address in the unmapped first page: a real fault (si_code > 0), not a sent signal.
                UnsafeMutablePointer<Int>(bitPattern: 8)!.pointee = 1
            }
            return "survived"
        }
        #expect(outcome == .crashed(SIGSEGV))
    }
}
