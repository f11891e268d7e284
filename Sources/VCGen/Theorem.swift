import Foundation

/// A temporal theorem: a statement `spec ⊨ claim` and a proof script that must establish exactly
/// it, through the kernel's rules. Every assumption (each conjunct of the spec) is printed.
///
/// When a step or the theorem fails and the context has a lasso search, the failing statement is
/// searched for a counterexample; the optional state machine names the action of each step of one,
/// and the optional candidates (executions, for example simulated runs) are tried first.
public struct Theorem: Proof {
    public let name: String
    public let location: SourceLocation
    let statement: @Sendable () throws -> Entailment
    let script: @Sendable (ProofSteps) throws -> Fact
    let machine: (@Sendable () throws -> StateMachine)?
    let candidates: (@Sendable () throws -> [LassoCandidate])?

    public init(_ name: String, file: String = #filePath, line: Int = #line,
                machine: (@Sendable () throws -> StateMachine)? = nil,
                candidates: (@Sendable () throws -> [LassoCandidate])? = nil,
                statement: @escaping @Sendable () throws -> Entailment,
                proof script: @escaping @Sendable (ProofSteps) throws -> Fact) {
        self.name = name
        self.location = SourceLocation(file: file, line: line)
        self.machine = machine
        self.candidates = candidates
        self.statement = statement
        self.script = script
    }

    public func check(in context: ProofContext) -> ProofResult {
        let start = Date()
        var assumptions: [String] = []
        var stated: Entailment?
        let hints = context.lassoSearch == nil ? nil : SearchHints(machine: try? machine?(), candidates: candidates)
        do {
            let statement = try self.statement()
            stated = statement
            assumptions = statement.assumptions.map(\.description)
            context.checkSatisfiable(Self.stateAssumptions(statement.spec), at: location)
            let steps = ProofSteps(context, hints: hints)
            let fact = try script(steps)
            if fact.entailment != statement {
                context.report(Diagnostic(location, "theorem '\(name)': the proof established a different statement",
                                          details: ["stated: \(statement)", "proved: \(fact.entailment)"]))
            }
        } catch is ProofSteps.StepFailed {
            // The failing obligations are already reported at their origin; a step that failed
            // with none of them failing (its cases proved but not recombined) must not pass.
            if !context.diagnostics.contains(where: \.isError) {
                context.report(Diagnostic(location, "theorem '\(name)': a step's obligations were proved case by case but not established"))
            }
        } catch let error as KernelError {
            context.report(Diagnostic(location, "theorem '\(name)': the kernel refused a step: \(error)"))
        } catch {
            context.report(Diagnostic(location, "theorem '\(name)' could not be built: \(error)"))
        }
        // The whole statement is searched unless a failed step's search was inconclusive: the
        // statement is no smaller, so its search would be too.
        if let stated, context.diagnostics.contains(where: \.isError), !context.searches.contains(where: \.isInconclusive) {
            context.searchCounterexample(to: stated, subject: "the theorem's statement", at: location, hints: hints)
        }
        return ProofResult(name: name, location: location, outcomes: context.outcomes, diagnostics: context.diagnostics,
                           assumptions: assumptions, seconds: Date().timeIntervalSince(start), searches: context.searches)
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
/// discharged in parallel, and a failure stops the script with every failed obligation reported
/// (and, with a lasso search, a search for a counterexample to the failed step's conclusion).
public final class ProofSteps {
    struct StepFailed: Error {}
    let context: ProofContext
    /// Names the actions of a counterexample's steps and gives executions to try first.
    let hints: SearchHints?

    init(_ context: ProofContext, hints: SearchHints? = nil) {
        self.context = context
        self.hints = hints
    }

    /// Steps of no proof: what a theorem's statement is built with when the tools that build it
    /// belong to a proof script (a lemma's, stated from the proof's own predicates). A fact
    /// established through them is checked like any other, by a one-job engine without a cache.
    public static func detached() -> ProofSteps {
        ProofSteps(ProofContext(engine: DischargeEngine(jobs: 1)))
    }

    /// Discharges the pending fact's obligations and completes it.
    public func establish(_ pending: PendingFact) throws -> Fact {
        try establish([pending])[0]
    }

    /// Discharges the obligations of several pending facts together (in parallel) and completes them all.
    public func establish(_ pending: [PendingFact]) throws -> [Fact] {
        let all = pending.flatMap(\.obligations)
        let receipts = context.discharge(all)
        guard receipts.count == all.count else {
            let proved = Set(receipts.map(\.obligation))
            for p in pending {
                guard let failed = p.obligations.first(where: { !proved.contains($0) }) else { continue }
                context.searchCounterexample(to: p.conclusion, subject: "the conclusion of \(p.rule)", at: failed.origin, hints: hints)
            }
            throw StepFailed()
        }
        return try pending.map { p throws(KernelError) in try p.complete(with: receipts) }
    }
}
