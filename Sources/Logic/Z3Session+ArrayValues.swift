internal import CZ3

/// The finite graph of an array value: entries (an earlier entry shadows a later one with the same
/// key) and the value at every other key.
struct ArrayGraph {
    var entries: [(key: Z3_ast, value: Z3_ast)]
    var otherwise: Z3_ast
}

/// Reading array values (maps and sets) out of models. Z3 writes them as `const`/`store` chains,
/// `as-array` references to function graphs, `(_ map f)` of other arrays, or `lambda`s.
extension Z3Session {
    func arrayGraph(_ ast: Z3_ast, model: Z3_model?) throws(SolverError) -> ArrayGraph {
        var entries: [(key: Z3_ast, value: Z3_ast)] = []
        var current = ast
        while true {
            let rest: ArrayGraph
            if Z3_is_as_array(context, current) {
                guard let model else { throw SolverError("array value \(text(current)) needs a model") }
                rest = try functionGraph(Z3_get_as_array_func_decl(context, current), in: model)
            } else if Z3_get_ast_kind(context, current) == Z3_QUANTIFIER_AST, Z3_is_lambda(context, current) {
                rest = try lambdaGraph(current)
            } else {
                guard let (decl, kind, args) = application(current) else { throw SolverError("not an array value: \(text(current))") }
                switch kind {
                case Z3_OP_STORE where args.count == 3:
                    entries.append((args[1], args[2]))
                    current = args[0]
                    continue
                case Z3_OP_CONST_ARRAY where args.count == 1:
                    rest = ArrayGraph(entries: [], otherwise: args[0])
                case Z3_OP_ARRAY_MAP:
                    rest = try pointwise(Z3_get_decl_func_decl_parameter(context, decl, 0), args, model: model)
                default:
                    throw SolverError("not an array value: \(text(current))")
                }
            }
            return ArrayGraph(entries: entries + rest.entries, otherwise: rest.otherwise)
        }
    }

    /// The graph of an `as-array` function interpretation in the model.
    private func functionGraph(_ decl: Z3_func_decl?, in model: Z3_model) throws(SolverError) -> ArrayGraph {
        try check()
        guard let decl, let interpretation = Z3_model_get_func_interp(context, model, decl) else {
            throw SolverError("the model has no graph for an array value")
        }
        Z3_func_interp_inc_ref(context, interpretation)
        defer { Z3_func_interp_dec_ref(context, interpretation) }
        var entries: [(key: Z3_ast, value: Z3_ast)] = []
        for i in 0..<Z3_func_interp_get_num_entries(context, interpretation) {
            guard let entry = Z3_func_interp_get_entry(context, interpretation, i) else { try check(); continue }
            Z3_func_entry_inc_ref(context, entry)
            defer { Z3_func_entry_dec_ref(context, entry) }
            guard Z3_func_entry_get_num_args(context, entry) == 1 else { throw SolverError("an array graph entry has several arguments") }
            entries.append((try retain(Z3_func_entry_get_arg(context, entry, 0)), try retain(Z3_func_entry_get_value(context, entry))))
        }
        let otherwise = try retain(Z3_func_interp_get_else(context, interpretation))
        // The default may depend on the argument (de Bruijn variable 0: `k!1(x) = (x = m)`), so
        // it is the graph of that lambda, under the listed entries.
        guard containsUnboundVariable(otherwise) else { return ArrayGraph(entries: entries, otherwise: otherwise) }
        let rest = try lambdaGraph(lambda(over: Z3_get_domain(context, decl, 0), otherwise))
        return ArrayGraph(entries: entries + rest.entries, otherwise: rest.otherwise)
    }

