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

    public init(_ name: String, bug: String, proofs: [any Proof]) {
        self.name = name
        self.bug = bug
        self.proofs = proofs
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

    public init(_ location: SourceLocation, _ message: String, details: [String] = []) {
        self.location = location
        self.message = message
        self.details = details
    }

    public var description: String {
        ([ "\(location.file):\(location.line): error: \(message)" ] + details.map { "  " + $0 }).joined(separator: "\n")
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

    public var passed: Bool { diagnostics.isEmpty && outcomes.allSatisfy(\.isProved) }

    public init(name: String, location: SourceLocation, outcomes: [ObligationOutcome], diagnostics: [Diagnostic],
                assumptions: [String] = [], seconds: Double) {
        self.name = name
        self.location = location
        self.outcomes = outcomes
        self.diagnostics = diagnostics
        self.assumptions = assumptions
        self.seconds = seconds
    }
}

/// What a proof needs while it runs: the discharge engine, and where to record what happened.
public final class ProofContext {
    public let engine: DischargeEngine
    public private(set) var outcomes: [ObligationOutcome] = []
    public private(set) var diagnostics: [Diagnostic] = []

    public init(engine: DischargeEngine) { self.engine = engine }

    /// Discharges obligations in parallel, records them, and reports every failure at its origin.
    @discardableResult
    public func discharge(_ obligations: [Obligation]) -> [ObligationOutcome] {
        let results = engine.discharge(obligations)
        outcomes += results
        for outcome in results where !outcome.isProved {
            diagnostics.append(Self.diagnose(outcome))
        }
        return results
    }

    public func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    static func diagnose(_ outcome: ObligationOutcome) -> Diagnostic {
        let o = outcome.obligation
        var details = ["obligation: \(o.goal)"]
        if !o.hypotheses.isEmpty { details.append("hypotheses: " + o.hypotheses.map(\.name).joined(separator: ", ")) }
        let message: String
        if let error = outcome.error {
            message = "'\(o.label)' could not be checked: \(error)"
        } else {
            switch outcome.reportedVerdict {
            case .refuted(let cex?):
                message = "'\(o.label)' is false"
                details.append("counterexample:")
                details += cex.assignments.map { "  \($0.variable.name) = \($0.value)" }
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
            context.discharge([Obligation(label: name, goal: goal, hypotheses: [], origin: location)])
        } catch {
            context.report(Diagnostic(location, "lemma '\(name)' could not be built: \(error)"))
        }
        return ProofResult(name: name, location: location, outcomes: context.outcomes, diagnostics: context.diagnostics,
                           seconds: Date().timeIntervalSince(start))
    }
}
