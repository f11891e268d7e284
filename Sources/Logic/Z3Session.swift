internal import CZ3

/// Owns one reference-counted Z3 context and every Z3 object made in it.
///
/// Memory discipline (Z3 objects start with reference count 0 and die at the next API call unless
/// referenced):
/// - sorts and function declarations are `pinned`: inc_ref'd once, dec_ref'd in `deinit`;
/// - terms, patterns, solvers and models made during one check are `retained` in the check's
///   scope and released together when the outermost `withCheck` returns.
///
/// Z3's error handler is disabled, so a failing call returns NULL and leaves an error code that
/// `check()` turns into a `SolverError`; Z3 never exits the process. Not thread-safe: one per thread.
final class Z3Session {
    let context: Z3_context

    // Context-lifetime caches (pinned).
    var sorts: [Sort: Z3_sort] = [:]
    var datatypes: [String: LoweredDatatype] = [:]          // by DatatypeDecl.signature
    var datatypeSignatureByName: [String: String] = [:]
    var functions: [FunctionSignature: Z3_func_decl] = [:]
    var opaqueFunctions: [Definition: Z3_func_decl] = [:]
    var solverParametersValidated = false
    /// The signal that stopped Z3 in a guarded check of this context: the context's state is then
    /// unknown, so it is never used or freed again (its memory is leaked).
    private(set) var crashSignal: Int32?
    private var pinned: [Z3_ast] = []

    // Check-lifetime caches (retained, cleared by `withCheck`).
    var lowered: [ObjectIdentifier: Z3_ast] = [:]
    /// The terms `lowered` is keyed by, kept alive for the check: a term freed during the check
    /// (a temporary, such as a literal built for one assertion) could otherwise leave its address
    /// to a later term, which would then be read as the freed term's lowering.
    var loweredTerms: [Term] = []
    var constants: [Variable: Z3_ast] = [:]
    /// Whether this check lowers opaque applications to their bodies (a satisfiability check,
    /// which must describe real states) rather than to uninterpreted functions (a validity check).
    var revealsDefinitions = true
    /// The definitions this check lowered as uninterpreted functions.
    var keptOpaque: Set<String> = []
    private var retained: [Z3_ast] = []
    private var retainedSolvers: [Z3_solver] = []
    private var retainedModels: [Z3_model] = []
    private var scopeDepth = 0

    init() throws(SolverError) {
        _ = Z3Session.globalParameters
        _ = Z3Session.crashGuard
        guard let config = Z3_mk_config() else { throw SolverError("Z3 could not create a configuration") }
        defer { Z3_del_config(config) }
        guard let context = Z3_mk_context_rc(config) else { throw SolverError("Z3 could not create a context") }
        Z3_set_error_handler(context, nil)
        self.context = context
    }

    /// Process-wide Z3 parameters, set once before the first context is created.
    /// `smt.qi.eager_threshold` = 100 lets E-matching follow long chains (leads-to proofs); as a
    /// solver parameter Z3 4.8.12 ignores it once hypotheses are tracked, so it is set globally.
    private static let globalParameters: Void = {
        Z3_global_param_set("smt.qi.eager_threshold", "100")
    }()

    /// The crash guard's signal handler, installed once (see `anvil_guarded_solver_check`).
    private static let crashGuard: Void = { _ = anvil_guard_install() }()

    /// `Z3_solver_check` under the crash guard; a crash abandons the context and throws.
    func guardedCheck(_ solver: Z3_solver, faultingForTesting: Bool = false) throws(SolverError) -> Z3_lbool {
        var fault: Int32 = 0
        let answer = faultingForTesting ? { fault = Self.guardedFaultForTesting(); return Z3_L_UNDEF }()
            : anvil_guarded_solver_check(context, solver, &fault)
        if fault != 0 {
            crashSignal = fault
            throw SolverError(crashSignal: fault)
        }
        return answer
    }

    /// For tests: a null dereference under the crash guard; returns the signal that stopped it.
    /// (It must run from this module: the guard's state lives in the header's inline functions,
    /// which each calling module gets its own copy of.)
    static func guardedFaultForTesting() -> Int32 {
        _ = crashGuard
        return anvil_guarded_fault_for_testing()
    }

    deinit {
        guard crashSignal == nil else { return }
        releaseCheckScope()
        for ast in pinned { Z3_dec_ref(context, ast) }
        Z3_del_context(context)
    }

    // MARK: Errors