    /// The graph of `(_ map f) a_1 ... a_n`: `f` applied at every key of some argument's graph,
    /// and to the defaults. Keys are model values, so equal keys are the same (hash-consed) AST.
    private func pointwise(_ function: Z3_func_decl?, _ arrays: [Z3_ast], model: Z3_model?) throws(SolverError) -> ArrayGraph {
        try check()
        guard let function else { throw SolverError("an array map without its function") }
        var graphs: [ArrayGraph] = []
        for a in arrays { graphs.append(try arrayGraph(a, model: model)) }
        func apply(_ arguments: [Z3_ast]) throws(SolverError) -> Z3_ast {
            try retain(Z3_simplify(context, retain(Z3_mk_app(context, function, UInt32(arguments.count), arguments.optionals))))
        }
        var entries: [(key: Z3_ast, value: Z3_ast)] = [], seen: Set<UInt32> = []
        for graph in graphs {
            for (key, _) in graph.entries where seen.insert(Z3_get_ast_id(context, key)).inserted {
                let id = Z3_get_ast_id(context, key)
                let arguments = graphs.map { g in g.entries.first { Z3_get_ast_id(context, $0.key) == id }?.value ?? g.otherwise }
                entries.append((key, try apply(arguments)))
            }
        }
        return ArrayGraph(entries: entries, otherwise: try apply(graphs.map(\.otherwise)))
    }

    /// Whether `a` has a de Bruijn variable not bound inside it (under `depth` binders of its own).
    func containsUnboundVariable(_ a: Z3_ast, depth: UInt32 = 0) -> Bool {
        switch Z3_get_ast_kind(context, a) {
        case Z3_VAR_AST: return Z3_get_index_value(context, a) >= depth
        case Z3_APP_AST: return application(a)?.args.contains { containsUnboundVariable($0, depth: depth) } ?? false
        case Z3_QUANTIFIER_AST:
            guard let body = Z3_get_quantifier_body(context, a) else { return true }
            return containsUnboundVariable(body, depth: depth + Z3_get_quantifier_num_bound(context, a))
        default: return false
        }
    }

    /// The distinct ground subterms of `a` of sort `sort` (simplified) that mention no constant
    /// or uninterpreted function, outside binders: the values `a` is built from.
    func closedSubterms(of sort: Z3_sort?, in a: Z3_ast) throws(SolverError) -> [Z3_ast] {
        var found: [Z3_ast] = [], foundIDs: Set<UInt32> = [], closed: [UInt32: Bool] = [:]
        func visit(_ a: Z3_ast) throws(SolverError) -> Bool {
            let id = Z3_get_ast_id(context, a)
            if let known = closed[id] { return known }
            var isClosed: Bool
            switch Z3_get_ast_kind(context, a) {
            case Z3_NUMERAL_AST: isClosed = true
            case Z3_APP_AST:
                guard let (_, kind, args) = application(a) else { isClosed = false; break }
                isClosed = kind != Z3_OP_UNINTERPRETED
                for arg in args where !(try visit(arg)) { isClosed = false }
            default: isClosed = false
            }
            if isClosed, Z3_is_eq_sort(context, Z3_get_sort(context, a), sort) {
                let value = try retain(Z3_simplify(context, a))
                if foundIDs.insert(Z3_get_ast_id(context, value)).inserted { found.append(value) }
            }
            closed[id] = isClosed
            return isClosed
        }
        _ = try visit(a)
        return found
    }

    /// `lambda x. body`, `x` being de Bruijn variable 0 of `body`, of sort `domain`.
    private func lambda(over domain: Z3_sort?, _ body: Z3_ast) throws(SolverError) -> Z3_ast {
        guard let domain else { try check(); throw SolverError("an array sort without a domain") }
        let name = Z3_mk_string_symbol(context, "x")
        return try retain(Z3_mk_lambda(context, 1, [domain], [name], body))
    }

