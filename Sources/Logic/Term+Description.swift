/// A readable, fully parenthesised rendering of terms, used in diagnostics.
extension Term {
    public var description: String {
        switch node {
        case .bool(let b): return b ? "true" : "false"
        case .int(let n): return String(n)
        case .string(let s): return "\"" + s.replacingQuoteAndBackslash() + "\""
        case .variable(let v): return v.name
        case .uninterpreted(let f, let args): return args.isEmpty ? f : "\(f)(\(args.map(\.description).joined(separator: ", ")))"
        case .apply(let op, let args):
            switch op {
            case .and, .or, .implies, .iff, .eq, .add, .sub, .mul, .lt, .le:
                return "(" + args.map(\.description).joined(separator: " \(op.name) ") + ")"
            case .not: return "¬\(args[0])"
            case .neg: return "-\(args[0])"
            case .access(let d, let c, let f): return "\(args[0]).\(d.constructors[c].fields[f].name)"
            case .construct(let d, let c):
                if d.isOption { return c == 0 ? "none" : "some(\(args[0]))" }
                let name = d.constructors[c].name
                return args.isEmpty ? name : "\(name)(\(args.map(\.description).joined(separator: ", ")))"
            case .seqEmpty: return "[]"
            case .mapEmpty, .setEmpty: return "{}"
            default: return "\(op.name)(\(args.map(\.description).joined(separator: ", ")))"
            }
        case .ite(let c, let a, let b): return "(if \(c) then \(a) else \(b))"
        case .labeled(let label, let body): return "⟨\(label)⟩ \(body)"
        case .opaque(let d, let args, _): return "\(d.name)(\(args.map(\.description).joined(separator: ", ")))"
        case .forall(let vs, let body, _): return "(∀ \(vs.map { "\($0.name): \($0.sort)" }.joined(separator: ", ")). \(body))"
        case .exists(let vs, let body, _): return "(∃ \(vs.map { "\($0.name): \($0.sort)" }.joined(separator: ", ")). \(body))"
        case .letIn(let v, let value, let body): return "(let \(v.name) = \(value) in \(body))"
        case .match(let s, let arms):
            let d = s.sort.datatype!
            let parts = arms.map { arm in
                let c = d.constructors[arm.constructor]
                let binds = arm.bindings.isEmpty ? "" : "(" + arm.bindings.map(\.name).joined(separator: ", ") + ")"
                return "\(c.name)\(binds) → \(arm.body)"
            }
            return "(match \(s) { \(parts.joined(separator: "; ")) })"
        }
    }
}
