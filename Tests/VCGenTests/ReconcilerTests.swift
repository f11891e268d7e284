import Testing
import VCGen

/// A small reconciler written once as terms: it asks for a count until the total reaches the
/// custom resource's target, then is done; a negative response is an error.
struct TallyReconciler: Reconciler {
    static let phase = DatatypeDecl.enumeration("TallyPhase", ["start", "waiting", "done", "failed"])
    static let local = DatatypeDecl.record("TallyState", [.init("phase", .datatype(phase)), .init("total", .int)])

    var name: String { "tally" }
    var resourceSort: Sort { .int }
    var stateSort: Sort { .datatype(Self.local) }
    var requestSort: Sort { .string }
    var responseSort: Sort { .int }

    var initialState: Term { get throws { try .record(Self.local, ["phase": .enumCase(Self.phase, "start"), "total": 0]) } }

    func step(resource: Term, response: Term, state: Term) throws -> Term {
        let result = stepResult
        func emit(_ phase: String, _ total: Term, _ request: Term?) throws(SortError) -> Term {
            try .record(result, ["state": .record(Self.local, ["phase": .enumCase(Self.phase, phase), "total": total]),
                                 "request": request.map(Term.some) ?? .none(.string)])
        }
        let ask = try Term.string("count/").concat(resource.decimalString)
        return try response.unwrap(or: try .ite(state["phase"] .== .enumCase(Self.phase, "start"),
                                                emit("waiting", state["total"], ask), emit("failed", state["total"], nil))) { n throws(SortError) in
            let total = try state["total"] + n
            return try .ite(n < 0, emit("failed", total, nil),
                            .ite(total >= resource, emit("done", total, nil), emit("waiting", total, ask)))
        }
    }

    func isDone(_ state: Term) throws -> Term { try state["phase"] .== .enumCase(Self.phase, "done") }
    func isError(_ state: Term) throws -> Term { try state["phase"] .== .enumCase(Self.phase, "failed") }
}

@Suite struct ReconcilerTests {
    @Test func theDriverRunsAReconcileToDone() throws {
        let driver = try ReconcileDriver(TallyReconciler())
        var state = driver.initialState
        var response: Value? = nil
        var requests: [Value] = []
        for _ in 0..<10 where !(try driver.isDone(state)) {
            let (next, request) = try driver.step(resource: .int(5), response: response, state: state)
            state = next
            if let request { requests.append(request); response = .int(2) }
        }
        #expect(try driver.isDone(state))
        #expect(requests == [.string("count/5"), .string("count/5"), .string("count/5")])
    }

    /// The step evaluated concretely equals the step evaluated by Z3, on random inputs.
    @Test func bothInterpretationsAgreeOnRandomSteps() throws {
        let reconciler = TallyReconciler()
        let driver = try ReconcileDriver(reconciler)
        let prover = try Prover()
        var seed: UInt64 = 0x5EED
        func random(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        let phases = ["start", "waiting", "done", "failed"]
        for _ in 0..<2_000 {
            let cr = Value.int(random(20) - 5)
            let state = Value.datatype(TallyReconciler.local, constructor: 0, fields: [
                .datatype(TallyReconciler.phase, constructor: random(phases.count), fields: []), .int(random(30) - 10),
            ])
            let response: Value? = random(3) == 0 ? nil : .int(random(12) - 4)
            let (next, request) = try driver.step(resource: cr, response: response, state: state)
            let closed = try reconciler.step(resource: .literal(cr, sort: .int),
                                             response: .literal(.option(response, of: .int), sort: .option(.int)),
                                             state: .literal(state, sort: reconciler.stateSort))
            let z3 = try prover.evaluateClosed(closed)
            let concrete = Value.datatype(reconciler.stepResult, constructor: 0, fields: [next, .option(request, of: .string)])
            #expect(z3 == concrete, "cr \(cr), response \(String(describing: response)), state \(state)")
        }
    }
}
