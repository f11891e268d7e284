internal import CZ3

/// What one `Z3_solver_check` said, before it is turned into a `Verdict`.
enum SolverOutcome {
    /// Satisfiable, with the model when Z3 could produce one.
    case sat(Z3_model?)
    case unsat
    case unknown(reason: String)
    case resourceExhausted
}

/// Solvers: one fresh solver per check, configured from `SolverOptions`, with statistics.
extension Z3Session {
    /// A fresh solver with the options applied (validated against Z3's parameter descriptions).
    ///
    /// It is Z3's plain SMT core (`Z3_mk_simple_solver`), the one that also runs whenever
    /// hypotheses are tracked: a trivial check takes about 0.3 ms, against 7-13 ms with
    /// `Z3_mk_solver`, which builds a preprocessing tactic for every new solver. Models of arrays
    /// from this core may be `lambda`s, which the decoder reads (`Z3Session+ArrayValues.swift`).
    func makeSolver(_ options: SolverOptions) throws(SolverError) -> Z3_solver {
        guard let params = Z3_mk_params(context) else { try check(); throw SolverError("Z3 could not create parameters") }
        Z3_params_inc_ref(context, params)
        defer { Z3_params_dec_ref(context, params) }
        Z3_params_set_uint(context, params, symbol("rlimit"), UInt32(clamping: options.rlimit))
        Z3_params_set_uint(context, params, symbol("random_seed"), options.seed)
        Z3_params_set_bool(context, params, symbol("mbqi"), options.modelBasedQuantifiers)
        if let relevancy = options.relevancy { Z3_params_set_uint(context, params, symbol("relevancy"), relevancy) }
        if !options.arrayExtensionality { Z3_params_set_bool(context, params, symbol("array.extensional"), false) }
        // No "timeout" parameter: `run` enforces the wall-clock limit itself (`CheckWatchdog`).
        try check()
        // Parameters are set before any other use of the solver, which builds it with them.
        let solver = try retain(solver: Z3_mk_simple_solver(context))
        Z3_solver_set_params(context, solver, params)
        try check()
        if !solverParametersValidated {
            try validate(params, for: solver)
            solverParametersValidated = true
        }
        return solver
    }

    /// Checks the parameter names and types against Z3's descriptions (once per context: it is slow).
    private func validate(_ params: Z3_params, for solver: Z3_solver) throws(SolverError) {
        guard let descriptions = Z3_solver_get_param_descrs(context, solver) else { try check(); throw SolverError("Z3 has no solver parameters") }
        Z3_param_descrs_inc_ref(context, descriptions)
        defer { Z3_param_descrs_dec_ref(context, descriptions) }
        Z3_params_validate(context, params, descriptions)
        try check()
    }

    func assert(_ formula: Term, in solver: Z3_solver) throws(SolverError) {
        guard formula.sort == .bool else { throw SolverError("cannot assert \(formula): its sort is \(formula.sort), not Bool") }
        Z3_solver_assert(context, solver, try lower(formula))
        try check()
    }