    /// Throws the pending Z3 error, if any.
    func check() throws(SolverError) {
        let code = Z3_get_error_code(context)
        guard code != Z3_OK else { return }
        let message = Z3_get_error_msg(context, code).map { String(cString: $0) } ?? "error code \(code.rawValue)"
        throw SolverError("Z3: " + message)
    }

    // MARK: Reference counting

    /// Checks the last call and keeps its AST alive until the current check scope ends.
    func retain(_ ast: Z3_ast?) throws(SolverError) -> Z3_ast {
        try check()
        guard let ast else { throw SolverError("Z3 returned no term") }
        Z3_inc_ref(context, ast)
        retained.append(ast)
        return ast
    }

    /// Checks the last call and keeps its sort alive for the life of the context.
    func pin(sort: Z3_sort?) throws(SolverError) -> Z3_sort {
        try check()
        guard let sort else { throw SolverError("Z3 returned no sort") }
        pin(Z3_sort_to_ast(context, sort))
        return sort
    }

    /// Checks the last call and keeps its declaration alive for the life of the context.
    func pin(decl: Z3_func_decl?) throws(SolverError) -> Z3_func_decl {
        try check()
        guard let decl else { throw SolverError("Z3 returned no declaration") }
        pin(Z3_func_decl_to_ast(context, decl))
        return decl
    }

    private func pin(_ ast: Z3_ast) {
        Z3_inc_ref(context, ast)
        pinned.append(ast)
    }

    func retain(solver: Z3_solver?) throws(SolverError) -> Z3_solver {
        try check()
        guard let solver else { throw SolverError("Z3 could not create a solver") }
        Z3_solver_inc_ref(context, solver)
        retainedSolvers.append(solver)
        return solver
    }

    func retain(model: Z3_model?) throws(SolverError) -> Z3_model {
        try check()
        guard let model else { throw SolverError("Z3 returned no model") }
        Z3_model_inc_ref(context, model)
        retainedModels.append(model)
        return model
    }

    /// How many solvers and models the current check scope holds, for `release(since:)`.
    var solverMark: (solvers: Int, models: Int) { (retainedSolvers.count, retainedModels.count) }

    /// Releases the solvers and models retained since `mark` before the scope ends, so a long
    /// series of checks in one scope does not keep every solver alive. Terms stay retained.
    func release(since mark: (solvers: Int, models: Int)) {
        guard crashSignal == nil else { return }
        for model in retainedModels[mark.models...] { Z3_model_dec_ref(context, model) }
        for solver in retainedSolvers[mark.solvers...] { Z3_solver_dec_ref(context, solver) }
        retainedModels.removeSubrange(mark.models...)
        retainedSolvers.removeSubrange(mark.solvers...)
    }

    // MARK: Check scopes

    /// Runs `body` in a check scope: everything retained inside is released when the outermost
    /// scope returns, and the per-check caches (lowered terms, constants) are cleared.
    func withCheck<T>(_ body: () throws(SolverError) -> T) throws(SolverError) -> T {
        scopeDepth += 1
        defer {
            scopeDepth -= 1
            if scopeDepth == 0 { releaseCheckScope() }
        }
        return try body()
    }

    private func releaseCheckScope() {
        guard crashSignal == nil else { return }
        lowered.removeAll(keepingCapacity: true)
        loweredTerms.removeAll(keepingCapacity: true)
        constants.removeAll(keepingCapacity: true)
        revealsDefinitions = true
        keptOpaque.removeAll()
        for model in retainedModels { Z3_model_dec_ref(context, model) }
        for solver in retainedSolvers { Z3_solver_dec_ref(context, solver) }
        for ast in retained { Z3_dec_ref(context, ast) }
        retainedModels.removeAll(keepingCapacity: true)
        retainedSolvers.removeAll(keepingCapacity: true)
        retained.removeAll(keepingCapacity: true)
    }

    // MARK: Helpers

    /// The linked library's version, "major.minor.build".
    static var version: String {
        var major: UInt32 = 0, minor: UInt32 = 0, build: UInt32 = 0, revision: UInt32 = 0
        Z3_get_version(&major, &minor, &build, &revision)
        return "\(major).\(minor).\(build)"
    }

    func symbol(_ name: String) -> Z3_symbol { Z3_mk_string_symbol(context, name) }
}

/// Which uninterpreted function a name and signature denote.
struct FunctionSignature: Hashable {
    let name: String
    let domain: [Sort]
    let range: Sort
}

/// The Z3 sort and declarations of one datatype.
struct LoweredDatatype {
    let decl: DatatypeDecl
    let sort: Z3_sort
    let constructors: [Z3_func_decl]
    let testers: [Z3_func_decl]
    let accessors: [[Z3_func_decl]]
}
