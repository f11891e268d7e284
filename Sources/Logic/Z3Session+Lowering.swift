internal import CZ3

/// Lowering of terms to Z3 ASTs, cached per term identity within a check.
///
/// Lowering is context-free: a variable always becomes the constant of its name and sort, and a
/// binder (`let`, `match`, a quantifier) abstracts or substitutes that constant in its lowered body.
/// Hence a shared subterm means the same thing wherever it occurs and is lowered once.
extension Z3Session {
    /// Lowers subterms before their parents with an explicit stack, so deep terms (long chains of
    /// map or set updates) do not exhaust a worker thread's stack; `lowerNode` then finds every
    /// direct subterm in the cache.
    func lower(_ term: Term) throws(SolverError) -> Z3_ast {
        if let done = lowered[ObjectIdentifier(term)] { return done }
        var pending: [(term: Term, subtermsDone: Bool)] = [(term, false)]
        while let (next, subtermsDone) = pending.popLast() {
            let key = ObjectIdentifier(next)
            if lowered[key] != nil { continue }
            if subtermsDone {
                lowered[key] = try lowerNode(next)
                loweredTerms.append(next)
            } else {
                pending.append((next, true))
                for sub in loweredSubterms(next).reversed() where lowered[ObjectIdentifier(sub)] == nil { pending.append((sub, false)) }
            }
        }
        return lowered[ObjectIdentifier(term)]!
    }

    /// The Z3 constant standing for a variable.
    func constant(_ variable: Variable) throws(SolverError) -> Z3_ast {
        if let done = constants[variable] { return done }
        let made = try retain(Z3_mk_const(context, symbol(variable.name), sort(variable.sort)))
        constants[variable] = made
        return made
    }

    private func lowerNode(_ term: Term) throws(SolverError) -> Z3_ast {
        switch term.node {
        case .bool(let b): return try retain(b ? Z3_mk_true(context) : Z3_mk_false(context))
        case .int(let n): return try retain(Z3_mk_int64(context, Int64(n), sort(.int)))
        case .string(let s): return try lowerString(s)
        case .variable(let v): return try constant(v)
        case .apply(let op, let args):
            var lowered: [Z3_ast] = []
            for a in args { lowered.append(try lower(a)) }
            return try lowerApply(op, lowered, sort: term.sort, argumentSorts: args.map(\.sort))
        case .ite(let c, let a, let b):
            return try retain(Z3_mk_ite(context, lower(c), lower(a), lower(b)))
        case .uninterpreted(let name, let args):
            let decl = try function(name, args.map(\.sort), term.sort)
            var lowered: [Z3_ast?] = []
            for a in args { lowered.append(try lower(a)) }
            return try retain(Z3_mk_app(context, decl, UInt32(lowered.count), lowered))
        case .forall(let vars, let body, let triggers):
            return try lowerQuantifier(vars, body, triggers, isForall: true)
        case .exists(let vars, let body, let triggers):
            return try lowerQuantifier(vars, body, triggers, isForall: false)
        case .letIn(let v, let value, let body):
            return try substitute([v], by: [lower(value)], in: lower(body))
        case .match(let scrutinee, let arms):
            return try lowerMatch(scrutinee, arms)
        case .labeled(_, let body):
            return try lower(body)
        case .opaque(let definition, let args, let instance):
            if revealsDefinitions { return try lower(instance) }
            keptOpaque.insert(definition.name)
            let decl = try opaqueFunction(definition)
            var lowered: [Z3_ast?] = []
            for a in args { lowered.append(try lower(a)) }
            return try retain(Z3_mk_app(context, decl, UInt32(lowered.count), lowered))
        }
    }

    /// The subterms lowered before `term`: an opaque application's arguments, or (revealed) its instance.
    private func loweredSubterms(_ term: Term) -> [Term] {
        guard case .opaque(_, let args, let instance) = term.node else { return term.node.subterms }
        return revealsDefinitions ? [instance] : args
    }

    /// The uninterpreted function an opaque definition lowers to: declared fresh, so that it
    /// coincides with no other function, and once per definition for the life of the context.
    private func opaqueFunction(_ definition: Definition) throws(SolverError) -> Z3_func_decl {
        if let done = opaqueFunctions[definition] { return done }
        var domainSorts: [Z3_sort?] = []
        for p in definition.parameters { domainSorts.append(try sort(p.sort)) }
        let made = try pin(decl: Z3_mk_fresh_func_decl(context, definition.name, UInt32(domainSorts.count), domainSorts,
                                                       sort(definition.body.sort)))
        opaqueFunctions[definition] = made
        return made
    }

