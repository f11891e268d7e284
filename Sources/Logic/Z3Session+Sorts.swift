internal import CZ3

/// Sorts: Bool, Int and String are Z3's; datatypes are declared with `Z3_mk_datatypes`; maps are
/// arrays `K -> Option<V>`, sets arrays `K -> Bool`, sequences Z3 sequences.
extension Z3Session {
    func sort(_ sort: Sort) throws(SolverError) -> Z3_sort {
        if let cached = sorts[sort] { return cached }
        let made: Z3_sort
        switch sort {
        case .bool: made = try pin(sort: Z3_mk_bool_sort(context))
        case .int: made = try pin(sort: Z3_mk_int_sort(context))
        case .string: made = try pin(sort: Z3_mk_string_sort(context))
        case .datatype(let d): made = try datatype(d).sort
        case .map(let key, let value):
            let domain = try self.sort(key), range = try self.sort(.option(value))
            made = try pin(sort: Z3_mk_array_sort(context, domain, range))
        case .set(let element): made = try pin(sort: Z3_mk_set_sort(context, self.sort(element)))
        case .seq(let element): made = try pin(sort: Z3_mk_seq_sort(context, self.sort(element)))
        case .recursive(let name):
            throw SolverError("the recursive reference '\(name)' is only allowed as a field of datatype \(name)")
        }
        sorts[sort] = made
        return made
    }

    /// Declares a datatype (once per structure). A field of sort `.recursive(name)` refers to the
    /// datatype itself; field datatypes are declared first. A name belongs to the first structure
    /// declared under it for the life of the context; a different structure under it is rejected.
    func datatype(_ d: DatatypeDecl) throws(SolverError) -> LoweredDatatype {
        if let done = datatypes[d.signature] { return done }
        if let other = datatypeSignatureByName[d.name], other != d.signature {
            throw SolverError("two different datatypes are named '\(d.name)': \(other) and \(d.signature)")
        }
        guard !d.constructors.isEmpty else { throw SolverError("datatype \(d.name) has no constructors") }

        var fieldSorts: [[Z3_sort?]] = []
        var selfReferences: [[UInt32]] = []
        for c in d.constructors {
            var sortsOfFields: [Z3_sort?] = [], references: [UInt32] = []
            for f in c.fields {
                if case .recursive(let name) = f.sort, name == d.name {
                    sortsOfFields.append(nil)
                } else if f.sort.mentionsRecursive(d.name) {
                    throw SolverError("\(d.name).\(c.name): field '\(f.name)' nests a recursive reference inside \(f.sort), which is not supported")
                } else {
                    sortsOfFields.append(try sort(f.sort))
                }
                references.append(0)
            }
            fieldSorts.append(sortsOfFields)
            selfReferences.append(references)
        }

        var constructors: [Z3_constructor?] = []
        defer { for c in constructors { Z3_del_constructor(context, c) } }
        for (i, c) in d.constructors.enumerated() {
            let fieldNames: [Z3_symbol?] = c.fields.map { symbol("\(c.name).\($0.name)") }
            var references = selfReferences[i]
            let made = Z3_mk_constructor(context, symbol(c.name), symbol("is-\(c.name)"), UInt32(c.fields.count),
                                         fieldNames, fieldSorts[i], &references)
            try check()
            constructors.append(made)
        }
        let list = Z3_mk_constructor_list(context, UInt32(constructors.count), constructors)
        try check()
        defer { Z3_del_constructor_list(context, list) }
        var names: [Z3_symbol?] = [symbol(d.name)]
        var made: [Z3_sort?] = [nil]
        var lists: [Z3_constructor_list?] = [list]
        Z3_mk_datatypes(context, 1, &names, &made, &lists)
        let sort = try pin(sort: made[0])

        var constructorDecls: [Z3_func_decl] = [], testers: [Z3_func_decl] = [], accessors: [[Z3_func_decl]] = []
        for (i, c) in d.constructors.enumerated() {
            var constructor: Z3_func_decl?, tester: Z3_func_decl?
            var fields = [Z3_func_decl?](repeating: nil, count: c.fields.count)
            Z3_query_constructor(context, constructors[i], UInt32(c.fields.count), &constructor, &tester, &fields)
            try check()
            // Pinned before the constructor objects are deleted, which would otherwise free them.
            constructorDecls.append(try pin(decl: constructor))
            testers.append(try pin(decl: tester))
            var pinnedFields: [Z3_func_decl] = []
            for f in fields { pinnedFields.append(try pin(decl: f)) }
            accessors.append(pinnedFields)
        }
        let lowered = LoweredDatatype(decl: d, sort: sort, constructors: constructorDecls, testers: testers, accessors: accessors)
        datatypes[d.signature] = lowered
        datatypeSignatureByName[d.name] = d.signature
        return lowered
    }
}
