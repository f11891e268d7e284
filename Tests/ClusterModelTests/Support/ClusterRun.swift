import Controllers

/// A run of the cluster model from its initial state: each action is one evaluation of its guard
/// and effect, the terms the proofs use.
struct ClusterRun {
    static let model = Result { try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig) }

    let model: ClusterModel
    private(set) var state: Value

    /// A run of `model` (by default the config-map writer's cluster).
    init(_ model: ClusterModel? = nil) throws {
        self.model = try model ?? Self.model.get()
        state = try self.model.initialValue()
    }

    func isEnabled(_ action: String, _ inputs: Term...) throws -> Bool {
        try model.isEnabled(action, at: state, inputs: inputs.map { try $0.evaluate() })
    }

    /// Runs an action that must be enabled.
    mutating func run(_ action: String, _ inputs: Term...) throws {
        guard let next = try model.run(action, at: state, inputs: inputs.map { try $0.evaluate() }) else {
            throw Failure("\(action)(\(inputs.map(\.description).joined(separator: ", "))) is not enabled")
        }
        state = next
    }

    /// Replaces the state by `change(s)`, to set up situations no short run reaches.
    mutating func set(_ change: (Term) throws -> Term) throws { state = try model.evaluate(at: state, change) }

    /// Evaluates `body(s)` at the current state.
    func read(_ body: (Term) throws -> Term) throws -> Value { try model.evaluate(at: state, body) }

    /// The in-flight messages satisfying `property`, as literal terms (to pass back as inputs).
    func inFlight(_ property: (Term) throws -> Term = { _ in .true }) throws -> [Term] {
        guard case .set(let members, false) = try read({ try $0["network"] }) else { throw Failure("the network is not a finite set") }
        return try members.map { try Term.literal($0, sort: model.network.messageSort) }
            .filter { try property($0).evaluate() == .bool(true) }
    }

    /// The one in-flight message satisfying `property`.
    func theMessage(_ property: (Term) throws -> Term) throws -> Term {
        let found = try inFlight(property)
        guard found.count == 1 else { throw Failure("expected one matching in-flight message, found \(found.count)") }
        return found[0]
    }
}

/// Terms the cluster tests build.
enum ClusterFixture {
    static let crKey = Result { try Fixture.key(.fluentBitConfig, "fb") }
    static let configMapKey = Result { try Fixture.key(.configMap, "fb") }

    /// A FluentBitConfig named `name`.
    static func fluentBitConfig(_ name: String) throws -> Term {
        try K8s.Object.make(.fluentBitConfig, metadata: Fixture.meta(name), spec: Fixture.zero(K8s.fluentBitConfigSpec))
    }

    /// Whether message `m` comes from `source` and carries an API request (`true`) or response (`false`).
    static func isAPI(_ m: Term, from source: Term, request: Bool) throws -> Term {
        try m["source"] .== source && m["content"].is(request ? "apiRequest" : "apiResponse")
    }
}
