import Foundation

/// A temporal theorem: a statement `spec ⊨ claim` and a proof script that must establish exactly
/// it, through the kernel's rules. Every assumption (each conjunct of the spec) is printed.
public struct Theorem: Proof {
    public let name: String
    public let location: SourceLocation
    let statement: @Sendable () throws -> Entailment
    let script: @Sendable (ProofSteps) throws -> Fact

    public init(_ name: String, file: String = #filePath, line: Int = #line,
                statement: @escaping @Sendable () throws -> Entailment,
                proof script: @escaping @Sendable (ProofSteps) throws -> Fact) {
        self.name = name
        self.location = SourceLocation(file: file, line: line)
        self.statement = statement
        self.script = script
    }

    public func check(in context: ProofContext) -> ProofResult {
        let start = Date()
        var assumptions: [String] = []
        do {
            let stated = try statement()
            assumptions = stated.assumptions.map(\.description)
            context.checkSatisfiable(Self.stateAssumptions(stated.spec), at: location)
            let steps = ProofSteps(context)
            let fact = try script(steps)
            if fact.entailment != stated {
                context.report(Diagnostic(location, "theorem '\(name)': the proof established a different statement",
                                          details: ["stated: \(stated)", "proved: \(fact.entailment)"]))
            }
        } catch is ProofSteps.StepFailed {
            // The failing obligations are already reported at their origin; a step that failed
            // with none of them failing (its cases proved but not recombined) must not pass.
            if !context.diagnostics.contains(where: { !$0.isWarning }) {
                context.report(Diagnostic(location, "theorem '\(name)': a step's obligations were proved case by case but not established"))
            }
        } catch let error as KernelError {
            context.report(Diagnostic(location, "theorem '\(name)': the kernel refused a step: \(error)"))
        } catch {
            context.report(Diagnostic(location, "theorem '\(name)' could not be built: \(error)"))
        }
        return ProofResult(name: name, location: location, outcomes: context.outcomes, diagnostics: context.diagnostics,
                           assumptions: assumptions, seconds: Date().timeIntervalSince(start))
    }
}

extension Theorem {
    /// The state-level assumptions of a spec (init, and `□p` for a state predicate p), whose
    /// satisfiability rules out a vacuous theorem.
    static func stateAssumptions(_ spec: TempPred) -> [NamedTerm] {
        spec.conjuncts.compactMap { c in
            switch c {
            case .lift(let p), .always(.lift(let p)): return NamedTerm(c.description, p.body)
            default: return nil
            }
        }
    }
}

/// What a proof script uses to turn the kernel's pending facts into facts: their obligations are
/// discharged in parallel, and a failure stops the script with every failed obligation reported.
public final class ProofSteps {
    struct StepFailed: Error {}
    let context: ProofContext

    init(_ context: ProofContext) { self.context = context }

    /// Discharges the pending fact's obligations and completes it.
    public func establish(_ pending: PendingFact) throws -> Fact {
        try establish([pending])[0]
    }

    /// Discharges the obligations of several pending facts together (in parallel) and completes them all.
    public func establish(_ pending: [PendingFact]) throws -> [Fact] {
        let all = pending.flatMap(\.obligations)
        let receipts = context.discharge(all)
        guard receipts.count == all.count else { throw StepFailed() }
        return try pending.map { p throws(KernelError) in try p.complete(with: receipts) }
    }
}
