import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Logic

/// Validity checks end to end: verdicts, counterexamples, unsat cores, errors and limits.
struct ProverTests {
    typealias F = ProverFixtures

    @Test func provesValidArithmeticLemma() throws {
        let prover = try Prover()
        let x = F.x()
        let result = try prover.checkValid(try x + 1 > x)
        #expect(result.verdict.isProved)
        #expect(result.stats.seconds >= 0)
        #expect(result.stats.rlimitUsed > 0)
    }

    @Test func refutesFalseLemmaWithItsCounterexample() throws {
        let prover = try Prover()
        let x = F.x()
        guard case .refuted(let cex?) = try prover.checkValid(try x + 1 > x + 2).verdict else {
            Issue.record("x + 1 > x + 2 must be refuted with a model"); return
        }
        #expect(cex.assignments.map(\.variable) == [Variable("x", .int)])
        guard case .int = cex["x"] else { Issue.record("x must decode to an Int, got \(String(describing: cex["x"]))"); return }

        guard case .refuted(let narrow?) = try prover.checkValid(try x > 5 ==> x > 10).verdict,
              case .int(let n)? = narrow["x"] else {
            Issue.record("x > 5 ⇒ x > 10 must be refuted with an Int x"); return
        }
        #expect(n > 5 && n <= 10)
    }

    @Test func counterexampleVariablesAreSortedByName() throws {
        let prover = try Prover()
        let (b, a, c) = (Term.variable("b", .int), Term.variable("a", .bool), Term.variable("c", .string))
        guard case .refuted(let cex?) = try prover.checkValid(try b .== 1 ==> (a && c .== "z")).verdict else {
            Issue.record("expected a refutation"); return
        }
        #expect(cex.assignments.map(\.variable.name) == ["a", "b", "c"])
        #expect(cex["b"] == .int(1))
    }

    @Test func recursiveListLemmas() throws {
        let prover = try Prover()
        let l = Term.variable("l", .datatype(F.list)), x = F.x()
        #expect(try prover.checkValid(try F.cons(x, l) .!= l).verdict.isProved)
        #expect(try prover.checkValid(try l.is("cons") ==> (F.cons(F.head(l), F.tail(l)) .== l)).verdict.isProved)
        let firstOrZero = try Term.match(l) { (ctor, fields) throws(SortError) in ctor == "nil" ? 0 : fields[0] }
        #expect(try prover.checkValid(try l .== F.cons(7, F.nilList()) ==> (firstOrZero .== 7)).verdict.isProved)

        guard case .refuted(let cex?) = try prover.checkValid(try l.is("cons") ==> (F.head(l) > 0)).verdict,
              case .datatype(let d, let c, let fields)? = cex["l"], case .int(let h) = fields.first else {
            Issue.record("expected a refutation with a cons list"); return
        }
        #expect(d == F.list && c == 1 && h <= 0)
    }

