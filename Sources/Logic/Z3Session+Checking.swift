internal import CZ3
import Foundation

/// The three queries a `Prover` answers, each in its own check scope with a fresh solver.
extension Z3Session {
    /// Validity of `hypotheses ⇒ goal`: asserts the tracked hypotheses and the negated goal.
    func checkValid(_ goal: Term, hypotheses: [(name: String, term: Term)], options: SolverOptions)
        throws(SolverError) -> (verdict: Verdict, rlimitUsed: UInt64, instantiations: UInt64, unsatCore: [String]) {
        try withCheck { () throws(SolverError) in
            guard goal.sort == .bool else { throw SolverError("the goal \(goal) has sort \(goal.sort), not Bool") }
            revealsDefinitions = false
            let solver = try makeSolver(options)
            var hypothesisByTracker: [UInt32: Int] = [:]
            for (i, hypothesis) in hypotheses.enumerated() {
                guard hypothesis.term.sort == .bool else {
                    throw SolverError("hypothesis '\(hypothesis.name)' has sort \(hypothesis.term.sort), not Bool")
                }
                let tracker = try retain(Z3_mk_fresh_const(context, "hypothesis", sort(.bool)))
                Z3_solver_assert_and_track(context, solver, try lower(hypothesis.term), tracker)
                try check()
                hypothesisByTracker[Z3_get_ast_id(context, tracker)] = i
            }
            Z3_solver_assert(context, solver, try retain(Z3_mk_not(context, lower(goal))))
            try check()
            if let file = options.queryFile { try write(solver, to: file) }

            let run = try runCollectingCore(solver, options)
            switch run.outcome {
            case .unsat:
                let used = Set(run.coreIDs.compactMap { hypothesisByTracker[$0] })
                var names: [String] = []
                for i in used.sorted() where !names.contains(hypotheses[i].name) { names.append(hypotheses[i].name) }
                return (.proved, run.rlimitUsed, run.instantiations, names)
            case .sat where !keptOpaque.isEmpty:
                // A model of the opaque definitions as uninterpreted functions may be no real state.
                return (.unknown(reason: "a countermodel with \(keptOpaque.sorted().joined(separator: ", ")) opaque (it may be spurious): "
                                 + "reveal them to decide"), run.rlimitUsed, run.instantiations, [])
            case .sat(let model):
                let variables = Self.sortedFreeVariables([goal] + hypotheses.map(\.term))
                let decoded = model.flatMap { m in try? assignments(variables, in: m) }
                return (.refuted(decoded.map { Counterexample(assignments: $0) }), run.rlimitUsed, run.instantiations, [])
            case .unknown(let reason):
                return (.unknown(reason: reason), run.rlimitUsed, run.instantiations, [])
            case .resourceExhausted:
                return (.resourceExhausted, run.rlimitUsed, run.instantiations, [])
            }
        }
    }

    /// Writes the solver's assertions as an SMT-LIB 2 script ending in `(check-sat)`, written before
    /// the check so a check that never ends still leaves its query behind.
    private func write(_ solver: Z3_solver, to file: String) throws(SolverError) {
        let script = (Z3_solver_to_string(context, solver).map { String(cString: $0) } ?? "") + "(check-sat)\n"
        try check()
        guard FileManager.default.createFile(atPath: file, contents: Data(script.utf8)) else {
            throw SolverError("cannot write the query to \(file)")
        }
    }

    /// Satisfiability of the conjunction; a model decodes variable by variable, and variables
    /// whose value cannot be decoded are listed as undecodable.
    func checkSatisfiable(_ formulas: [Term], options: SolverOptions)
        throws(SolverError) -> (result: SatResult, rlimitUsed: UInt64, instantiations: UInt64) {
        try withCheck { () throws(SolverError) in
            let solver = try makeSolver(options)
            for f in formulas { try assert(f, in: solver) }
            let run = try run(solver, options)
            switch run.outcome {
            case .unsat: return (.unsat, run.rlimitUsed, run.instantiations)
            case .unknown(let reason): return (.unknown(reason: reason), run.rlimitUsed, run.instantiations)
            case .resourceExhausted: return (.resourceExhausted, run.rlimitUsed, run.instantiations)
            case .sat(let model):
                let variables = Self.sortedFreeVariables(formulas)
                var decoded: [(variable: Variable, value: Value)] = [], undecodable: [Variable] = []
                for v in variables {
                    if let model, let assignment = try? assignments([v], in: model) {
                        decoded.append(contentsOf: assignment)
                    } else {
                        undecodable.append(v)
                    }
                }
                return (.sat(Counterexample(assignments: decoded, undecodable: undecodable)), run.rlimitUsed, run.instantiations)
            }
        }
    }

    /// The value of a closed term: Z3's model evaluation in the empty model first; when that does
    /// not yield a value (quantifiers, array equalities), the truth value a solver proves for a
    /// Bool term, or a solver's model of `fresh = term` for other sorts.
    func evaluateClosed(_ term: Term) throws(SolverError) -> Value {
        let free = term.freeVariables
        guard free.isEmpty else {
            throw SolverError("cannot evaluate \(term): it has free variables \(free.map(\.name).sorted().joined(separator: ", "))")
        }
        return try withCheck { () throws(SolverError) in
            let lowered = try lower(term)
            let empty = try retain(model: Z3_mk_model(context))
            if let value = try? decode(evaluate(lowered, in: empty), as: term.sort, model: empty) { return value }

            let options = SolverOptions(modelBasedQuantifiers: true)
            if term.sort == .bool {
                // The value is whichever truth value is valid.
                for candidate in [true, false] {
                    let solver = try makeSolver(options)
                    Z3_solver_assert(context, solver, candidate ? try retain(Z3_mk_not(context, lowered)) : lowered)
                    try check()
                    if case .unsat = try run(solver, options).outcome { return .bool(candidate) }
                }
                throw SolverError("Z3 could not evaluate \(term)")
            }
            let solver = try makeSolver(options)
            let result = try retain(Z3_mk_fresh_const(context, "value", sort(term.sort)))
            Z3_solver_assert(context, solver, try retain(Z3_mk_eq(context, result, lowered)))
            try check()
            let run = try run(solver, options)
            guard case .sat(let model?) = run.outcome else { throw SolverError("Z3 could not evaluate \(term)") }
            return try decode(evaluate(result, in: model), as: term.sort, model: model)
        }
    }

    /// The free variables of the terms, sorted by name (then sort).
    static func sortedFreeVariables(_ terms: [Term]) -> [Variable] {
        terms.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }
            .sorted { ($0.name, $0.sort.description) < ($1.name, $1.sort.description) }
    }
}