    /// The graph of `lambda x. body`: the body at each value of the key sort in it, and at one
    /// key outside them as the default. Z3 then confirms that the lambda equals this graph, so a
    /// lambda that is not a finite graph (say `x <= 3`) is an error, not a wrong value.
    private func lambdaGraph(_ lambda: Z3_ast) throws(SolverError) -> ArrayGraph {
        guard Z3_get_quantifier_num_bound(context, lambda) == 1,
              let keySort = Z3_get_quantifier_bound_sort(context, lambda, 0),
              let body = Z3_get_quantifier_body(context, lambda)
        else { throw SolverError("cannot read the array value \(text(lambda))") }

        let keys = try closedSubterms(of: keySort, in: body)

        func at(_ key: Z3_ast) throws(SolverError) -> Z3_ast {
            try retain(Z3_simplify(context, retain(Z3_substitute_vars(context, body, 1, [key]))))
        }
        var entries: [(key: Z3_ast, value: Z3_ast)] = []
        for key in keys { entries.append((key, try at(key))) }
        let otherwise: Z3_ast
        if let other = try key(of: keySort, outside: keys) {
            otherwise = try at(other)
        } else if let first = entries.first {
            otherwise = first.value   // every key is listed: the default is never used
        } else {
            throw SolverError("cannot read the array value \(text(lambda))")
        }

        var graph = try retain(Z3_mk_const_array(context, keySort, otherwise))
        for (key, value) in entries.reversed() { graph = try retain(Z3_mk_store(context, graph, key, value)) }
        guard try isValid(retain(Z3_mk_eq(context, lambda, graph))) else {
            throw SolverError("the array value \(text(lambda)) is not a finite graph")
        }
        return ArrayGraph(entries: entries, otherwise: otherwise)
    }

    /// A value of the sort different from all `keys`, or nil when there is none.
    private func key(of sort: Z3_sort, outside keys: [Z3_ast]) throws(SolverError) -> Z3_ast? {
        let solver = try makeSolver(SolverOptions())
        let fresh = try retain(Z3_mk_fresh_const(context, "key", sort))
        for key in keys {
            Z3_solver_assert(context, solver, try retain(Z3_mk_not(context, retain(Z3_mk_eq(context, fresh, key)))))
            try check()
        }
        switch try run(solver, SolverOptions()).outcome {
        case .sat(let model?): return try evaluate(fresh, in: model)
        case .unsat: return nil
        default: throw SolverError("Z3 found no key outside \(keys.count) array entries")
        }
    }

    /// Whether Z3 proves the closed Bool AST.
    private func isValid(_ claim: Z3_ast) throws(SolverError) -> Bool {
        let solver = try makeSolver(SolverOptions())
        Z3_solver_assert(context, solver, try retain(Z3_mk_not(context, claim)))
        try check()
        if case .unsat = try run(solver, SolverOptions()).outcome { return true }
        return false
    }
}

extension Z3Session {
    /// For tests: the set of integers that `as-array f` reads as in a model made by hand, where
    /// `f` maps 1 to true and any other `x` to `x = 4`: a default that depends on the argument,
    /// as in Z3's own models.
    static func setWithAnArgumentDependentDefaultForTesting() throws(SolverError) -> Value {
        let session = try Z3Session()
        let c = session.context
        let int = try session.sort(.int), bool = try session.sort(.bool)
        let f = try session.pin(decl: Z3_mk_fresh_func_decl(c, "f", 1, [int], bool))
        guard let model = Z3_mk_model(c) else {
            try session.check()
            throw SolverError("could not make the model")
        }
        Z3_model_inc_ref(c, model)
        defer { Z3_model_dec_ref(c, model) }
        let otherwise = try session.retain(Z3_mk_eq(c, session.retain(Z3_mk_bound(c, 0, int)), session.retain(Z3_mk_int(c, 4, int))))
        guard let graph = Z3_add_func_interp(c, model, f, otherwise) else {
            try session.check()
            throw SolverError("could not make the function's graph")
        }
        Z3_func_interp_inc_ref(c, graph)
        guard let arguments = Z3_mk_ast_vector(c) else {
            Z3_func_interp_dec_ref(c, graph)
            try session.check()
            throw SolverError("could not make the entry's arguments")
        }
        Z3_ast_vector_inc_ref(c, arguments)
        defer {
            Z3_ast_vector_dec_ref(c, arguments)
            Z3_func_interp_dec_ref(c, graph)
        }
        Z3_ast_vector_push(c, arguments, try session.retain(Z3_mk_int(c, 1, int)))
        Z3_func_interp_add_entry(c, graph, arguments, try session.retain(Z3_mk_true(c)))
        try session.check()
        return try session.decode(session.retain(Z3_mk_as_array(c, f)), as: .set(.int), model: model)
    }
}
