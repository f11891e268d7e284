import Controllers

/// A scripted run of a catalogue controller (the correct one or a mutant) on the cluster model:
/// random fair steps until a situation arises, then chosen events (a crash, a user's create,
/// change or delete of a custom resource, one held-back message delivered), while a safety
/// relation between consecutive states, if the controller states one, is checked after every step.
struct ClusterScenario {
    /// A safety property as a relation between a state, the next one and the custom resource's key.
    typealias Safety = (_ s: Term, _ next: Term, _ key: Term) throws -> Term

    let simulation: ControllerSimulation
    var sim: ClusterSimulator
    /// The key of the custom resource the run started with.
    let key: Value
    /// Whether the safety relation failed at some step so far.
    private(set) var safetyBroken = false
    private let before: Variable, after: Variable
    private let safety: Term
    /// Actions the random steps never take: by default the failures and their switches, and the
    /// user's requests, which the script makes itself.
    var scripted: Set<String> = ["restartController", "disableCrash", "clientRequest"]
    /// Messages the random steps do not deliver (until `deliver` delivers them).
    private(set) var held: [Value] = []

    init(_ entry: ControllerEntry, reconciler: any Reconciler, seed: UInt64, resource: Term, safety: Safety? = nil) throws {
        simulation = try ControllerSimulation(entry, reconciler: reconciler)
        (sim, key) = try simulation.start(resource: resource, seed: seed)
        before = Variable("before", simulation.model.stateSort)
        after = Variable.state(simulation.model.stateSort)
        let keyTerm = try Term.literal(key, sort: .datatype(K8s.objectKey))
        self.safety = try safety?(before.term, after.term, keyTerm) ?? .true
    }

    /// The custom resource's key as a term.
    var keyTerm: Term { get throws { try .literal(key, sort: .datatype(K8s.objectKey)) } }

    /// Evaluates `body(s)` at the current state.
    func holds(_ body: (Term) throws -> Term) throws -> Bool { try sim.read(body) == .bool(true) }

    /// Random steps (never a scripted action, never delivering a held message) until `condition`
    /// holds; throws after `limit` steps. The condition is built once and evaluated at each step.
    mutating func run(until condition: (Term) throws -> Term, limit: Int = 3_000, _ what: String) throws {
        let variable = after, term = try condition(variable.term)
        try run(until: { try term.evaluate([variable: $0]) == .bool(true) }, limit: limit, what)
    }

    /// Random steps until the cluster matches the stored custom resource.
    mutating func runUntilDesired(limit: Int = 3_000) throws {
        let simulation = self.simulation, key = self.key
        try run(until: { try simulation.matches(at: $0, key: key) }, limit: limit, "desired state")
    }

    /// `count` random steps (never a scripted action, never delivering a held message).
    mutating func run(steps count: Int) throws {
        for _ in 0..<count { try randomStep() }
    }

    private mutating func run(until holds: (Value) throws -> Bool, limit: Int, _ what: String) throws {
        for _ in 0..<limit {
            if try holds(sim.state) { return }
            try randomStep()
        }
        throw Failure("scenario: no \(what) within \(limit) steps")
    }

    private mutating func randomStep() throws {
        let held = self.held, scripted = self.scripted, previous = sim.state
        try sim.step { action, inputs in !scripted.contains(action) && !(inputs.first.map(held.contains) ?? false) }
        try checkSafety(from: previous)
    }

    /// Keeps `message` in flight until `deliver(message)`.
    mutating func hold(_ message: Value) { held.append(message) }

    /// The controller crashes and restarts.
    mutating func crash() throws {
        guard try sim.take("restartController") != nil else { throw Failure("scenario: cannot crash") }
    }

    /// A user's request (create, update or delete of a custom resource), sent and answered.
    mutating func request(_ request: Term) throws {
        let message = try simulation.model.network.message(source: Network.client, destination: Network.apiServer,
                                                           rpcId: .literal(sim.read { s in try s["rpcIdCounter"] }, sort: .int),
                                                           content: simulation.model.network.apiRequest(request))
        guard try sim.take("clientRequest", [request.evaluate()]) != nil else { throw Failure("scenario: the request was refused") }
        try run(until: { s in try !s["network"].contains(message) }, "answer to the user's request")
    }

    /// The stored custom resource under `key` (by default the run's own), if any.
    func storedResource(_ key: Value? = nil) throws -> Term? {
        let keyTerm = try Term.literal(key ?? self.key, sort: .datatype(K8s.objectKey))
        guard case .some(.some(let stored)) = try sim.read({ s in try s["apiServer"]["etcd"].lookup(keyTerm) }).optionPayload else { return nil }
        return try .literal(stored, sort: .datatype(K8s.object))
    }