    /// An uninterpreted function, declared fresh (so it never coincides with a variable's constant)
    /// and cached by name and signature for the life of the context.
    private func function(_ name: String, _ domain: [Sort], _ range: Sort) throws(SolverError) -> Z3_func_decl {
        let signature = FunctionSignature(name: name, domain: domain, range: range)
        if let done = functions[signature] { return done }
        var domainSorts: [Z3_sort?] = []
        for s in domain { domainSorts.append(try sort(s)) }
        let made = try pin(decl: Z3_mk_fresh_func_decl(context, name, UInt32(domain.count), domainSorts, sort(range)))
        functions[signature] = made
        return made
    }

    /// A string literal. Characters below 256 go through `Z3_mk_lstring` byte for byte (no escape
    /// processing); others through a `\u{...}` escape, which `Z3_mk_string` parses. Z3's characters
    /// stop at U+2FFFF; beyond it Z3 either errs or silently misreads the escape, so it is refused.
    private func lowerString(_ s: String) throws(SolverError) -> Z3_ast {
        if let beyond = s.unicodeScalars.first(where: { $0.value > Self.largestCharacter }) {
            throw SolverError("Z3 strings hold characters up to U+2FFFF; the string contains U+\(String(beyond.value, radix: 16, uppercase: true))")
        }
        var pieces: [Z3_ast] = []
        var latin1: [CChar] = []
        func flush() throws(SolverError) {
            pieces.append(try retain(Z3_mk_lstring(context, UInt32(latin1.count), latin1)))
            latin1.removeAll()
        }
        for scalar in s.unicodeScalars {
            if scalar.value < 256 {
                latin1.append(CChar(bitPattern: UInt8(scalar.value)))
            } else {
                if !latin1.isEmpty { try flush() }
                pieces.append(try retain(Z3_mk_string(context, "\\u{" + String(scalar.value, radix: 16) + "}")))
            }
        }
        if !latin1.isEmpty || pieces.isEmpty { try flush() }
        return pieces.count == 1 ? pieces[0] : try retain(Z3_mk_seq_concat(context, UInt32(pieces.count), pieces.optionals))
    }

    /// Z3's largest character code (its Unicode mode's `max_char`).
    static let largestCharacter: UInt32 = 0x2FFFF

    private func lowerQuantifier(_ vars: [Variable], _ body: Term, _ triggers: [[Term]], isForall: Bool) throws(SolverError) -> Z3_ast {
        var bound: [Z3_app?] = []
        for v in vars { bound.append(Z3_to_app(context, try constant(v))) }
        var patterns: [Z3_pattern?] = []
        // A trigger only guides instantiation, so dropping one is sound. Z3 rejects patterns that
        // contain if-then-else (which a substitution such as the one-point rule can bring in), so
        // groups that are not plain applications over the bound variables are left to Z3's choice.
        for group in triggers where group.allSatisfy(\.isPatternSafe)
            && Set(vars).isSubset(of: group.reduce(into: Set<Variable>()) { $0.formUnion($1.freeVariables) }) {
            var terms: [Z3_ast?] = []
            for t in group { terms.append(try lower(t)) }
            let pattern = Z3_mk_pattern(context, UInt32(terms.count), terms)
            _ = try retain(pattern.map { Z3_pattern_to_ast(context, $0) })
            patterns.append(pattern)
        }
        let loweredBody = try lower(body)
        return try retain(isForall
            ? Z3_mk_forall_const(context, 0, UInt32(bound.count), bound, UInt32(patterns.count), patterns, loweredBody)
            : Z3_mk_exists_const(context, 0, UInt32(bound.count), bound, UInt32(patterns.count), patterns, loweredBody))
    }

