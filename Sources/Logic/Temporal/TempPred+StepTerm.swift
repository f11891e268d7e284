/// State- and action-level formulas as terms, the form in which they become SMT obligations.
///
/// A formula is action-level when it has no `[]`, `<>`, `~>`, `WF` or `stable`, and `later` is
/// applied only to state-level formulas; its truth on an execution depends only on the first two
/// states, so it is valid exactly when its term over `(s, s')` is valid. A state-level formula also
/// has no action and no `later`, and depends only on the first state.
extension TempPred {
    /// Whether the formula depends only on the current state.
    public var isStateLevel: Bool { level(allowingSteps: false) }

    /// Whether the formula depends only on the current and the next state.
    public var isActionLevel: Bool { level(allowingSteps: true) }

    private func level(allowingSteps: Bool) -> Bool {
        switch self {
        case .true, .false, .lift, .enabled: return true
        case .liftAction: return allowingSteps
        case .later(let p): return allowingSteps && p.isStateLevel
        case .not(let p), .tlaForall(_, let p), .tlaExists(_, let p): return p.level(allowingSteps: allowingSteps)
        case .and(let ps), .or(let ps): return ps.allSatisfy { $0.level(allowingSteps: allowingSteps) }
        case .implies(let p, let q): return p.level(allowingSteps: allowingSteps) && q.level(allowingSteps: allowingSteps)
        case .always, .eventually, .leadsTo, .weakFairness, .stable: return false
        }
    }

    /// The state-level formula as a Bool term at `state`.
    func stateTerm(at state: Term, rule: String) throws(KernelError) -> Term {
        guard isStateLevel else { throw KernelError(rule, "\(self) is not a state-level formula") }
        return try stepTerm(state, nil, rule: rule)
    }

    /// The action-level formula as a Bool term over the step from `current` to `next`.
    func actionTerm(_ current: Term, _ next: Term, rule: String) throws(KernelError) -> Term {
        guard isActionLevel else { throw KernelError(rule, "\(self) is not a state- or action-level formula") }
        return try stepTerm(current, next, rule: rule)
    }

    private func stepTerm(_ current: Term, _ next: Term?, rule: String) throws(KernelError) -> Term {
        func sub(_ p: TempPred) throws(KernelError) -> Term { try p.stepTerm(current, next, rule: rule) }
        func checked(_ build: () throws(SortError) -> Term) throws(KernelError) -> Term {
            do { return try build() } catch { throw KernelError(rule, "\(self): \(error.message)") }
        }
        func sortMatches(_ sort: Sort) throws(KernelError) {
            guard current.sort == sort else {
                throw KernelError(rule, "\(self) is over \(sort), but the state has sort \(current.sort)")
            }
        }
        switch self {
        case .true: return .true
        case .false: return .false
        case .lift(let p):
            try sortMatches(p.stateSort)
            return p.at(current)
        case .enabled(let a):
            try sortMatches(a.stateSort)
            return a.enabled(at: current)
        case .liftAction(let a):
            try sortMatches(a.stateSort)
            guard let next else { throw KernelError(rule, "\(self) is an action, not a state predicate") }
            return a.at(current, next)
        case .later(let p):
            guard let next else { throw KernelError(rule, "\(self) needs the next state") }
            return try p.stepTerm(next, nil, rule: rule)
        case .not(let p):
            let t = try sub(p)
            return try checked { () throws(SortError) in try !t }
        case .and(let ps), .or(let ps):
            var ts: [Term] = []
            for p in ps { ts.append(try sub(p)) }
            if case .and = self { return try checked { () throws(SortError) in try Term.and(ts) } }
            return try checked { () throws(SortError) in try Term.or(ts) }
        case .implies(let p, let q):
            let a = try sub(p), b = try sub(q)
            return try checked { () throws(SortError) in try a ==> b }
        case .tlaForall(let x, let p), .tlaExists(let x, let p):
            guard !Variable.isStateName(x.name) else { throw KernelError(rule, "\(self) quantifies the state variable '\(x.name)'") }
            let body = try sub(p)
            if case .tlaForall = self { return try checked { () throws(SortError) in try Term.forall([x], body) } }
            return try checked { () throws(SortError) in try Term.exists([x], body) }
        case .always, .eventually, .leadsTo, .weakFairness, .stable:
            throw KernelError(rule, "\(self) is temporal; only state- and action-level formulas become obligations")
        }
    }
}