    /// A user updates the stored custom resource's spec with `change` (through the API server;
    /// again when one of the controller's writes got in first and the update met a conflict).
    mutating func updateResource(_ change: @escaping (Term) throws -> Term) throws {
        let kind = simulation.entry.kind
        for _ in 0..<5 {
            guard let current = try storedResource() else { throw Failure("scenario: no custom resource") }
            let spec = try ManagedResource.spec(current, kind)
            let wanted = try change(spec)
            try request(APIServer.Request.update(namespace: keyTerm["namespace"], name: keyTerm["name"],
                                                 object: current.with("spec", K8s.spec(kind, wanted))))
            if let now = try storedResource(), try (ManagedResource.spec(now, kind) .== wanted).evaluate() == .bool(true) { return }
        }
        throw Failure("scenario: the user's update kept conflicting")
    }

    /// A user deletes the custom resource.
    mutating func deleteResource() throws {
        try request(APIServer.Request.delete(keyTerm))
        guard try storedResource() == nil else { throw Failure("scenario: the resource was not deleted") }
    }

    /// A user creates `resource` (read from YAML, as `kubectl apply` sends it).
    mutating func createResource(_ resource: Term) throws {
        try request(APIServer.Request.create(namespace: resource["metadata"]["namespace"].unwrap(or: "default") { $0 }, object: resource))
    }

    /// The pending request of the running reconcile, if it is in flight.
    func pendingRequest() throws -> Value? {
        let keyTerm = try self.keyTerm, messageSort = simulation.model.network.messageSort
        let message = try sim.read { s in
            try s["ongoing"].lookup(keyTerm).unwrap(or: .none(messageSort)) { (o) throws(SortError) in try o["pendingRequest"] }
        }
        guard case .some(.some(let m)) = message.optionPayload else { return nil }
        return try holds { s in try s["network"].contains(.literal(m, sort: messageSort)) } ? m : nil
    }

    /// Whether the running reconcile is in `phase` with its request in flight.
    func waiting(in phase: Term) throws -> (Term) throws -> Term {
        let keyTerm = try self.keyTerm
        return { s in
            try s["ongoing"].lookup(keyTerm).unwrap(or: .false) { (o) throws(SortError) in
                try o["localState"]["phase"] .== phase && o["pendingRequest"].unwrap(or: .false) { (m) throws(SortError) in
                    try s["network"].contains(m)
                }
            }
        }
    }

    /// Whether no reconcile of the custom resource is running.
    var idle: (Term) throws -> Term {
        get throws {
            let keyTerm = try self.keyTerm
            return { s in try !s["ongoing"].hasKey(keyTerm) }
        }
    }

    /// Delivers the in-flight request `message` (held or not) to the external system.
    mutating func deliver(_ message: Value) throws {
        held.removeAll { $0 == message }
        let previous = sim.state
        guard try sim.take("externalHandles", [message]) != nil else { throw Failure("scenario: the message is not deliverable") }
        try checkSafety(from: previous)
    }

    /// The API request `message` in flight is lost: its sender gets a timeout error.
    mutating func drop(_ message: Value) throws {
        let previous = sim.state
        guard try sim.take("dropRequest", [message]) != nil else { throw Failure("scenario: the request cannot be dropped") }
        try checkSafety(from: previous)
    }

    /// Whether, from here on, fair random steps reach the desired state and keep it.
    mutating func converges(steps: Int = 1_000) throws -> Bool {
        try simulation.observe(&sim, key: key, steps: steps).converged
    }

    /// Whether, from here on, `condition` comes to hold and holds for the last `hold` of `steps`
    /// fair random steps (safety still checked).
    mutating func keeps(_ condition: (Term) throws -> Term, steps: Int = 1_000, hold: Int = 150) throws -> Bool {
        let term = try condition(after.term)
        var heldFor = 0
        for _ in 0..<steps {
            let previous = sim.state
            try sim.step()
            try checkSafety(from: previous)
            heldFor = try term.evaluate([after: sim.state]) == .bool(true) ? heldFor + 1 : 0
        }
        return heldFor >= hold
    }

    private mutating func checkSafety(from previous: Value) throws {
        if try safety.evaluate([before: previous, after: sim.state]) != .bool(true) { safetyBroken = true }
    }
}
