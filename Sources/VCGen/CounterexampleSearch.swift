/// A bounded lasso search run for a statement a proof could not establish, and how it is reported:
/// a counterexample means "the property is false"; none up to the bound means "the proof needs
/// more help"; an inconclusive search says so.
public struct CounterexampleSearch: Sendable {
    /// What was searched, for example "the conclusion of wf1" or "the theorem's statement".
    public let subject: String
    /// Where it is reported: the failing rule's line, or the theorem's.
    public let location: SourceLocation
    public let result: LassoSearchResult
    /// A found lasso, one line per state and step (empty otherwise).
    public let lasso: [String]

    public init(subject: String, location: SourceLocation, result: LassoSearchResult, machine: StateMachine?) {
        self.subject = subject
        self.location = location
        self.result = result
        if case .counterexample(let cex) = result.outcome {
            lasso = Self.render(cex, machine: machine)
        } else {
            lasso = []
        }
    }

    /// `counterexample`, `none`, `inconclusive` or `error`, for reports.
    public var verdict: String {
        switch result.outcome {
        case .counterexample: return "counterexample"
        case .none: return "none"
        case .inconclusive: return "inconclusive"
        case .error: return "error"
        }
    }

    /// Whether Z3 could not decide some length (nothing is claimed either way).
    public var isInconclusive: Bool {
        if case .inconclusive = result.outcome { return true }
        return false
    }

    /// The report: an error for a counterexample, a note otherwise (the proof has failed already).
    public var diagnostic: Diagnostic {
        let time = String(format: "%.2f s", result.seconds)
        let claim = "'\(result.entailment.claim)'"
        var details = ["statement: \(result.entailment)"]
        switch result.outcome {
        case .counterexample(let cex):
            let n = cex.states.count
            if !result.hasInitialCondition {
                details.append("the statement's spec has no initial condition: state 0 is any state its other conjuncts allow (it may be unreachable)")
            }
            details += lasso
            let found = cex.origin.map { "\($0), confirmed by Z3" } ?? "bounded search"
            return Diagnostic(location, "the property is false: \(subject) \(claim) fails on a lasso of \(n) state\(n == 1 ? "" : "s") "
                              + "(\(found), \(time))", details: details)
        case .none:
            return Diagnostic(location, "no counterexample up to \(result.bound) steps: the proof needs more help "
                              + "(\(subject) \(claim); bounded search, \(time))", details: details, severity: .note)
        case .inconclusive(let length, let reason):
            let shorter = length > 1 ? "no lasso of fewer than \(length) states violates it; " : ""
            return Diagnostic(location, "the search was inconclusive (\(reason)) for \(subject) \(claim): \(shorter)"
                              + "lassos of \(length) states could not be decided (bounded search, \(time))", details: details, severity: .note)
        case .error(let message):
            return Diagnostic(location, "no counterexample search for \(subject) \(claim): \(message)", details: details, severity: .note)
        }
    }

    // MARK: Rendering a lasso

    /// The parameters, then each state (the first in full, later ones as the fields that changed)
    /// and the step after it (the action that was taken, when the machine can name it).
    static func render(_ cex: LassoCounterexample, machine: StateMachine?) -> [String] {
        var lines: [String] = []
        for (v, value) in cex.parameters { lines += named("parameter \(v.name)", value, indent: "") }
        let n = cex.states.count
        lines.append("lasso: states 0-\(n - 1), then the loop from state \(cex.loopStart) to state \(n - 1) repeats forever")
        for i in 0..<n {
            let header = "state \(i)" + (i == cex.loopStart ? " (the loop starts here)" : "")
            if let state = cex.states[i] {
                if i > 0, let previous = cex.states[i - 1] {
                    lines += changes(header, from: previous, to: state)
                } else {
                    lines += named(header, state, indent: "  ", separator: ": ")
                }
            } else {
                lines.append("  \(header): <the model's value could not be decoded>")
            }
            let next = cex.successor(of: i)
            let target = next == i + 1 ? "" : ", back to state \(next)"
            lines += step(cex, i, next, machine, suffix: target)
        }
        return lines
    }

    /// `-> step i: action(inputs)`, with long inputs on lines of their own.
    private static func step(_ cex: LassoCounterexample, _ i: Int, _ next: Int, _ machine: StateMachine?, suffix: String) -> [String] {
        let head = "    -> step \(i): "
        guard let from = cex.states[i], let to = cex.states[next] else { return [head + "(states not decoded)" + suffix] }
        let unchanged = from == to ? " (no change)" : ""
        var taken: StateMachine.TakenAction?
        if let machine { taken = machine.takenAction(from: from, to: to, candidates: cex.stepInputs[i]) }
        if taken == nil, let disjunct = cex.steps[i] {
            // The disjunct of the spec's step relation the model chose (for a machine's `next`, the action).
            taken = StateMachine.TakenAction(action: disjunct.label,
                                             inputs: disjunct.inputs.map { (Self.shortName($0.variable.name, of: disjunct.label), $0.value) })
        }
        guard let taken else { return [head + (from == to ? "stutter (no change)" : "a step of the spec") + suffix] }
        let inline = head + taken.description + unchanged + suffix
        if inline.count <= 120 { return [inline] }
        return [head + taken.action + unchanged + suffix + ", with"] + taken.inputs.flatMap { named($0.name, $0.value, indent: "         ") }
    }

