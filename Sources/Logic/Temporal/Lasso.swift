/// A lasso-shaped execution: a finite prefix of states, then a non-empty loop repeated forever.
/// Position `i` of the execution is `states[i]` for `i < count`; after the last position the
/// execution continues at the loop's first position.
public struct Lasso: Hashable, Sendable, CustomStringConvertible {
    public let prefix: [Value]
    public let loop: [Value]

    public init(prefix: [Value], loop: [Value]) {
        precondition(!loop.isEmpty, "a lasso needs a non-empty loop")
        self.prefix = prefix
        self.loop = loop
    }

    /// The distinct positions' states: the prefix followed by one round of the loop.
    public var states: [Value] { prefix + loop }
    public var count: Int { prefix.count + loop.count }

    /// The position that follows position `i`.
    public func successor(of i: Int) -> Int { i + 1 < count ? i + 1 : prefix.count }

    /// Every lasso over `states` with a prefix of at most `maxPrefix` and a loop of 1 to `maxLoop` states.
    public static func all(over states: [Value], maxPrefix: Int, maxLoop: Int) -> [Lasso] {
        func sequences(_ n: Int) -> [[Value]] {
            (0..<n).reduce([[]]) { acc, _ in acc.flatMap { seq in states.map { seq + [$0] } } }
        }
        var result: [Lasso] = []
        for p in 0...maxPrefix {
            let prefixes = sequences(p)
            for l in 1...max(1, maxLoop) {
                for loop in sequences(l) { result += prefixes.map { Lasso(prefix: $0, loop: loop) } }
            }
        }
        return result
    }

    public var description: String {
        prefix.map(\.description).joined(separator: " ") + " (" + loop.map(\.description).joined(separator: " ") + ")^w"
    }
}

/// The exact semantics of temporal formulas on lassos over a finite state space: `[]` and `<>`
/// range over the positions reachable from a position (the loop repeats), `ENABLED` enumerates the
/// states, and `\A` / `\E` enumerate a finite sort. Each predicate is evaluated with
/// `Term.evaluate` once per state (or pair of states) and parameter values, then looked up.
public final class LassoSemantics {
    /// Every state: the states of a lasso must be among them, and they are the candidate `ENABLED` successors.
    public let states: [Value]
    private let index: [Value: Int]
    private var tables: [TableKey: [Bool]] = [:]

    public init(states: [Value]) {
        self.states = states
        self.index = Dictionary(states.enumerated().map { ($1, $0) }) { first, _ in first }
    }

    /// The semantics over every value of a finite state sort.
    public convenience init(stateSort: Sort) throws(EvaluationError) {
        guard let all = stateSort.allValues else { throw EvaluationError("the state sort \(stateSort) is not finite") }
        self.init(states: all)
    }

    /// Whether `p` holds at `position` of the lasso, given values for its free parameters.
    public func holds(_ p: TempPred, on lasso: Lasso, at position: Int = 0,
                      parameters: [Variable: Value] = [:]) throws(EvaluationError) -> Bool {
        try truthValues(p, on: lasso, parameters: parameters)[position]
    }

    /// The truth value of `p` at every position of the lasso.
    public func truthValues(_ p: TempPred, on lasso: Lasso, parameters: [Variable: Value] = [:]) throws(EvaluationError) -> [Bool] {
        var positions: [Int] = []
        for s in lasso.states {
            guard let i = index[s] else { throw EvaluationError("state \(s) of the lasso is not among the semantics' states") }
            positions.append(i)
        }
        let successors = (0..<lasso.count).map { positions[lasso.successor(of: $0)] }
        return try values(p, Positions(states: positions, successors: successors, loopStart: lasso.prefix.count), parameters)
    }

    /// A lasso as state indices: the state at each position and at its successor position.
    private struct Positions {
        let states: [Int]
        let successors: [Int]
        let loopStart: Int
        var count: Int { states.count }
        func successor(of i: Int) -> Int { i + 1 < count ? i + 1 : loopStart }
    }

