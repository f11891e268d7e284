internal import CZ3

/// Decoding of Z3 values (results of model evaluation with completion) into `Value`s, guided by the
/// expected sort. Anything that is not a recognisable value is a `SolverError`, never a guess.
extension Z3Session {
    /// Evaluates `ast` in `model`, completing the model where it leaves a symbol undefined.
    func evaluate(_ ast: Z3_ast, in model: Z3_model) throws(SolverError) -> Z3_ast {
        var result: Z3_ast?
        let ok = Z3_model_eval(context, model, ast, true, &result)
        try check()
        guard ok else { throw SolverError("Z3 could not evaluate \(text(ast)) in the model") }
        return try retain(result)
    }

    /// The value of each variable in the model, in the given order.
    func assignments(_ variables: [Variable], in model: Z3_model) throws(SolverError) -> [(variable: Variable, value: Value)] {
        var result: [(variable: Variable, value: Value)] = []
        for v in variables {
            result.append((v, try decode(evaluate(constant(v), in: model), as: v.sort, model: model)))
        }
        return result
    }

    /// Decodes a Z3 value of the given sort; `model` resolves `as-array` function graphs.
    func decode(_ ast: Z3_ast, as sort: Sort, model: Z3_model?) throws(SolverError) -> Value {
        switch sort {
        case .bool: return .bool(try decodeBool(ast))
        case .int: return .int(try decodeInt(ast))
        case .string: return .string(try decodeString(ast))
        case .datatype(let d):
            let dt = try datatype(d)
            guard let (decl, _, args) = application(ast),
                  let c = dt.constructors.firstIndex(where: { Z3_is_eq_func_decl(context, $0, decl) }),
                  args.count == d.constructors[c].fields.count
            else { throw SolverError("not a value of \(d.name): \(text(ast))") }
            var fields: [Value] = []
            for (i, arg) in args.enumerated() { fields.append(try decode(arg, as: d.fieldSort(c, i), model: model)) }
            return .datatype(d, constructor: c, fields: fields)
        case .seq(let element):
            var elements: [Value] = []
            var pending = [ast]
            while let next = pending.popLast() {
                guard let (_, kind, args) = application(next) else { throw SolverError("not a sequence value: \(text(next))") }
                switch kind {
                case Z3_OP_SEQ_EMPTY: break
                case Z3_OP_SEQ_UNIT: elements.append(try decode(args[0], as: element, model: model))
                case Z3_OP_SEQ_CONCAT: pending.append(contentsOf: args.reversed())
                default: throw SolverError("not a sequence value: \(text(next))")
                }
            }
            return .seq(elements)
        case .map(let keySort, let valueSort):
            let graph = try arrayGraph(ast, model: model)
            let optionSort = Sort.option(valueSort)
            let otherwise = try decodeOption(graph.otherwise, as: optionSort, model: model)
            var entries: [Value: Value] = [:], seen: Set<Value> = []
            for (k, v) in graph.entries {
                let key = try decode(k, as: keySort, model: model)
                guard seen.insert(key).inserted else { continue }   // an outer store shadows inner ones
                if let payload = try decodeOption(v, as: optionSort, model: model) {
                    entries[key] = payload
                } else if otherwise != nil {
                    throw SolverError("the map model removes \(key) from an otherwise total map, which Value cannot express")
                }
            }
            return .map(entries: entries, otherwise: otherwise)
        case .set(let elementSort):
            let graph = try arrayGraph(ast, model: model)
            let otherwise = try decodeBool(graph.otherwise)
            var members: Set<Value> = [], seen: Set<Value> = []
            for (k, v) in graph.entries {
                let element = try decode(k, as: elementSort, model: model)
                guard seen.insert(element).inserted else { continue }
                if try decodeBool(v) != otherwise { members.insert(element) }
            }
            return .set(members: members, complemented: otherwise)
        case .recursive(let name): throw SolverError("cannot decode the unresolved recursive sort \(name)")
        }
    }

    private func decodeBool(_ ast: Z3_ast) throws(SolverError) -> Bool {
        let value = Z3_get_bool_value(context, ast)
        if value == Z3_L_TRUE { return true }
        if value == Z3_L_FALSE { return false }
        throw SolverError("not a Boolean value: \(text(ast))")
    }

