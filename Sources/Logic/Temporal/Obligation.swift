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
    /// When set, the split applies only to the cases through one of these labels (the obligation's,
    /// such as `WF1 progress`, or one on the case's path); sound anywhere, it is taken only where it helps.
    public let through: Set<String>?

    public init(_ name: String, cases: [NamedTerm], through: Set<String>? = nil) {
        self.name = name
        self.cases = cases
        self.through = through
    }

    /// The free variables of the cases: a split applies to an obligation case where all of them are free.
    var freeVariables: Set<Variable> { cases.reduce(into: []) { $0.formUnion($1.term.freeVariables) } }

    /// Whether the split applies to a case of the obligation `label` with `path`.
    func applies(to label: String, path: [String]) -> Bool {
        guard let through else { return true }
        return !through.isDisjoint(with: [label] + path)
    }

    public var description: String { "\(name): " + cases.map(\.name).joined(separator: " | ") }
}

/// Hypotheses of an obligation that only the cases through one of `labels` are given (a case's
/// path names the obligation, such as `WF1 progress`, and the disjuncts and the case-split cases it
/// took, such as an action of `next`), or,
/// `withheld`, that those cases are not given. Sound: a case proved from fewer hypotheses is
/// proved from all. It keeps the others' queries small, since every quantified hypothesis costs Z3
/// instantiations in every case it is given to.
public struct HypothesisScope: Hashable, Sendable {
    public let names: Set<String>
    public let labels: Set<String>
    public let withheld: Bool

    public init(names: Set<String>, labels: Set<String>, withheld: Bool = false) {
        self.names = names
        self.labels = labels
        self.withheld = withheld
    }

    /// Whether a case on `path` goes without the hypotheses.
    func withholds(onPath path: [String]) -> Bool { labels.isDisjoint(with: path) != withheld }
}

/// A hypothesis of an obligation instantiated: the cases through one of `labels` are given, in
/// place of the hypothesis `name`, its universal quantifiers instantiated with `terms`
/// (`Term.instantiatingForalls`), which name the variables as the case sees them (an action's
/// inputs, `s`). Sound: an instance of a valid hypothesis is valid, and a case proved from fewer
/// hypotheses is proved from all. It gives Z3 the one instance a case needs without the quantifier,
/// whose every other instance it would otherwise pursue.
public struct HypothesisInstance: Hashable, Sendable {
    public let name: String
    public let terms: [Term]
    public let labels: Set<String>

    public init(name: String, terms: [Term], labels: Set<String>) {
        self.name = name
        self.terms = terms
        self.labels = labels
    }

    /// The instance's name among a case's hypotheses.
    var instanceName: String { "\(name) at (" + terms.map(\.description).joined(separator: ", ") + ")" }
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
    /// Whether Z3 may use array extensionality (see `SolverOptions.arrayExtensionality`): a matter
    /// of completeness only, like `rlimitFactor`.
    public let arrayExtensionality: Bool
    /// Hypotheses given only to some of the cases (see `HypothesisScope`).
    public let hypothesisScopes: [HypothesisScope]
    /// Hypotheses some cases are given instantiated, in place of the quantified ones (see `HypothesisInstance`).
    public let hypothesisInstances: [HypothesisInstance]

    public init(label: String, goal: Term, hypotheses: [NamedTerm], origin: SourceLocation, caseSplits: [CaseSplit] = [],
                rlimitFactor: Int = 1, arrayExtensionality: Bool = true, hypothesisScopes: [HypothesisScope] = [],
                hypothesisInstances: [HypothesisInstance] = []) {
        self.label = label
        self.goal = goal
        self.hypotheses = hypotheses
        self.origin = origin
        self.caseSplits = caseSplits
        self.rlimitFactor = max(1, rlimitFactor)
        self.arrayExtensionality = arrayExtensionality
        self.hypothesisScopes = hypothesisScopes
        self.hypothesisInstances = hypothesisInstances
    }

    /// The obligation with its parts replaced (the others kept).
    func with(caseSplits: [CaseSplit]? = nil, rlimitFactor: Int? = nil, arrayExtensionality: Bool? = nil,
              hypothesisScopes: [HypothesisScope]? = nil, hypothesisInstances: [HypothesisInstance]? = nil) -> Obligation {
        Obligation(label: label, goal: goal, hypotheses: hypotheses, origin: origin, caseSplits: caseSplits ?? self.caseSplits,
                   rlimitFactor: rlimitFactor ?? self.rlimitFactor, arrayExtensionality: arrayExtensionality ?? self.arrayExtensionality,
                   hypothesisScopes: hypothesisScopes ?? self.hypothesisScopes, hypothesisInstances: hypothesisInstances ?? self.hypothesisInstances)
    }

