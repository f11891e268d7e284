/// Failures a simulation may inject; each is switched off for good after the fault phase, as the
/// model's weakly fair `disable*` actions guarantee eventually happens.
public struct Faults: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static let crash = Faults(rawValue: 1)
    public static let drop = Faults(rawValue: 2)
    public static let apiError = Faults(rawValue: 4)
    public static let podMonkey = Faults(rawValue: 8)
    public static let all: Faults = [.crash, .drop, .apiError, .podMonkey]

    /// `crash,drop,api-error,pod-monkey` (the faults in it), or `none`.
    public var names: String {
        let named: [(Faults, String)] = [(.crash, "crash"), (.drop, "drop"), (.apiError, "api-error"), (.podMonkey, "pod-monkey")]
        let parts = named.filter { contains($0.0) }.map(\.1)
        return parts.isEmpty ? "none" : parts.joined(separator: ",")
    }

    /// Parses `crash,drop,api-error,pod-monkey`.
    public init(parsing text: String) throws(SortError) {
        self = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            switch part {
            case "crash": insert(.crash)
            case "drop": insert(.drop)
            case "api-error": insert(.apiError)
            case "pod-monkey": insert(.podMonkey)
            default: throw SortError("unknown fault '\(part)' (expected crash, drop, api-error, pod-monkey)")
            }
        }
    }
}

/// Runs the cluster model with random scheduling: at each step one enabled action, with inputs
/// drawn from the current state (keys in etcd or in the controller's maps, in-flight messages), is
/// taken by evaluating its guard and effect, the terms the proofs use.
public struct ClusterSimulator {
    public let model: ClusterModel
    public private(set) var state: Value
    public private(set) var trace: [String] = []
    /// The last step taken, with its inputs.
    public private(set) var lastTaken: LassoCandidate.TakenStep?
    public let faults: Faults
    /// The seed the run started from.
    public let seed: UInt64
    /// Steps during which faults may be injected; then every fault is disabled.
    public let faultSteps: Int
    /// During the fault phase, the chance that a step may inject faults (1: every step may). A
    /// small one lets runs go further between faults, so a fault lands late in a reconcile too.
    public var faultChance = 1.0
    private var random: SplitMix64
    private var steps = 0

    public init(model: ClusterModel, seed: UInt64, faults: Faults = [], faultSteps: Int = 200) throws {
        self.model = model
        self.faults = faults
        self.seed = seed
        self.faultSteps = faultSteps
        random = SplitMix64(state: seed)
        state = try model.initialValue()
    }

    /// Replaces the state by `change(s)`, for example to store a custom resource.
    public mutating func set(_ change: (Term) throws -> Term) throws { state = try model.evaluate(at: state, change) }

    /// Evaluates `body(s)` at the current state.
    public func read(_ body: (Term) throws -> Term) throws -> Value { try model.evaluate(at: state, body) }

    /// Takes one random enabled step among those `allowed` (by default all); nil when nothing but
    /// stuttering is enabled.
    @discardableResult
    public mutating func step(where allowed: (_ action: String, _ inputs: [Value]) -> Bool = { _, _ in true }) throws -> String? {
        steps += 1
        let options = try candidates().filter { try allowed($0.action, $0.inputs) && model.isEnabled($0.action, at: state, inputs: $0.inputs) }
        guard !options.isEmpty else { return nil }
        let (action, inputs) = options[random.below(options.count)]
        return try take(action, inputs)
    }

    /// Takes `action` with `inputs` (a scripted step: a crash, a user's request, one message's
    /// delivery); nil when it is not enabled.
    @discardableResult
    public mutating func take(_ action: String, _ inputs: [Value] = []) throws -> String? {
        guard let next = try model.run(action, at: state, inputs: inputs) else { return nil }
        state = next
        lastTaken = LassoCandidate.TakenStep(action: action, inputs: inputs)
        let line = action + (inputs.isEmpty ? "" : "(" + inputs.map(Self.brief).joined(separator: ", ") + ")")
        trace.append(line)
        return line
    }

    /// The actions worth trying now, with inputs taken from the state.
    mutating func candidates() throws -> [(action: String, inputs: [Value])] {
        let etcdKeys = try keys { try $0["apiServer"]["etcd"] }
        let scheduled = try keys { try $0["scheduled"] }, ongoing = try keys { try $0["ongoing"] }
        let messages = try inFlight()
        var out: [(String, [Value])] = []
        for k in etcdKeys { out += [("scheduleReconcile", [k]), ("garbageCollect", [k]), ("stabilize", [k])] }
        for k in scheduled { out.append(("startReconcile", [k])) }
        for k in ongoing {
            out += [("endReconcile", [k]), ("continueReconcile", [k, .option(nil, of: model.network.messageSort)])]
            for m in messages { out.append(("continueReconcile", [k, .option(m, of: model.network.messageSort)])) }
        }
        for m in messages { out += [("apiServerHandles", [m]), ("externalHandles", [m])] }
        let faultPhase = steps <= faultSteps
        let offered = faultPhase && (faultChance >= 1 || Double(random.below(1 << 20)) < faultChance * Double(1 << 20))
        if faults.contains(.crash) && faultPhase { if offered { out.append(("restartController", [])) } } else { out.append(("disableCrash", [])) }
        if faults.contains(.drop) && faultPhase {
            if offered { for m in messages { out.append(("dropRequest", [m])) } }
        } else { out.append(("disableRequestDrop", [])) }
        if faults.contains(.apiError) && faultPhase {
            for m in messages where offered {
                let code = random.below(APIServer.error.constructors.count)
                out.append(("failRequest", [m, .datatype(APIServer.error, constructor: code, fields: [])]))
            }
        } else { out.append(("disableAPIErrors", [])) }
        if faults.contains(.podMonkey) && faultPhase {
            if offered { out.append(("podMonkey", [try podMonkeyRequest()])) }
        } else { out.append(("disablePodMonkey", [])) }
        return out
    }

    private func keys(_ map: (Term) throws -> Term) throws -> [Value] {
        guard case .map(let entries, nil) = try read(map) else { return [] }
        return Self.sortedByDescription(entries.keys)
    }

    private func inFlight() throws -> [Value] {
        guard case .set(let members, false) = try read({ try $0["network"] }) else { return [] }
        return Self.sortedByDescription(members)
    }

    /// A pod-monkey request: create a pod in the default namespace.
    private func podMonkeyRequest() throws -> Value {
        let pod = try K8s.Object.make(.pod, metadata: K8s.meta(name: "monkey-pod", namespace: "default"),
                                      spec: Term.literal(Sort.datatype(K8s.podSpec).zeroValue, sort: .datatype(K8s.podSpec)))
        return try APIServer.Request.create(namespace: "default", object: pod).evaluate()
    }

    /// The values in the order of their descriptions (so runs do not depend on hashing), each
    /// description computed once.
    static func sortedByDescription<C: Collection<Value>>(_ values: C) -> [Value] {
        values.map { ($0.description, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
    }

    static func brief(_ v: Value) -> String {
        let text = v.description
        return text.count <= 80 ? text : String(text.prefix(77)) + "..."
    }
}
