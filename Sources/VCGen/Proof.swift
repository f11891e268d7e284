import Foundation

/// A proof file: `proofs/<stem>.swift` declares `public enum <stem>: ProofModule`, which is how
/// `anvil-prove` finds it from its path, with no registry to edit.
public protocol ProofModule {
    static var proofs: [any Proof] { get }
    /// Seeded bugs: the same proofs built against a broken system. `anvil-prove --mutants` checks
    /// that every one is killed (some proof fails).
    static var mutants: [Mutant] { get }
}

extension ProofModule {
    public static var mutants: [Mutant] { [] }
}

/// A seeded bug: a name, what was broken, and the proofs re-built against the broken system.
public struct Mutant: Sendable {
    public let name: String
    public let bug: String
    public let proofs: [any Proof]
    /// Whether the failure must come with a counterexample execution that the search finds (checked
    /// whenever the search runs): the bug's violation is a lasso the search is expected to show.
    public let showsCounterexample: Bool
    /// A fragment of the label of the case expected to fail: in every step of the mutant's proofs
    /// the cases whose label contains it are checked first. An order only (the step still checks
    /// its other cases until one fails), what keeps a mutant from re-proving a large step's
    /// unchanged cases before reaching the one its bug breaks.
    public let failsAt: String?
    /// Lemmas of the proofs, each the proofs' own steps from some point on with what comes before
    /// given (a phase lemma, an invariant's induction step), checked before `proofs` because they
    /// reach the bug sooner. A lemma kills only through a failed obligation; one that fails
    /// otherwise (it cannot be built, say) is noted and passed over.
    public let lemmas: [any Proof]

    public init(_ name: String, bug: String, proofs: [any Proof], lemmas: [any Proof] = [], showsCounterexample: Bool = false,
                failsAt: String? = nil) {
        self.name = name
        self.bug = bug
        self.proofs = proofs
        self.lemmas = lemmas
        self.showsCounterexample = showsCounterexample
        self.failsAt = failsAt
    }
}

/// One named proof in a proof file: it reports one line with its verdict.
public protocol Proof: Sendable {
    var name: String { get }
    var location: SourceLocation { get }
    /// Runs the proof; every obligation goes through `context`'s discharge engine.
    func check(in context: ProofContext) -> ProofResult
}

/// A problem found while checking a proof, pinned to the source line that caused it.
public struct Diagnostic: Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String
    /// Further lines: the obligation, the counterexample.
    public let details: [String]
    public let severity: Severity

    /// How bad it is: only an error fails the proof; a warning and a note are printed.
    public enum Severity: String, Sendable {
        case error, warning, note
    }

    public init(_ location: SourceLocation, _ message: String, details: [String] = [], severity: Severity = .error) {
        self.location = location
        self.message = message
        self.details = details
        self.severity = severity
    }

    /// Whether it fails the proof.
    public var isError: Bool { severity == .error }

    /// The same diagnostic with its file shown relative to the package root.
    public func relative(to root: PackageRoot) -> Diagnostic {
        Diagnostic(SourceLocation(file: root.display(location.file), line: location.line), message, details: details, severity: severity)
    }

    public var description: String {
        ([ "\(location.file):\(location.line): \(severity.rawValue): \(message)" ] + details.map { "  " + $0 }).joined(separator: "\n")
    }
}

/// The outcome of one proof.
public struct ProofResult: Sendable {
    public let name: String
    public let location: SourceLocation
    public let outcomes: [ObligationOutcome]
    public let diagnostics: [Diagnostic]
    /// The theorem's assumptions, printed in the report.
    public let assumptions: [String]
    public let seconds: Double
    /// The bounded counterexample searches run for statements the proof could not establish.
    public let searches: [CounterexampleSearch]

    public var passed: Bool { !diagnostics.contains(where: \.isError) && outcomes.allSatisfy(\.isProved) }

    public init(name: String, location: SourceLocation, outcomes: [ObligationOutcome], diagnostics: [Diagnostic],
                assumptions: [String] = [], seconds: Double, searches: [CounterexampleSearch] = []) {
        self.name = name
        self.location = location
        self.outcomes = outcomes
        self.diagnostics = diagnostics
        self.assumptions = assumptions
        self.seconds = seconds
        self.searches = searches
    }
}

/// What a proof needs while it runs: the discharge engine, and where to record what happened.
public final class ProofContext {
    public let engine: DischargeEngine
    public private(set) var outcomes: [ObligationOutcome] = []
    public private(set) var diagnostics: [Diagnostic] = []
    /// The bounded lasso search run when a step or a theorem fails (nil: none).
    public let lassoSearch: LassoSearch?
    public private(set) var searches: [CounterexampleSearch] = []
    /// A fragment of the labels of cases each batch checks first (`Mutant.failsAt`).
    public let firstCases: String?

    public init(engine: DischargeEngine, lassoSearch: LassoSearch? = nil, firstCases: String? = nil) {
        self.engine = engine
        self.lassoSearch = lassoSearch
        self.firstCases = firstCases
    }

    /// Discharges obligations in parallel, records them, and reports every failure at its origin.
    @discardableResult
    public func discharge(_ obligations: [Obligation]) -> [DischargeReceipt] {
        let (results, receipts) = engine.discharge(obligations, first: firstCases)
        outcomes += results
        for outcome in results where !outcome.isProved && !outcome.skipped {
            diagnostics.append(Self.diagnose(outcome))
        }
        return receipts
    }

    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    func record(_ search: CounterexampleSearch) { searches.append(search) }