    /// Runs the solver and classifies the answer. An `unknown` is a timeout when the watchdog
    /// stopped the check at its wall-clock limit; it is resource exhaustion when the rlimit counter
    /// reached the limit or Z3's reason names the resource limit or another cancellation.
    ///
    /// The wall-clock limit is enforced here (`CheckWatchdog`), not by Z3's `timeout` parameter,
    /// whose timer threads in 4.8.12 race with the checking thread (see `CheckWatchdog`).
    func run(_ solver: Z3_solver, _ options: SolverOptions) throws(SolverError) -> (outcome: SolverOutcome, rlimitUsed: UInt64, instantiations: UInt64) {
        let before = try statistics(solver).rlimitCount
        var ticket: Int?
        if let cancellation = options.cancellation {
            guard let registered = cancellation.register(context, solver) else { return (.unknown(reason: CheckCancellation.reason), 0, 0) }
            ticket = registered
        }
        defer { if let ticket { options.cancellation?.unregister(ticket) } }
        let watchdog = options.timeoutMilliseconds.map { CheckWatchdog(context: context, solver: solver, milliseconds: $0) }
        let answer: Z3_lbool
        do { answer = try guardedCheck(solver, faultingForTesting: options.faultsForTesting && options.relevancy != 0) } catch {
            _ = watchdog?.disarm()
            throw error
        }
        let timedOut = watchdog?.disarm() ?? false
        try check()
        let after = try statistics(solver)
        let used = after.rlimitCount >= before ? after.rlimitCount - before : 0
        let outcome: SolverOutcome
        if answer == Z3_L_FALSE {
            outcome = .unsat
        } else if answer == Z3_L_TRUE {
            outcome = .sat(try? retain(model: Z3_solver_get_model(context, solver)))
        } else {
            let reason = Z3_solver_get_reason_unknown(context, solver).map { String(cString: $0) } ?? "unknown"
            let lowered = reason.lowercased()
            let limit = UInt64(UInt32(clamping: options.rlimit))
            if options.cancellation?.isCancelled == true {
                outcome = .unknown(reason: CheckCancellation.reason)
            } else if timedOut {
                outcome = .unknown(reason: "timeout after \(options.timeoutMilliseconds ?? 0) ms (Z3: \(reason))")
            } else if (limit > 0 && used >= limit) || lowered.contains("resource") || lowered.contains("rlimit") || lowered.contains("canceled") {
                outcome = .resourceExhausted
            } else {
                outcome = .unknown(reason: reason)
            }
        }
        return (outcome, used, after.quantifierInstantiations)
    }

    /// `run`, here or (`options.isolated`) in a forked copy of the process, with the ids of the
    /// unsat core's tracking literals when the answer is unsat.
    func runCollectingCore(_ solver: Z3_solver, _ options: SolverOptions) throws(SolverError)
        -> (outcome: SolverOutcome, rlimitUsed: UInt64, instantiations: UInt64, coreIDs: [UInt32]) {
        if options.isolated { return try runIsolated(solver, options) }
        let here = try run(solver, options)
        guard case .unsat = here.outcome else { return (here.outcome, here.rlimitUsed, here.instantiations, []) }
        return (here.outcome, here.rlimitUsed, here.instantiations, try unsatCore(solver).map { Z3_get_ast_id(context, $0) })
    }

    /// Z3 crashed in the check's copy (caught by the crash guard there, or the copy died of it):
    /// only this check is lost, and `Prover.checkValid` may check it again.
    static func crashedInCopy(signal: Int32) -> SolverError {
        var crash = SolverError("Z3 crashed on this case (signal \(signal)); the check ran in a copy of the process, so only this case is lost")
        crash.crashSignal = signal
        return crash
    }

