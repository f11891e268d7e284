/// TLA ASCII rendering of temporal formulas, with predicates shown by name.
extension TempPred: CustomStringConvertible {
    public var description: String {
        switch self {
        case .true: return "TRUE"
        case .false: return "FALSE"
        case .lift(let p): return p.name
        case .liftAction(let a): return a.name
        case .enabled(let a): return "ENABLED(\(a.name))"
        case .weakFairness(let a): return "WF(\(a.name))"
        case .not(let p): return "~" + p.operand
        case .and(let ps): return ps.isEmpty ? "TRUE" : "(" + ps.map(\.description).joined(separator: " /\\ ") + ")"
        case .or(let ps): return ps.isEmpty ? "FALSE" : "(" + ps.map(\.description).joined(separator: " \\/ ") + ")"
        case .implies(let p, let q): return "(\(p) => \(q))"
        case .leadsTo(let p, let q): return "(\(p) ~> \(q))"
        case .always(let p): return "[]" + p.operand
        case .eventually(let p): return "<>" + p.operand
        case .later(let p): return "later" + "(\(p))"
        case .stable(let p): return "stable(\(p))"
        case .tlaForall(let x, let p): return "(\\A \(x.name): \(p))"
        case .tlaExists(let x, let p): return "(\\E \(x.name): \(p))"
        }
    }

    /// The formula as the operand of a prefix operator (names containing spaces get parentheses).
    private var operand: String {
        let text = description
        return text.contains(" ") && !text.hasPrefix("(") ? "(\(text))" : text
    }
}
