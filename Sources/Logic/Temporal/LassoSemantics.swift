/// The exact semantics of temporal formulas on lassos over a finite state space: `[]` and `<>`
/// range over the positions reachable from a position (the loop repeats), `ENABLED` enumerates the
/// states, and `\A` / `\E` enumerate a finite sort (or, for Int, the given `intDomain`, an
/// under-approximation for tests of rules about ranks). Each predicate is evaluated with
/// `Term.evaluate` once per state (or pair of states) and parameter values, then looked up.
public final class LassoSemantics {
    /// Every state: the states of a lasso must be among them, and they are the candidate `ENABLED` successors.
    public let states: [Value]
    /// The Int values `\A` / `\E` range over; nil: quantifying an Int is an error.
    public let intDomain: ClosedRange<Int>?
    private let index: [Value: Int]
    private var tables: [TableKey: [Bool]] = [:]

    public init(states: [Value], intDomain: ClosedRange<Int>? = nil) {
        self.states = states
        self.intDomain = intDomain
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
        try compile(p, parameters).values(on: positions(lasso))
    }

    /// For each formula, whether it holds at position 0 of each lasso (the predicates are looked up
    /// once for all lassos).
    public func holds(_ formulas: [TempPred], onEach lassos: [Lasso], parameters: [Variable: Value] = [:]) throws(EvaluationError) -> [[Bool]] {
        var compiled: [Compiled] = []
        for p in formulas { compiled.append(try compile(p, parameters)) }
        var out = Array(repeating: [Bool](), count: formulas.count)
        for lasso in lassos {
            let indexed = try positions(lasso)
            for i in compiled.indices { out[i].append(compiled[i].values(on: indexed)[0]) }
        }
        return out
    }

    private func positions(_ lasso: Lasso) throws(EvaluationError) -> Positions {
        var states: [Int] = []
        for s in lasso.states {
            guard let i = index[s] else { throw EvaluationError("state \(s) of the lasso is not among the semantics' states") }
            states.append(i)
        }
        return Positions(states: states, successors: (0..<lasso.count).map { states[lasso.successor(of: $0)] },
                         loopStart: lasso.prefix.count, stateCount: self.states.count)
    }

    /// A lasso as state indices: the state at each position and at its successor position.
    private struct Positions {
        let states: [Int]
        let successors: [Int]
        let loopStart: Int
        let stateCount: Int
        var count: Int { states.count }
        func successor(of i: Int) -> Int { i + 1 < count ? i + 1 : loopStart }
    }

    /// A formula with the tables of its predicates resolved for fixed parameter values.
    private indirect enum Compiled {
        case constant(Bool)
        case state([Bool])
        case step([Bool])
        case not(Compiled)
        case all([Compiled])
        case any([Compiled])
        case implies(Compiled, Compiled)
        case always(Compiled)
        case eventually(Compiled)
        case later(Compiled)

        func values(on lasso: Positions) -> [Bool] {
            let n = lasso.count
            var out = [Bool](repeating: false, count: n)
            switch self {
            case .constant(let b):
                if b { for i in 0..<n { out[i] = true } }
            case .state(let table):
                for i in 0..<n { out[i] = table[lasso.states[i]] }
            case .step(let table):
                for i in 0..<n { out[i] = table[lasso.states[i] * lasso.stateCount + lasso.successors[i]] }
            case .not(let q):
                let v = q.values(on: lasso)
                for i in 0..<n { out[i] = !v[i] }
            case .all(let qs):
                for i in 0..<n { out[i] = true }
                for q in qs {
                    let v = q.values(on: lasso)
                    for i in 0..<n where !v[i] { out[i] = false }
                }
            case .any(let qs):
                for q in qs {
                    let v = q.values(on: lasso)
                    for i in 0..<n where v[i] { out[i] = true }
                }
            case .implies(let a, let b):
                let x = a.values(on: lasso), y = b.values(on: lasso)
                for i in 0..<n { out[i] = !x[i] || y[i] }
            case .always(let q), .eventually(let q):
                let all: Bool
                if case .always = self { all = true } else { all = false }
                let v = q.values(on: lasso)
                var inLoop = all
                for i in lasso.loopStart..<n where v[i] != all { inLoop = !all }
                for i in lasso.loopStart..<n { out[i] = inLoop }
                var i = lasso.loopStart - 1
                while i >= 0 {
                    out[i] = all ? (v[i] && out[i + 1]) : (v[i] || out[i + 1])
                    i -= 1
                }
            case .later(let q):
                let v = q.values(on: lasso)
                for i in 0..<n { out[i] = v[lasso.successor(of: i)] }
            }
            return out
        }
    }

    private func compile(_ p: TempPred, _ parameters: [Variable: Value]) throws(EvaluationError) -> Compiled {
        func sub(_ q: TempPred) throws(EvaluationError) -> Compiled { try compile(q, parameters) }
        switch p {
        case .true: return .constant(true)
        case .false: return .constant(false)
        case .lift(let q): return .state(try stateTable(q.body, q.stateVariable, q.parameters, parameters))
        case .liftAction(let a): return .step(try stepTable(a, parameters))
        case .enabled(let a): return .state(try enabledTable(a, parameters))
        case .not(let q): return .not(try sub(q))
        case .and(let qs):
            var parts: [Compiled] = []
            for q in qs { parts.append(try sub(q)) }
            return .all(parts)
        case .or(let qs):
            var parts: [Compiled] = []
            for q in qs { parts.append(try sub(q)) }
            return .any(parts)
        case .implies(let a, let b): return .implies(try sub(a), try sub(b))
        case .always(let q): return .always(try sub(q))
        case .eventually(let q): return .eventually(try sub(q))
        case .later(let q): return .later(try sub(q))
        case .leadsTo(let a, let b): return .always(.implies(try sub(a), .eventually(try sub(b))))
        case .weakFairness(let a):
            return .always(.implies(.always(.state(try enabledTable(a, parameters))), .eventually(.step(try stepTable(a, parameters)))))
        case .stable(let q):
            let c = try sub(q)
            return .implies(c, .always(c))
        case .tlaForall(let x, let q), .tlaExists(let x, let q):
            guard let domain = x.sort.allValues ?? (x.sort == .int ? intDomain.map { $0.map(Value.int) } : nil) else { throw EvaluationError("cannot enumerate \(x.name): \(x.sort), not a finite sort") }
            var parts: [Compiled] = []
            for value in domain {
                var env = parameters
                env[x] = value
                parts.append(try compile(q, env))
            }
            if case .tlaForall = p { return .all(parts) }
            return .any(parts)
        }
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