    /// `match s { C_i(x...) -> body_i }` as `ite(is-C_0(s), body_0[x := acc(s)], ite(..., body_last))`.
    private func lowerMatch(_ scrutinee: Term, _ arms: [MatchCase]) throws(SolverError) -> Z3_ast {
        guard let d = scrutinee.sort.datatype, !arms.isEmpty else { throw SolverError("match needs a datatype and at least one arm") }
        let dt = try datatype(d)
        let s = try lower(scrutinee)
        var result: Z3_ast?
        for arm in arms.reversed() {
            var fields: [Z3_ast] = []
            for i in arm.bindings.indices {
                fields.append(try retain(Z3_mk_app(context, dt.accessors[arm.constructor][i], 1, [s])))
            }
            let body = try substitute(arm.bindings, by: fields, in: lower(arm.body))
            if let otherwise = result {
                let test = try retain(Z3_mk_app(context, dt.testers[arm.constructor], 1, [s]))
                result = try retain(Z3_mk_ite(context, test, body, otherwise))
            } else {
                result = body
            }
        }
        return result!
    }

    private func substitute(_ vars: [Variable], by values: [Z3_ast], in body: Z3_ast) throws(SolverError) -> Z3_ast {
        if vars.isEmpty { return body }
        var from: [Z3_ast?] = []
        for v in vars { from.append(try constant(v)) }
        return try retain(Z3_substitute(context, body, UInt32(from.count), from, values.optionals))
    }

    private func lowerApply(_ op: Op, _ a: [Z3_ast], sort: Sort, argumentSorts: [Sort]) throws(SolverError) -> Z3_ast {
        let ctx = context
        let n = UInt32(a.count)
        switch op {
        case .not: return try retain(Z3_mk_not(ctx, a[0]))
        case .and: return try retain(a.isEmpty ? Z3_mk_true(ctx) : Z3_mk_and(ctx, n, a.optionals))
        case .or: return try retain(a.isEmpty ? Z3_mk_false(ctx) : Z3_mk_or(ctx, n, a.optionals))
        case .implies: return try retain(Z3_mk_implies(ctx, a[0], a[1]))
        case .iff: return try retain(Z3_mk_iff(ctx, a[0], a[1]))
        case .eq: return try retain(Z3_mk_eq(ctx, a[0], a[1]))
        case .add: return a.count == 1 ? a[0] : try retain(Z3_mk_add(ctx, n, a.optionals))
        case .sub: return try retain(Z3_mk_sub(ctx, n, a.optionals))
        case .neg: return try retain(Z3_mk_unary_minus(ctx, a[0]))
        case .mul: return a.count == 1 ? a[0] : try retain(Z3_mk_mul(ctx, n, a.optionals))
        case .lt: return try retain(Z3_mk_lt(ctx, a[0], a[1]))
        case .le: return try retain(Z3_mk_le(ctx, a[0], a[1]))
        case .strConcat, .seqConcat: return a.count == 1 ? a[0] : try retain(Z3_mk_seq_concat(ctx, n, a.optionals))
        case .strLength, .seqLength: return try retain(Z3_mk_seq_length(ctx, a[0]))
        case .strPrefixOf: return try retain(Z3_mk_seq_prefix(ctx, a[0], a[1]))
        case .strContains: return try retain(Z3_mk_seq_contains(ctx, a[0], a[1]))
        case .intToString: return try retain(Z3_mk_int_to_str(ctx, a[0]))
        case .construct(let d, let c): return try retain(Z3_mk_app(ctx, datatype(d).constructors[c], n, a.optionals))
        case .access(let d, let c, let f): return try retain(Z3_mk_app(ctx, datatype(d).accessors[c][f], 1, a.optionals))
        case .test(let d, let c): return try retain(Z3_mk_app(ctx, datatype(d).testers[c], 1, a.optionals))
        case .seqEmpty: return try retain(Z3_mk_seq_empty(ctx, self.sort(sort)))
        case .seqUnit: return try retain(Z3_mk_seq_unit(ctx, a[0]))
        case .seqAt:
            let zero = try retain(Z3_mk_int64(ctx, 0, self.sort(.int)))
            let length = try retain(Z3_mk_seq_length(ctx, a[0]))
            let inRange = try retain(Z3_mk_and(ctx, 2, [try retain(Z3_mk_le(ctx, zero, a[1])), try retain(Z3_mk_lt(ctx, a[1], length))]))
            let element = try retain(Z3_mk_seq_nth(ctx, a[0], a[1]))
            return try retain(Z3_mk_ite(ctx, inRange, option(sort, some: element), option(sort, some: nil)))
        case .seqContains:
            return try retain(Z3_mk_seq_contains(ctx, a[0], retain(Z3_mk_seq_unit(ctx, a[1]))))
        case .mapEmpty:
            guard case .map(let key, let value) = sort else { throw SolverError("map.empty of sort \(sort)") }
            return try retain(Z3_mk_const_array(ctx, self.sort(key), option(.option(value), some: nil)))
        case .mapInsert, .mapRemove:
            guard case .map(_, let value) = sort else { throw SolverError("\(op.name) of sort \(sort)") }
            let stored = try option(.option(value), some: op == .mapInsert ? a[2] : nil)
            return try retain(Z3_mk_store(ctx, a[0], a[1], stored))
        case .mapLookup: return try retain(Z3_mk_select(ctx, a[0], a[1]))
        case .mapHasKey:
            guard case .map(_, let value) = argumentSorts[0] else { throw SolverError("map.hasKey on \(argumentSorts[0])") }
            let lookup = try retain(Z3_mk_select(ctx, a[0], a[1]))
            return try retain(Z3_mk_app(ctx, datatype(DatatypeDecl.option(of: value)).testers[1], 1, [lookup]))
        case .setEmpty:
            guard case .set(let element) = sort else { throw SolverError("set.empty of sort \(sort)") }
            return try retain(Z3_mk_empty_set(ctx, self.sort(element)))
        case .setInsert: return try retain(Z3_mk_set_add(ctx, a[0], a[1]))
        case .setRemove: return try retain(Z3_mk_set_del(ctx, a[0], a[1]))
        case .setContains: return try retain(Z3_mk_set_member(ctx, a[1], a[0]))
        case .setUnion: return try retain(Z3_mk_set_union(ctx, n, a.optionals))
        case .setIntersection: return try retain(Z3_mk_set_intersect(ctx, n, a.optionals))
        case .setDifference: return try retain(Z3_mk_set_difference(ctx, a[0], a[1]))
        case .setSubset: return try retain(Z3_mk_set_subset(ctx, a[0], a[1]))
        }
    }

