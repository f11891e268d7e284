/// A temporal formula over executions (infinite sequences of states), evaluated at a position.
///
/// `leadsTo(p, q)` means `[](p => <>q)`; `weakFairness(A)` means `[]ENABLED(A) ~> A`;
/// `stable(p)` means `p => []p`; `enabled(A)` holds at a state with some `A`-successor. In
/// `tlaForall(x, p)` / `tlaExists(x, p)` the variable `x` (a parameter, never `s` or `s'`) occurs
/// free in the predicates of `p`. Equality is structural.
public indirect enum TempPred: Hashable, Sendable {
    case `true`
    case `false`
    case lift(StatePred)
    case liftAction(ActionPred)
    case enabled(ActionPred)
    case not(TempPred)
    case and([TempPred])
    case or([TempPred])
    case implies(TempPred, TempPred)
    case always(TempPred)
    case eventually(TempPred)
    case later(TempPred)
    case leadsTo(TempPred, TempPred)
    case weakFairness(ActionPred)
    case stable(TempPred)
    case tlaForall(Variable, TempPred)
    case tlaExists(Variable, TempPred)
}

// MARK: Writing formulas

/// `[]p`: p holds at every position from here on.
public func always(_ p: TempPred) -> TempPred { .always(p) }
/// `<>p`: p holds at some position from here on.
public func eventually(_ p: TempPred) -> TempPred { .eventually(p) }
/// The temporal prime: p holds at the next position.
public func later(_ p: TempPred) -> TempPred { .later(p) }
/// `p => []p`.
public func stable(_ p: TempPred) -> TempPred { .stable(p) }
/// The state predicate evaluated at the current state.
public func liftState(_ p: StatePred) -> TempPred { .lift(p) }
/// The action predicate evaluated on the current step.
public func liftAction(_ a: ActionPred) -> TempPred { .liftAction(a) }
/// `WF(A)`: if A stays enabled from some point on, A eventually happens.
public func weakFairness(_ a: ActionPred) -> TempPred { .weakFairness(a) }
/// `\A x: p(x)` over every value of x's sort.
public func tlaForall(_ x: Variable, _ p: TempPred) -> TempPred { .tlaForall(x, p) }
/// `\E x: p(x)` over the values of x's sort.
public func tlaExists(_ x: Variable, _ p: TempPred) -> TempPred { .tlaExists(x, p) }

infix operator ~> : LogicalDisjunctionPrecedence

extension TempPred {
    /// `[](self => <>q)`.
    public func leadsTo(_ q: TempPred) -> TempPred { .leadsTo(self, q) }
    public func implies(_ q: TempPred) -> TempPred { .implies(self, q) }
    /// `self /\ q`; when `self` is a conjunction, `q` is appended to its conjuncts.
    public func and(_ q: TempPred) -> TempPred { .and(conjuncts + [q]) }
    /// `self \/ q`; when `self` is a disjunction, `q` is appended to its disjuncts.
    public func or(_ q: TempPred) -> TempPred { .or(disjuncts + [q]) }

    public static func ~> (p: TempPred, q: TempPred) -> TempPred { .leadsTo(p, q) }
    public static func && (p: TempPred, q: TempPred) -> TempPred { p.and(q) }
    public static func || (p: TempPred, q: TempPred) -> TempPred { p.or(q) }
    public static prefix func ! (p: TempPred) -> TempPred { .not(p) }

    /// The top-level conjuncts (the formula itself when it is not a conjunction).
    public var conjuncts: [TempPred] {
        if case .and(let ps) = self { return ps }
        return [self]
    }

    /// The top-level disjuncts (the formula itself when it is not a disjunction).
    public var disjuncts: [TempPred] {
        if case .or(let ps) = self { return ps }
        return [self]
    }

    /// Splits `p /\ q` as built by `and(_:)` back into `p` and `q`; nil when `self` has another shape.
    func splitLastConjunct() -> (TempPred, TempPred)? {
        guard case .and(let ps) = self, ps.count >= 2 else { return nil }
        let rest = ps.count == 2 ? ps[0] : .and(Array(ps.dropLast()))
        return rest.and(ps[ps.count - 1]) == self ? (rest, ps[ps.count - 1]) : nil
    }

    /// Splits `p \/ q` as built by `or(_:)` back into `p` and `q`; nil when `self` has another shape.
    func splitLastDisjunct() -> (TempPred, TempPred)? {
        guard case .or(let ps) = self, ps.count >= 2 else { return nil }
        let rest = ps.count == 2 ? ps[0] : .or(Array(ps.dropLast()))
        return rest.or(ps[ps.count - 1]) == self ? (rest, ps[ps.count - 1]) : nil
    }
}