    private func decodeInt(_ ast: Z3_ast) throws(SolverError) -> Int {
        if let (_, kind, args) = application(ast), kind == Z3_OP_UMINUS, args.count == 1 {
            let magnitude = try decodeInt(args[0])
            guard magnitude != Int.min else { throw SolverError("integer -(\(text(args[0]))) does not fit in Int") }
            return -magnitude
        }
        guard Z3_is_numeral_ast(context, ast), let digits = Z3_get_numeral_string(context, ast) else {
            throw SolverError("not an integer value: \(text(ast))")
        }
        let numeral = String(cString: digits)
        guard let n = Int(numeral) else { throw SolverError("integer \(numeral) does not fit in Int") }
        return n
    }

    /// The payload of an `Option` value, `nil` for `none`.
    private func decodeOption(_ ast: Z3_ast, as optionSort: Sort, model: Z3_model?) throws(SolverError) -> Value? {
        guard case .some(let payload) = try decode(ast, as: optionSort, model: model).optionPayload else {
            throw SolverError("\(optionSort) is not an option sort")
        }
        return payload
    }

    /// A string literal. `Z3_get_lstring` yields one byte per character below 256 (exact, no
    /// escaping); when the byte count differs from the length, some character is larger, and the
    /// string is read one character at a time, parsing the escape Z3 prints for large characters.
    private func decodeString(_ ast: Z3_ast) throws(SolverError) -> String {
        let literal = Z3_is_string(context, ast) ? ast : try retain(Z3_simplify(context, ast))
        guard Z3_is_string(context, literal) else { throw SolverError("not a string value: \(text(ast))") }
        let bytes = try latin1Bytes(literal)
        let length = try decodeInt(retain(Z3_simplify(context, retain(Z3_mk_seq_length(context, literal)))))
        var scalars = String.UnicodeScalarView()
        if bytes.count == length {
            scalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return String(scalars)
        }
        let int = try sort(.int)
        for i in 0..<length {
            let index = try retain(Z3_mk_int64(context, Int64(i), int))
            let character = try retain(Z3_simplify(context, retain(Z3_mk_seq_at(context, literal, index))))
            guard Z3_is_string(context, character) else { throw SolverError("cannot read character \(i) of \(text(literal))") }
            let single = try latin1Bytes(character)
            if single.count == 1 {
                scalars.append(Unicode.Scalar(single[0]))
            } else {
                let escaped = Z3_get_string(context, character).map { String(cString: $0) } ?? ""
                guard let scalar = Self.unescapeCharacter(escaped) else {
                    throw SolverError("cannot read character \(i) of a string: \(escaped)")
                }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    private func latin1Bytes(_ literal: Z3_ast) throws(SolverError) -> [UInt8] {
        var count: UInt32 = 0
        let pointer = Z3_get_lstring(context, literal, &count)
        try check()
        guard let pointer else { throw SolverError("Z3 returned no string") }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: Int(count)) { Array(UnsafeBufferPointer(start: $0, count: Int(count))) }
    }

    /// One character as Z3 prints it: `\u{1f600}`, `\uXXXX` or `\xHH`.
    static func unescapeCharacter(_ text: String) -> Unicode.Scalar? {
        var hex = Substring(text)
        if hex.hasPrefix("\\u{") && hex.hasSuffix("}") { hex = hex.dropFirst(3).dropLast() }
        else if hex.hasPrefix("\\u") || hex.hasPrefix("\\x") { hex = hex.dropFirst(2) }
        else { return nil }
        return UInt32(hex, radix: 16).flatMap(Unicode.Scalar.init)
    }

    /// The declaration, its kind and the arguments of an application.
    func application(_ ast: Z3_ast) -> (decl: Z3_func_decl, kind: Z3_decl_kind, args: [Z3_ast])? {
        guard Z3_get_ast_kind(context, ast) == Z3_APP_AST, let app = Z3_to_app(context, ast),
              let decl = Z3_get_app_decl(context, app) else { return nil }
        let args = (0..<Z3_get_app_num_args(context, app)).compactMap { Z3_get_app_arg(context, app, $0) }
        return (decl, Z3_get_decl_kind(context, decl), args)
    }

    /// Z3's rendering of an AST, for messages.
    func text(_ ast: Z3_ast) -> String {
        Z3_ast_to_string(context, ast).map { String(cString: $0) } ?? "?"
    }
}