    private func values(_ p: TempPred, _ lasso: Positions, _ parameters: [Variable: Value]) throws(EvaluationError) -> [Bool] {
        let n = lasso.count
        func sub(_ q: TempPred) throws(EvaluationError) -> [Bool] { try values(q, lasso, parameters) }
        switch p {
        case .true: return Array(repeating: true, count: n)
        case .false: return Array(repeating: false, count: n)
        case .lift(let q):
            let table = try stateTable(q.body, q.stateVariable, q.parameters, parameters)
            return lasso.states.map { table[$0] }
        case .liftAction(let a):
            let table = try stepTable(a, parameters)
            return (0..<n).map { table[lasso.states[$0] * states.count + lasso.successors[$0]] }
        case .enabled(let a):
            let table = try enabledTable(a, parameters)
            return lasso.states.map { table[$0] }
        case .not(let q): return try sub(q).map { !$0 }
        case .and(let qs):
            var out = Array(repeating: true, count: n)
            for q in qs { for (i, v) in try sub(q).enumerated() where !v { out[i] = false } }
            return out
        case .or(let qs):
            var out = Array(repeating: false, count: n)
            for q in qs { for (i, v) in try sub(q).enumerated() where v { out[i] = true } }
            return out
        case .implies(let a, let b): return zip(try sub(a), try sub(b)).map { !$0 || $1 }
        case .always(let q): return Self.fromHereOn(try sub(q), loopStart: lasso.loopStart, all: true)
        case .eventually(let q): return Self.fromHereOn(try sub(q), loopStart: lasso.loopStart, all: false)
        case .later(let q):
            let v = try sub(q)
            return (0..<n).map { v[lasso.successor(of: $0)] }
        case .leadsTo(let a, let b):
            return try sub(.always(.implies(a, .eventually(b))))
        case .weakFairness(let a):
            return try sub(.always(.implies(.always(.enabled(a)), .eventually(.liftAction(a)))))
        case .stable(let q):
            return try sub(.implies(q, .always(q)))
        case .tlaForall(let x, let q), .tlaExists(let x, let q):
            guard let domain = x.sort.allValues else { throw EvaluationError("cannot enumerate \(x.name): \(x.sort), not a finite sort") }
            let isForall: Bool
            if case .tlaForall = p { isForall = true } else { isForall = false }
            var out = Array(repeating: isForall, count: n)
            for value in domain {
                var env = parameters
                env[x] = value
                for (i, v) in try values(q, lasso, env).enumerated() where v != isForall { out[i] = v }
            }
            return out
        }
    }

    /// `[]` (all) or `<>` (any) over the positions reachable from each position.
    private static func fromHereOn(_ v: [Bool], loopStart: Int, all: Bool) -> [Bool] {
        let inLoop = all ? v[loopStart...].allSatisfy { $0 } : v[loopStart...].contains(true)
        var out = Array(repeating: inLoop, count: v.count)
        for i in stride(from: loopStart - 1, through: 0, by: -1) {
            out[i] = all ? (v[i] && out[i + 1]) : (v[i] || out[i + 1])
        }
        return out
    }

    // MARK: Predicate tables

    /// The predicate's value at every state.
    private func stateTable(_ body: Term, _ s: Variable, _ free: Set<Variable>, _ parameters: [Variable: Value]) throws(EvaluationError) -> [Bool] {
        let key = TableKey(body, kind: 0, Self.relevant(parameters, free))
        if let t = tables[key] { return t }
        var env = key.parameters
        var table: [Bool] = []
        for state in states {
            env[s] = state
            table.append(try Self.truth(body, env))
        }
        tables[key] = table
        return table
    }

    /// The action's value at every pair of states, row-major.
    private func stepTable(_ a: ActionPred, _ parameters: [Variable: Value]) throws(EvaluationError) -> [Bool] {
        let key = TableKey(a.body, kind: 1, Self.relevant(parameters, a.parameters))
        if let t = tables[key] { return t }
        var env = key.parameters
        var table: [Bool] = []
        for s in states {
            env[a.stateVariable] = s
            for next in states {
                env[a.nextStateVariable] = next
                table.append(try Self.truth(a.body, env))
            }
        }
        tables[key] = table
        return table
    }

    /// Whether the action has a successor, at every state.
    private func enabledTable(_ a: ActionPred, _ parameters: [Variable: Value]) throws(EvaluationError) -> [Bool] {
        let key = TableKey(a.body, kind: 2, Self.relevant(parameters, a.parameters))
        if let t = tables[key] { return t }
        let steps = try stepTable(a, parameters), n = states.count
        let table = (0..<n).map { s in steps[(s * n)..<((s + 1) * n)].contains(true) }
        tables[key] = table
        return table
    }

    private static func relevant(_ parameters: [Variable: Value], _ free: Set<Variable>) -> [Variable: Value] {
        free.isEmpty || parameters.isEmpty ? [:] : parameters.filter { free.contains($0.key) }
    }

    private static func truth(_ body: Term, _ env: [Variable: Value]) throws(EvaluationError) -> Bool {
        guard case .bool(let b) = try body.evaluate(env) else { throw EvaluationError("predicate \(body) is not Bool") }
        return b
    }

    private struct TableKey: Hashable {
        let body: Term
        let kind: Int
        let parameters: [Variable: Value]
        init(_ body: Term, kind: Int, _ parameters: [Variable: Value]) {
            self.body = body
            self.kind = kind
            self.parameters = parameters
        }
    }
}