extension StatePred {
    public static func ~> (p: StatePred, q: StatePred) -> TempPred { .leadsTo(.lift(p), .lift(q)) }
}

// MARK: Variables and substitution

extension TempPred {
    /// The parameters occurring free (variables of predicates other than the state variables, not
    /// bound by a `tlaForall` / `tlaExists`).
    public var freeVariables: Set<Variable> {
        switch self {
        case .true, .false: return []
        case .lift(let p): return p.parameters
        case .liftAction(let a), .enabled(let a), .weakFairness(let a): return a.parameters
        case .not(let p), .always(let p), .eventually(let p), .later(let p), .stable(let p): return p.freeVariables
        case .and(let ps), .or(let ps): return ps.reduce(into: []) { $0.formUnion($1.freeVariables) }
        case .implies(let p, let q), .leadsTo(let p, let q): return p.freeVariables.union(q.freeVariables)
        case .tlaForall(let x, let p), .tlaExists(let x, let p): return p.freeVariables.subtracting([x])
        }
    }

    /// The state sorts of the predicates in the formula (one, for a well-formed formula with predicates).
    public var stateSorts: Set<Sort> {
        switch self {
        case .true, .false: return []
        case .lift(let p): return [p.stateSort]
        case .liftAction(let a), .enabled(let a), .weakFairness(let a): return [a.stateSort]
        case .not(let p), .always(let p), .eventually(let p), .later(let p), .stable(let p),
             .tlaForall(_, let p), .tlaExists(_, let p): return p.stateSorts
        case .and(let ps), .or(let ps): return ps.reduce(into: []) { $0.formUnion($1.stateSorts) }
        case .implies(let p, let q), .leadsTo(let p, let q): return p.stateSorts.union(q.stateSorts)
        }
    }

    /// The formula with `x` replaced by `t`. Bound variables that `t` mentions are renamed; `t`
    /// must have x's sort and may not mention a state variable (`s` or `s'`).
    public func substituting(_ x: Variable, with t: Term) throws(KernelError) -> TempPred {
        guard t.sort == x.sort else {
            throw KernelError("substitution", "\(t) has sort \(t.sort), but \(x.name) has sort \(x.sort)")
        }
        if let v = t.freeVariables.first(where: { Variable.isStateName($0.name) }) {
            throw KernelError("substitution", "\(t) mentions the state variable '\(v.name)'; a parameter cannot depend on the state")
        }
        return replacing([x: t])
    }

    private func replacing(_ map: [Variable: Term]) -> TempPred {
        let relevant = map.filter { freeVariables.contains($0.key) }
        if relevant.isEmpty { return self }
        switch self {
        case .true, .false: return self
        case .lift(let p): return .lift(p.substituting(relevant))
        case .liftAction(let a): return .liftAction(a.substituting(relevant))
        case .enabled(let a): return .enabled(a.substituting(relevant))
        case .weakFairness(let a): return .weakFairness(a.substituting(relevant))
        case .not(let p): return .not(p.replacing(relevant))
        case .always(let p): return .always(p.replacing(relevant))
        case .eventually(let p): return .eventually(p.replacing(relevant))
        case .later(let p): return .later(p.replacing(relevant))
        case .stable(let p): return .stable(p.replacing(relevant))
        case .and(let ps): return .and(ps.map { $0.replacing(relevant) })
        case .or(let ps): return .or(ps.map { $0.replacing(relevant) })
        case .implies(let p, let q): return .implies(p.replacing(relevant), q.replacing(relevant))
        case .leadsTo(let p, let q): return .leadsTo(p.replacing(relevant), q.replacing(relevant))
        case .tlaForall(let x, let p):
            let (y, body) = Self.binding(x, p, under: relevant)
            return .tlaForall(y, body)
        case .tlaExists(let x, let p):
            let (y, body) = Self.binding(x, p, under: relevant)
            return .tlaExists(y, body)
        }
    }

    /// Substitutes under the binder `x`, renaming it when a replacement mentions it.
    private static func binding(_ x: Variable, _ body: TempPred, under map: [Variable: Term]) -> (Variable, TempPred) {
        var inner = map
        inner[x] = nil
        guard inner.values.contains(where: { $0.freeVariables.contains(x) }) else { return (x, body.replacing(inner)) }
        let y = Variable("\(x.name)#\(fresh())", x.sort)
        inner[x] = y.term
        return (y, body.replacing(inner))
    }
}
