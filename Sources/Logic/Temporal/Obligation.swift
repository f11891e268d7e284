/// A Bool term with a name, used as a named hypothesis (names show up in unsat cores).
public struct NamedTerm: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let term: Term

    public init(_ name: String, _ term: Term) {
        self.name = name
        self.term = term
    }

    public var description: String { "\(name): \(term)" }
}

/// A place in a proof script.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// A case analysis a proof asks for: the named cases must cover every possibility (an extra
/// obligation says so), and each becomes an antecedent of its own case of the obligation.
public struct CaseSplit: Hashable, Sendable, CustomStringConvertible {
    public let name: String
    public let cases: [NamedTerm]

    public init(_ name: String, cases: [NamedTerm]) {
        self.name = name
        self.cases = cases
    }

    /// The free variables of the cases: a split applies to an obligation case where all of them are free.
    var freeVariables: Set<Variable> { cases.reduce(into: []) { $0.formUnion($1.term.freeVariables) } }

    public var description: String { "\(name): " + cases.map(\.name).joined(separator: " | ") }
}

/// A state-level premise of a rule: `goal` must hold for every value of its free variables (the
/// state variables `s`, `s'` and the parameters) whenever all `hypotheses` hold.
public struct Obligation: Hashable, Sendable, CustomStringConvertible {
    /// What the obligation is, for example "WF1 stay".
    public let label: String
    public let goal: Term
    public let hypotheses: [NamedTerm]
    /// The proof-script line that applied the rule.
    public let origin: SourceLocation
    /// Case analyses to apply where their variables are free (see `cases`).
    public let caseSplits: [CaseSplit]
    /// How many times the run's resource limit this obligation may use (as Anvil's per-function
    /// `rlimit`): a matter of completeness only, since a pass still needs Z3's `unsat`.
    public let rlimitFactor: Int

    public init(label: String, goal: Term, hypotheses: [NamedTerm], origin: SourceLocation, caseSplits: [CaseSplit] = [],
                rlimitFactor: Int = 1) {
        self.label = label
        self.goal = goal
        self.hypotheses = hypotheses
        self.origin = origin
        self.caseSplits = caseSplits
        self.rlimitFactor = max(1, rlimitFactor)
    }

    /// The solver options for this obligation: the run's, with the resource limit scaled.
    public func effective(_ options: SolverOptions) -> SolverOptions {
        var scaled = options
        if scaled.rlimit > 0 { scaled.rlimit = min(scaled.rlimit * UInt64(rlimitFactor), UInt64(UInt32.max)) }
        return scaled
    }

    public var description: String {
        let hyps = hypotheses.isEmpty ? "" : " given " + hypotheses.map(\.name).joined(separator: ", ")
        return "\(label): \(goal)\(hyps)"
    }
}

/// Evidence that an obligation was proved. Only `Obligation.discharge` issues one, and only for
/// the verdict `.proved`; it can be sent across threads.
public struct DischargeReceipt: Hashable, Sendable {
    public let obligation: Obligation

    init(_ obligation: Obligation) { self.obligation = obligation }
}

/// The conclusion of a rule that still waits for its state-level obligations.
public struct PendingFact: Sendable, CustomStringConvertible {
    public let conclusion: Entailment
    /// The rule that produced it.
    public let rule: String
    public let obligations: [Obligation]

    init(_ conclusion: Entailment, rule: String, obligations: [Obligation]) {
        self.conclusion = conclusion
        self.rule = rule
        self.obligations = obligations
    }

    /// The same pending fact with case analyses added to every obligation: sound, since each split
    /// comes with the obligation that its cases cover everything.
    public func splittingCases(_ splits: [CaseSplit]) -> PendingFact {
        PendingFact(conclusion, rule: rule, obligations: obligations.map { o in
            Obligation(label: o.label, goal: o.goal, hypotheses: o.hypotheses, origin: o.origin, caseSplits: o.caseSplits + splits,
                       rlimitFactor: o.rlimitFactor)
        })
    }

    /// The same pending fact whose obligations may use `factor` times the run's resource limit.
    public func withRlimitFactor(_ factor: Int) -> PendingFact {
        PendingFact(conclusion, rule: rule, obligations: obligations.map { o in
            Obligation(label: o.label, goal: o.goal, hypotheses: o.hypotheses, origin: o.origin, caseSplits: o.caseSplits,
                       rlimitFactor: factor)
        })
    }

    /// The fact, once every obligation has a receipt.
    public func complete(with receipts: [DischargeReceipt]) throws(KernelError) -> Fact {
        let proved = Set(receipts.map(\.obligation))
        let missing = obligations.filter { !proved.contains($0) }
        guard missing.isEmpty else {
            throw KernelError(rule, "no discharge receipt for " + missing.map { "'\($0.label)'" }.joined(separator: ", "))
        }
        return Fact(conclusion, rule: rule)
    }

    public var description: String {
        "\(conclusion)  [\(rule), \(obligations.count) obligation(s) pending]"
    }
}