    /// `run`, in a forked copy of the process (`IsolatedRun`), so that a crash in Z3 fails this
    /// check only; the copy is killed at the wall-clock limit (it has no timer thread of its own:
    /// threads do not survive a fork). The copy starts from this context exactly as it is, so its
    /// answer is the one `run` would give here. It reports the answer, its cost and (unsat) the ids
    /// of the unsat core's tracking literals; a sat answer is repeated here, for its model.
    func runIsolated(_ solver: Z3_solver, _ options: SolverOptions) throws(SolverError)
        -> (outcome: SolverOutcome, rlimitUsed: UInt64, instantiations: UInt64, coreIDs: [UInt32]) {
        let deadline = options.timeoutMilliseconds.map { Double($0) / 1000 }
        var inCopy = options
        inCopy.timeoutMilliseconds = nil
        var attempt = 0
        while true {
            attempt += 1
            let copy = IsolatedRun.run(seconds: deadline) { () -> String in
                let r: (outcome: SolverOutcome, rlimitUsed: UInt64, instantiations: UInt64)
                do { r = try run(solver, inCopy) } catch let error as SolverError {
                    return error.crashSignal.map { "crashed \($0) 0 -" } ?? "error 0 0 -\n\(error.message)"
                } catch { return "error 0 0 -\n\(error)" }
                var word = "", reason = "", core: [UInt32] = []
                switch r.outcome {
                case .unsat:
                    word = "unsat"
                    core = ((try? unsatCore(solver)) ?? []).map { Z3_get_ast_id(context, $0) }
                case .sat: word = "sat"
                case .unknown(let why): word = "unknown"; reason = why
                case .resourceExhausted: word = "exhausted"
                }
                return "\(word) \(r.rlimitUsed) \(r.instantiations) \(core.map(String.init).joined(separator: ","))\n\(reason)"
            }
            switch copy {
            case .finished(let text):
                let lines = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                let head = lines.first.map { $0.split(separator: " ", omittingEmptySubsequences: false) } ?? []
                guard head.count == 4, let used = UInt64(head[1]), let instantiations = UInt64(head[2]) else {
                    throw SolverError("the isolated check sent an unreadable answer: \(text.prefix(200))")
                }
                let ids = head[3].split(separator: ",").compactMap { UInt32($0) }
                let reason = lines.count > 1 ? String(lines[1]) : ""
                switch head[0] {
                case "unsat": return (.unsat, used, instantiations, ids)
                case "sat":
                    let here = try run(solver, options)
                    return (here.outcome, here.rlimitUsed, here.instantiations, [])
                case "unknown": return (.unknown(reason: reason), used, instantiations, [])
                case "exhausted": return (.resourceExhausted, used, instantiations, [])
                case "crashed": throw Self.crashedInCopy(signal: Int32(used))
                default: throw SolverError("the isolated check failed: \(text.prefix(200))")
                }
            case .crashed(let signal):
                throw Self.crashedInCopy(signal: signal)
            case .timedOut:
                return (.unknown(reason: "timeout after \(options.timeoutMilliseconds ?? 0) ms (the check was stopped)"), 0, 0, [])
            case .stalled where attempt == 1:
                continue
            case .stalled:
                throw SolverError("the isolated check stopped using processor time twice (blocked); the case is not decided")
            case .unavailable:
                // No copy could be made: check here.
                var here = options
                here.isolated = false
                return try runCollectingCore(solver, here)
            }
        }
    }

    /// The context-wide resource counter and the solver's quantifier instantiations.
    private func statistics(_ solver: Z3_solver) throws(SolverError) -> (rlimitCount: UInt64, quantifierInstantiations: UInt64) {
        guard let stats = Z3_solver_get_statistics(context, solver) else { try check(); throw SolverError("Z3 has no statistics") }
        Z3_stats_inc_ref(context, stats)
        defer { Z3_stats_dec_ref(context, stats) }
        var rlimitCount: UInt64 = 0, instantiations: UInt64 = 0
        for i in 0..<Z3_stats_size(context, stats) {
            guard let key = Z3_stats_get_key(context, stats, i).map({ String(cString: $0) }) else { continue }
            let value = Z3_stats_is_uint(context, stats, i)
                ? UInt64(Z3_stats_get_uint_value(context, stats, i))
                : UInt64(clamping: Int64(Z3_stats_get_double_value(context, stats, i)))
            if key == "rlimit count" { rlimitCount = value }
            if key == "quant instantiations" { instantiations = value }
        }
        return (rlimitCount, instantiations)
    }

    /// The tracking literals of the last unsat answer.
    func unsatCore(_ solver: Z3_solver) throws(SolverError) -> [Z3_ast] {
        guard let core = Z3_solver_get_unsat_core(context, solver) else { try check(); throw SolverError("Z3 has no unsat core") }
        Z3_ast_vector_inc_ref(context, core)
        defer { Z3_ast_vector_dec_ref(context, core) }
        var result: [Z3_ast] = []
        for i in 0..<Z3_ast_vector_size(context, core) { result.append(try retain(Z3_ast_vector_get(context, core, i))) }
        return result
    }
}