    /// Vacuity: each assumption must be satisfiable on its own, or whatever rests on it proves
    /// nothing. Reports (and returns false for) an assumption Z3 cannot satisfy.
    @discardableResult
    public func checkSatisfiable(_ assumptions: [NamedTerm], at location: SourceLocation) -> Bool {
        var options = engine.options
        options.modelBasedQuantifiers = true  // a model of a quantified assumption needs MBQI
        let unknown = assumptions.filter { engine.cache?.isKnownSatisfiable($0.term, options: options) != true }
        guard !unknown.isEmpty else { return true }
        var allSatisfiable = true
        for a in unknown {
            let verdict: String?
            var undecided = false
            do {
                // A fresh context for each check (see `DischargeEngine`).
                let answer = try Prover().checkSatisfiable([a.term], options: options).0
                switch answer {
                case .sat:
                    verdict = nil
                    engine.cache?.recordSatisfiable(a.term, options: options)
                case .unsat: verdict = "is unsatisfiable, so the proof would be vacuous"
                case .unknown(let reason): verdict = "could not be shown satisfiable (Z3: unknown, \(reason)): check it is not vacuous"; undecided = true
                case .resourceExhausted: verdict = "could not be shown satisfiable (rlimit exhausted): check it is not vacuous"; undecided = true
                }
            } catch {
                verdict = "could not be checked for satisfiability: \(error)"
            }
            if let verdict {
                allSatisfiable = allSatisfiable && undecided
                report(Diagnostic(location, "assumption '\(a.name)' \(verdict)", details: ["assumption: \(a.term)"], severity: undecided ? .warning : .error))
            }
        }
        return allSatisfiable
    }

    /// Values of eliminated variables (such as the state after an action), evaluated on the model.
    static func derivedValues(_ definitions: [NamedTerm], _ cex: Counterexample) -> [(String, Value)] {
        var env: [Variable: Value] = [:]
        for (v, value) in cex.assignments { env[v] = value }
        return definitions.compactMap { d in
            guard let value = try? d.term.evaluate(env) else { return nil }
            return (d.name, value)
        }
    }

    /// `name = value`, the value over several lines when long.
    static func shown(_ name: String, _ value: Value) -> [String] {
        let lines = value.prettyLines()
        return ["  \(name) = " + lines[0]] + lines.dropFirst().map { "    " + $0 }
    }

    /// The longest obligation a report prints whole, in characters: a cluster model's obligations
    /// run to megabytes, which no one reads on a terminal.
    static let shownObligationLimit = 2_000

    /// `text`, or its start and how much was left out, when longer than `shownObligationLimit`.
    static func shortened(_ text: String) -> String {
        guard text.count > shownObligationLimit else { return text }
        return String(text.prefix(shownObligationLimit))
            + " … (\(text.count - shownObligationLimit) more characters; --smt2 DIR writes the whole query)"
    }

    static func diagnose(_ outcome: ObligationOutcome) -> Diagnostic {
        let o = outcome.obligation
        var details = ["obligation: " + shortened(o.goal.description)]
        if !o.hypotheses.isEmpty { details.append("hypotheses: " + o.hypotheses.map(\.name).joined(separator: ", ")) }
        let message: String
        if let error = outcome.error {
            message = "'\(o.label)' could not be checked: \(error)"
        } else {
            switch outcome.reportedVerdict {
            case .refuted(let cex?):
                message = "'\(o.label)' is false"
                details.append("counterexample:")
                for (v, value) in cex.assignments { details += shown(v.name, value) }
                for (name, value) in derivedValues(outcome.definitions, cex) { details += shown(name, value) }
            case .refuted(nil):
                message = "'\(o.label)' is false (Z3 gave no decodable model)"
            case .unknown(let reason):
                message = "'\(o.label)' is not proved: Z3 answered unknown (\(reason))"
            case .resourceExhausted:
                message = "'\(o.label)' is not proved: the resource limit (rlimit) ran out"
            case .proved:
                message = "'\(o.label)' is proved but no receipt was issued"
            }
        }
        return Diagnostic(o.origin, message, details: details)
    }
}

/// A state-level lemma: a Bool term that must hold for every value of its free variables.
public struct Lemma: Proof {
    public let name: String
    public let location: SourceLocation
    let statement: @Sendable () throws -> Term

    public init(_ name: String, file: String = #filePath, line: Int = #line, _ statement: @escaping @Sendable () throws -> Term) {
        self.name = name
        self.location = SourceLocation(file: file, line: line)
        self.statement = statement
    }

    public func check(in context: ProofContext) -> ProofResult {
        let start = Date()
        do {
            let goal = try statement()
            if case .apply(.implies, let parts) = goal.node {
                context.checkSatisfiable([NamedTerm("hypothesis of \(name)", parts[0])], at: location)
            }
            context.discharge([Obligation(label: name, goal: goal, hypotheses: [], origin: location)])
        } catch {
            context.report(Diagnostic(location, "lemma '\(name)' could not be built: \(error)"))
        }
        return ProofResult(name: name, location: location, outcomes: context.outcomes, diagnostics: context.diagnostics,
                           seconds: Date().timeIntervalSince(start))
    }
}