    /// An input's name without its `<action>.` prefix.
    static func shortName(_ name: String, of action: String) -> String {
        name.hasPrefix(action + ".") ? String(name.dropFirst(action.count + 1)) : name
    }

    /// `label = value`, over several lines when the value is long.
    private static func named(_ label: String, _ value: Value, indent: String, separator: String = " = ") -> [String] {
        let pretty = value.prettyLines()
        return [indent + label + separator + pretty[0]] + pretty.dropFirst().map { indent + "  " + $0 }
    }

    /// One difference between two states: a field (a dotted path into records) with its new value,
    /// a map entry set or removed, or a set element gained or lost.
    private struct Change {
        let label: String
        let separator: String
        let value: Value?

        var lines: [String] {
            guard let value else { return [label] }
            let pretty = value.prettyLines()
            return [label + separator + pretty[0]] + pretty.dropFirst().map { "  " + $0 }
        }
    }

    /// The state's changes from the previous one, on one line when they are short.
    private static func changes(_ header: String, from a: Value, to b: Value) -> [String] {
        var changed: [Change] = []
        diff(a, b, path: "", into: &changed)
        if changed.isEmpty { return ["  \(header): unchanged"] }
        let rendered = changed.map(\.lines)
        let inline = rendered.map { $0[0] }.joined(separator: ", ")
        if rendered.allSatisfy({ $0.count == 1 }) && inline.count <= 100 { return ["  \(header): " + inline] }
        return ["  \(header), changed:"] + rendered.flatMap { $0.map { "    " + $0 } }
    }

    private static func diff(_ a: Value, _ b: Value, path: String, into out: inout [Change]) {
        guard a != b else { return }
        let here = path.isEmpty ? "state" : path
        switch (a, b) {
        case let (.datatype(d, c, xs), .datatype(e, k, ys)) where d == e && c == k && d.constructors.count == 1 && !xs.isEmpty:
            for (f, (x, y)) in zip(d.constructors[0].fields, zip(xs, ys)) {
                diff(x, y, path: path.isEmpty ? f.name : "\(path).\(f.name)", into: &out)
            }
        case let (.set(xs, false), .set(ys, false)):
            for gained in ys.subtracting(xs).sorted(by: { $0.description < $1.description }) { out.append(Change(label: here, separator: " gains ", value: gained)) }
            for lost in xs.subtracting(ys).sorted(by: { $0.description < $1.description }) { out.append(Change(label: here, separator: " loses ", value: lost)) }
        case let (.map(xs, o1), .map(ys, o2)) where o1 == o2:
            for key in Set(xs.keys).union(ys.keys).sorted(by: { $0.description < $1.description }) where xs[key] != ys[key] {
                if let v = ys[key] ?? o2 {
                    out.append(Change(label: "\(here)[\(key)]", separator: " = ", value: v))
                } else {
                    out.append(Change(label: "\(here)[\(key)] removed", separator: "", value: nil))
                }
            }
        default:
            out.append(Change(label: here, separator: " = ", value: b))
        }
    }
}

/// What helps the counterexample searches of one theorem: the state machine that names a lasso's
/// steps, and executions to try first (for example simulated runs), made once, when the first
/// search runs.
final class SearchHints {
    let machine: StateMachine?
    private let makeCandidates: (@Sendable () throws -> [LassoCandidate])?
    private var made: [LassoCandidate]?

    init(machine: StateMachine?, candidates: (@Sendable () throws -> [LassoCandidate])?) {
        self.machine = machine
        self.makeCandidates = candidates
    }

    /// The candidates (none when they could not be made: that is reported at `location`).
    func candidates(in context: ProofContext, at location: SourceLocation) -> [LassoCandidate] {
        if let made { return made }
        var out: [LassoCandidate] = []
        if let makeCandidates {
            do { out = try makeCandidates() } catch {
                context.report(Diagnostic(location, "no candidate executions for the counterexample search: \(error)", severity: .note))
            }
        }
        made = out
        return out
    }
}

extension ProofContext {
    /// Runs the bounded lasso search (when the context has one) on a statement that could not be
    /// established, once per statement, and reports what it found at `location`.
    func searchCounterexample(to statement: Entailment, subject: String, at location: SourceLocation, hints: SearchHints?) {
        guard let search = lassoSearch, !searches.contains(where: { $0.result.entailment == statement }) else { return }
        let candidates = hints?.candidates(in: self, at: location) ?? []
        let result: LassoSearchResult
        do {
            result = search.run(statement, prover: try Prover(), candidates: candidates)  // a fresh context (see `DischargeEngine`)
        } catch {
            report(Diagnostic(location, "no counterexample search for \(subject): \(error)", severity: .note))
            return
        }
        let found = CounterexampleSearch(subject: subject, location: location, result: result, machine: hints?.machine)
        record(found)
        report(found.diagnostic)
    }
}