    /// `some(payload)` (or `none` when `payload` is nil) of an `Option` sort.
    private func option(_ optionSort: Sort, some payload: Z3_ast?) throws(SolverError) -> Z3_ast {
        guard let d = optionSort.datatype, d.isOption else { throw SolverError("\(optionSort) is not an option sort") }
        let dt = try datatype(d)
        if let payload { return try retain(Z3_mk_app(context, dt.constructors[1], 1, [payload])) }
        return try retain(Z3_mk_app(context, dt.constructors[0], 0, nil))
    }
}

extension TermNode {
    /// The direct subterms, including trigger terms.
    var subterms: [Term] {
        switch self {
        case .bool, .int, .string, .variable: return []
        case .apply(_, let args), .uninterpreted(_, let args): return args
        case .ite(let c, let a, let b): return [c, a, b]
        case .forall(_, let body, let triggers), .exists(_, let body, let triggers): return [body] + triggers.joined()
        case .letIn(_, let value, let body): return [value, body]
        case .match(let scrutinee, let arms): return [scrutinee] + arms.map(\.body)
        case .labeled(_, let body): return [body]
        case .opaque(_, let args, let instance): return args + [instance]
        }
    }
}

extension Array where Element == Z3_ast {
    /// The elements as the nullable pointers the C API takes.
    var optionals: [Z3_ast?] { map { Optional($0) } }
}

extension Term {
    /// Whether the term lowers to nested function applications only (no if-then-else, binder or
    /// connective), as a Z3 pattern must.
    var isPatternSafe: Bool {
        switch node {
        case .bool, .int, .string, .variable: return true
        case .uninterpreted(_, let args): return args.allSatisfy(\.isPatternSafe)
        case .apply(let op, let args):
            switch op {
            case .access, .test, .construct, .mapLookup, .mapInsert, .mapRemove, .mapHasKey, .setContains, .setInsert,
                 .setRemove, .seqLength, .strLength, .strConcat, .seqConcat, .seqUnit, .add, .sub, .mul, .neg, .intToString:
                return args.allSatisfy(\.isPatternSafe)
            default: return false
            }
        default: return false
        }
    }
}