    @Test func quantifierWithTriggerIsInstantiated() throws {
        let prover = try Prover()
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }
        let axiom = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try f(y) > y }
        let proved = try prover.checkValid(try f(3) > 3, hypotheses: [("f grows", axiom)])
        #expect(proved.verdict.isProved)
        #expect(proved.stats.quantifierInstantiations > 0)
        #expect(proved.unsatCore == ["f grows"])
        #expect(try !prover.checkValid(try f(3) > 4, hypotheses: [("f grows", axiom)]).verdict.isProved)
    }

    @Test func longTriggerChainsAreFollowed() throws {
        // 60 generations of instantiation: beyond Z3's default eager threshold (10), within 100.
        let prover = try Prover()
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }
        let descending = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try f(y) > f(y + 1) }
        let tracked = try prover.checkValid(try f(0) > f(60), hypotheses: [("descending", descending)])
        #expect(tracked.verdict.isProved)
        #expect(tracked.stats.quantifierInstantiations >= 60)
        #expect(try prover.checkValid(try descending ==> (f(0) > f(60))).verdict.isProved)
    }

    @Test func unsatCoreNamesOnlyTheUsedHypothesis() throws {
        let prover = try Prover()
        let x = F.x(), y = Term.variable("y", .int)
        let result = try prover.checkValid(try x > 3, hypotheses: [("unused", try y > 0), ("used", try x > 5)])
        #expect(result.verdict.isProved)
        #expect(result.unsatCore == ["used"])
        let refuted = try prover.checkValid(try x > 9, hypotheses: [("used", try x > 5)])
        #expect(!refuted.verdict.isProved)
        #expect(refuted.unsatCore.isEmpty)
    }

    @Test func exhaustedResourceLimitIsNeverProved() throws {
        let prover = try Prover()
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }
        let axiom = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try f(y) > f(y + 1) }
        let goal = try f(0) > f(50)
        let tiny = try prover.checkValid(goal, hypotheses: [("descending", axiom)], options: SolverOptions(rlimit: 1))
        switch tiny.verdict {
        case .resourceExhausted, .unknown: break
        default: Issue.record("rlimit 1 must not decide the query, got \(tiny.verdict)")
        }
        #expect(!tiny.verdict.isProved)
        #expect(try prover.checkValid(goal, hypotheses: [("descending", axiom)]).verdict.isProved)
    }

    /// The wall-clock limit stops the check (here, or in a forked copy), and the interrupt stays
    /// with that check: the same prover's next check is answered.
    @Test(arguments: [false, true])
    func hittingTheTimeoutIsUnknown(isolated: Bool) throws {
        let prover = try Prover()
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }, g = { (t: Term) in Term.uninterpreted("g", [t], .int) }
        // f must be injective with a shifted inverse: MBQI keeps refining models without end.
        let shiftedInverse = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try g(f(y)) .== y + 1 }
        var options = SolverOptions(rlimit: 0, modelBasedQuantifiers: true, timeoutMilliseconds: 300)
        options.isolated = isolated
        let start = ContinuousClock.now
        let result = try prover.checkValid(try f(3) >= 5, hypotheses: [("inverse", shiftedInverse)], options: options)
        #expect(start.duration(to: .now) < .seconds(5))
        guard case .unknown(let reason) = result.verdict else { Issue.record("expected unknown, got \(result.verdict)"); return }
        #expect(reason.contains("timeout"), "reason: \(reason), stats: \(result.stats)")
        let next = try prover.checkValid(try f(3) .== f(3), options: options)
        #expect(next.verdict.isProved, "after the timeout: \(next.verdict)")
    }

    /// The wall-clock limit holds while every thread of the shared pool is busy (as when all the
    /// cores run checks): the watchdog's timer does not wait for one of them.
    @Test func theTimeoutFiresWhileTheSharedPoolIsBusy() throws {
        let prover = try Prover()
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }, g = { (t: Term) in Term.uninterpreted("g", [t], .int) }
        let shiftedInverse = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try g(f(y)) .== y + 1 }
        let busyUntil = ContinuousClock.now + .seconds(6)
        let busy = DispatchGroup()
        for _ in 0..<(4 * ProcessInfo.processInfo.activeProcessorCount) {
            DispatchQueue.global().async(group: busy) { while ContinuousClock.now < busyUntil {} }
        }
        let start = ContinuousClock.now
        let result = try prover.checkValid(try f(3) >= 5, hypotheses: [("inverse", shiftedInverse)],
                                           options: SolverOptions(rlimit: 0, modelBasedQuantifiers: true, timeoutMilliseconds: 300))
        let took = start.duration(to: .now)
        busy.wait()
        #expect(took < .seconds(4), "the check took \(took)")
        guard case .unknown(let reason) = result.verdict else { Issue.record("expected unknown, got \(result.verdict)"); return }
        #expect(reason.contains("timeout"), "reason: \(reason)")
    }

    /// A cancelled batch interrupts its running check, which answers unknown with the cancellation's
    /// reason (never a proof), and a check it has not started does not start.
    @Test func aCancelledCheckStopsAndIsNoProof() throws {
        let prover = try Prover()
        let f = { (t: Term) in Term.uninterpreted("f", [t], .int) }, g = { (t: Term) in Term.uninterpreted("g", [t], .int) }
        let shiftedInverse = try Term.forall("y", .int, triggers: { [[f($0)]] }) { (y) throws(SortError) in try g(f(y)) .== y + 1 }
        var options = SolverOptions(rlimit: 0, modelBasedQuantifiers: true, timeoutMilliseconds: 60_000)
        let cancellation = CheckCancellation()
        options.cancellation = cancellation
        DispatchQueue(label: "cancel").asyncAfter(deadline: .now() + .milliseconds(300)) { cancellation.cancel() }
        let running = try prover.checkValid(try f(3) >= 5, hypotheses: [("inverse", shiftedInverse)], options: options)
        guard case .unknown(let reason) = running.verdict else { Issue.record("expected unknown, got \(running.verdict)"); return }
        #expect(reason == CheckCancellation.reason)
        let later = try prover.checkValid(try f(3) .== f(3), options: options)
        guard case .unknown(let laterReason) = later.verdict else { Issue.record("expected unknown, got \(later.verdict)"); return }
        #expect(laterReason == CheckCancellation.reason)
    }

    @Test func existentialsAreLoweredWithTheirTriggers() throws {
        let prover = try Prover()
        let p = { (t: Term) in Term.uninterpreted("p", [t], .bool) }
        let z = Variable("z", .int)
        let somewhere = try Term.exists("y", .int) { (y) throws(SortError) in try p(y) && y > 10 }
        let goal = try Term.exists([z], triggers: [[p(z.term)]], try p(z.term) && z.term > 5)
        let result = try prover.checkValid(goal, hypotheses: [("somewhere", somewhere)])
        #expect(result.verdict.isProved)
        #expect(try !prover.checkValid(try Term.exists([z], triggers: [[p(z.term)]], try p(z.term) && z.term > 11),
                                       hypotheses: [("somewhere", somewhere)]).verdict.isProved)
    }

    @Test func onlyProvedIsProved() {
        #expect(Verdict.proved.isProved)
        #expect(!Verdict.resourceExhausted.isProved)
        #expect(!Verdict.unknown(reason: "incomplete quantifiers").isProved)
        #expect(!Verdict.refuted(nil).isProved)
    }

    @Test func letAndMatchBindWithoutCapturingSharedSubterms() throws {
        let prover = try Prover()
        let x = F.x()
        let shared = try x + 1
        // The let's variable is fresh: the free `x` inside `shared` is not captured by it.
        let bound = try Term.letIn("x", 5) { (v) throws(SortError) in try (v + 1) .== 6 && shared > x }
        #expect(try prover.checkValid(bound).verdict.isProved)
        let notCaptured = try Term.letIn("x", 5) { _ throws(SortError) in try shared .== 6 }
        #expect(try !prover.checkValid(notCaptured).verdict.isProved)
        #expect(try !prover.checkValid(try shared .== 6).verdict.isProved)
        let y = try Term.letIn("y", x + x) { (y) throws(SortError) in try y .== x * 2 }
        #expect(try prover.checkValid(y).verdict.isProved)
    }

    @Test func checkSatisfiableGivesAModelOrUnsat() throws {
        let prover = try Prover()
        let x = F.x()
        guard case (.sat(let model), _) = try prover.checkSatisfiable([try x > 2, try x < 4]) else {
            Issue.record("2 < x < 4 is satisfiable"); return
        }
        #expect(model["x"] == .int(3))
        #expect(model.undecodable.isEmpty)
        guard case (.unsat, _) = try prover.checkSatisfiable([try x > 2, try x < 3]) else {
            Issue.record("2 < x < 3 has no integer solution"); return
        }
    }

    @Test func datatypeNameClashIsASolverError() throws {
        let prover = try Prover()
        let other = DatatypeDecl.record("Point", [.init("x", .int)])
        let p = Term.variable("p", .datatype(F.point)), q = Term.variable("q", .datatype(other))
        #expect(throws: SolverError.self) { try prover.checkValid(try (p .== p) && (q .== q)) }
        // The first structure lowered keeps the name for the prover's life; the prover stays usable.
        #expect(try prover.checkValid(try p .== p).verdict.isProved)
        #expect(throws: SolverError.self) { try prover.checkValid(try q .== q) }
        #expect(try prover.checkValid(try F.x() .== F.x()).verdict.isProved)
    }

    @Test func z3ErrorsBecomeSolverErrors() throws {
        let prover = try Prover()
        // A datatype without a base case: Z3 itself rejects it.
        let stream = DatatypeDecl("Stream", [.init("cons", [.init("head", .int), .init("tail", .recursive("Stream"))])])
        let error = #expect(throws: SolverError.self) {
            try prover.checkValid(try Term.variable("s", .datatype(stream)) .== .variable("s", .datatype(stream)))
        }
        #expect(error?.message.hasPrefix("Z3: ") == true)
        // An ill-sorted term forced past the checked constructors: Z3 reports a sort error.
        let illSorted = Term(sort: .int, node: .apply(.add, [1, .true]))
        #expect(throws: SolverError.self) { try prover.checkValid(try illSorted .== 1) }
        #expect(try prover.checkValid(try F.x() .== F.x()).verdict.isProved)
    }

    @Test func evaluateClosedRejectsFreeVariables() throws {
        let prover = try Prover()
        #expect(throws: SolverError.self) { try prover.evaluateClosed(try F.x() + 1) }
    }

    @Test func twoProversWorkOnTwoThreads() {
        let outcomes = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            var outcome = "ok"
            do {
                let prover = try Prover()
                let l = Term.variable("l", .datatype(F.list)), x = F.x()
                for i in 0..<25 {
                    guard try prover.checkValid(try F.cons(x + .int(i), l) .!= l).verdict.isProved,
                          try prover.evaluateClosed(try Term.int(worker) + .int(i)) == .int(worker + i),
                          case .refuted(_?) = try prover.checkValid(try x > .int(i)).verdict
                    else { outcome = "wrong verdict in round \(i)"; break }
                }
            } catch {
                outcome = "\(error)"
            }
            outcomes.withLock { $0.append(outcome) }
        }
        #expect(outcomes.withLock { $0 } == ["ok", "ok"])
    }

    @Test func deepTermsLowerOnAWorkerThread() {
        let outcome = Mutex<String>("not run")
        DispatchQueue.concurrentPerform(iterations: 1) { _ in
            let result: String
            do {
                var set = Term.emptySet(.int)
                for i in 0..<5_000 { set = try set.inserting(.int(i)) }
                result = try Prover().checkValid(try set.contains(2_500)).verdict.description
            } catch {
                result = "\(error)"
            }
            outcome.withLock { $0 = result }
        }
        #expect(outcome.withLock { $0 } == "proved")
    }

    @Test func reportsTheLinkedZ3Version() {
        #expect(Prover.z3Version.split(separator: ".").count == 3)
    }
}