    /// The hypotheses a case on `path` (the labels of the disjuncts and cases it took) is given:
    /// all but those of a scope none of whose labels is on the path (of a withholding scope, one of
    /// whose labels is); and a hypothesis with an instance for the path is replaced by that
    /// instance (by each, with several).
    func hypotheses(_ hypotheses: [NamedTerm], onPath path: [String]) -> [NamedTerm] {
        let withheld = hypothesisScopes.filter { $0.withholds(onPath: path) }.reduce(into: Set<String>()) { $0.formUnion($1.names) }
        let instances = hypothesisInstances.filter { !$0.labels.isDisjoint(with: path) }
        guard !withheld.isEmpty || !instances.isEmpty else { return hypotheses }
        var out: [NamedTerm] = []
        for h in hypotheses where !withheld.contains(h.name) {
            let mine = instances.filter { $0.name == h.name }
            let instanced = mine.compactMap { i in h.term.instantiatingForalls(i.terms).map { NamedTerm(i.instanceName, $0) } }
            out += instanced.isEmpty ? [h] : instanced
        }
        return out
    }

    /// The solver options for this obligation: the run's, with the resource limit scaled (and
    /// array extensionality off where the obligation says).
    public func effective(_ options: SolverOptions) -> SolverOptions {
        var scaled = options
        if scaled.rlimit > 0 { scaled.rlimit = min(scaled.rlimit * UInt64(rlimitFactor), UInt64(UInt32.max)) }
        if !arrayExtensionality { scaled.arrayExtensionality = false }
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
        PendingFact(conclusion, rule: rule, obligations: obligations.map { $0.with(caseSplits: $0.caseSplits + splits) })
    }

    /// The same pending fact whose obligations give the hypotheses `names` (invariants used, at
    /// either end of a step) only to the cases through one of `labels`: sound, as fewer hypotheses
    /// only make a case harder.
    public func scopingHypotheses(_ names: Set<String>, toCasesThrough labels: Set<String>) -> PendingFact {
        guard !names.isEmpty else { return self }
        return PendingFact(conclusion, rule: rule, obligations: obligations.map { o in
            o.with(hypothesisScopes: o.hypothesisScopes + [HypothesisScope(names: names, labels: labels)])
        })
    }

    /// The same pending fact whose obligations do not give the hypotheses `names` to the cases
    /// through one of `labels` (steps that cannot touch what the hypotheses say, on which Z3 would
    /// only lose itself in them): sound for the same reason.
    public func withholdingHypotheses(_ names: Set<String>, fromCasesThrough labels: Set<String>) -> PendingFact {
        guard !names.isEmpty, !labels.isEmpty else { return self }
        return PendingFact(conclusion, rule: rule, obligations: obligations.map { o in
            o.with(hypothesisScopes: o.hypothesisScopes + [HypothesisScope(names: names, labels: labels, withheld: true)])
        })
    }

    /// `scopingHypotheses` for the invariants `[]inv` of `invariants`, as a rule names them among
    /// its hypotheses (`inv`, and `inv'` at the end of a step).
    public func scopingInvariants(_ invariants: [Fact], toCasesThrough labels: Set<String>) -> PendingFact {
        scopingHypotheses(Self.names(of: invariants), toCasesThrough: labels)
    }

    /// `withholdingHypotheses` for the invariants `[]inv` of `invariants`.
    public func withholdingInvariants(_ invariants: [Fact], fromCasesThrough labels: Set<String>) -> PendingFact {
        withholdingHypotheses(Self.names(of: invariants), fromCasesThrough: labels)
    }

    /// The names a rule gives the invariants `[]inv` of `invariants` among its hypotheses.
    static func names(of invariants: [Fact]) -> Set<String> {
        invariants.reduce(into: Set<String>()) { names, f in
            guard case .always(let p) = f.claim else { return }
            names.formUnion([p.description, p.description + "'"])
        }
    }

    /// The same pending fact whose cases through one of `labels` are given the invariant `[]inv` of
    /// `fact` (as a rule names it among its hypotheses: `inv` at s) instantiated at `terms` instead
    /// of quantified: sound, as an instance of a valid hypothesis is valid.
    public func instantiatingInvariant(_ fact: Fact, at terms: [Term], inCasesThrough labels: Set<String>) -> PendingFact {
        guard case .always(let p) = fact.claim else { return self }
        let instance = HypothesisInstance(name: p.description, terms: terms, labels: labels)
        return PendingFact(conclusion, rule: rule, obligations: obligations.map { o in
            o.with(hypothesisInstances: o.hypothesisInstances + [instance])
        })
    }

    /// The same pending fact whose obligations may use `factor` times the run's resource limit.
    public func withRlimitFactor(_ factor: Int) -> PendingFact {
        PendingFact(conclusion, rule: rule, obligations: obligations.map { $0.with(rlimitFactor: factor) })
    }

    /// The same pending fact whose obligations are checked without array extensionality.
    public func withoutArrayExtensionality() -> PendingFact {
        PendingFact(conclusion, rule: rule, obligations: obligations.map { $0.with(arrayExtensionality: false) })
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
