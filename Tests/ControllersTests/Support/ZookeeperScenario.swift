import Controllers

/// A scripted run of the ZooKeeper controller (the correct one or a mutant) on the cluster model:
/// random fair steps until a situation arises, then a chosen event (a crash, a user's change of
/// the custom resource, one held-back message delivered), while scale-down safety
/// (`ZookeeperController.sizeIsPublished`) is checked after every step.
struct ZookeeperScenario {
    static let key = Result { try K8s.key(.zookeeperCluster, namespace: "default", name: "zk").evaluate() }

    let simulation: ControllerSimulation
    var sim: ClusterSimulator
    /// Whether scale-down safety failed at some step so far.
    private(set) var safetyBroken = false
    private let stateVariable: Variable
    private let safety: Term
    /// Actions the script keeps for itself: the failures and their switches stay untouched.
    static let scripted: Set<String> = ["restartController", "disableCrash", "clientRequest"]

    init(_ bug: ZookeeperReconciler.Bug?, seed: UInt64, resource: Term) throws {
        simulation = try ControllerSimulation(ZookeeperController.entry, reconciler: ZookeeperReconciler(bug: bug))
        (sim, _) = try simulation.start(resource: resource, seed: seed)
        stateVariable = Variable.state(simulation.model.stateSort)
        safety = try ZookeeperController.sizeIsPublished(stateVariable.term, key: .literal(Self.key.get(), sort: .datatype(K8s.objectKey)))
    }

    /// Messages the random steps do not deliver (until `deliver` delivers them).
    private(set) var held: [Value] = []

    /// Evaluates `body(s)` at the current state.
    func holds(_ body: (Term) throws -> Term) throws -> Bool { try sim.read(body) == .bool(true) }

    /// Random steps (never delivering a held message) until `condition` holds; throws after
    /// `limit` steps. The condition is built once and evaluated at each step.
    mutating func run(until condition: (Term) throws -> Term, limit: Int = 3_000, _ what: String) throws {
        let variable = stateVariable, term = try condition(variable.term)
        try run(until: { try term.evaluate([variable: $0]) == .bool(true) }, limit: limit, what)
    }

    /// Random steps until the cluster matches the stored custom resource.
    mutating func runUntilDesired(limit: Int = 3_000) throws {
        let simulation = self.simulation, key = try Self.key.get()
        try run(until: { try simulation.matches(at: $0, key: key) }, limit: limit, "desired state")
    }

    private mutating func run(until holds: (Value) throws -> Bool, limit: Int, _ what: String) throws {
        let held = self.held
        for _ in 0..<limit {
            if try holds(sim.state) { return }
            try sim.step { action, inputs in !Self.scripted.contains(action) && !(inputs.first.map(held.contains) ?? false) }
            try checkSafety()
        }
        throw Failure("scenario: no \(what) within \(limit) steps")
    }

    /// Keeps `message` in flight until `deliver(message)`.
    mutating func hold(_ message: Value) { held.append(message) }

    /// The controller crashes and restarts.
    mutating func crash() throws {
        guard try sim.take("restartController") != nil else { throw Failure("scenario: cannot crash") }
    }

    /// A user updates the stored custom resource's spec with `change` (through the API server;
    /// again when one of the controller's writes got in first and the update met a conflict).
    mutating func updateResource(_ change: @escaping (Term) throws -> Term) throws {
        let key = try Term.literal(Self.key.get(), sort: .datatype(K8s.objectKey))
        let network = simulation.model.network
        let changed = { (s: Term) throws -> Term in
            try s["apiServer"]["etcd"].lookup(key).unwrap(or: .false) { (cr) throws(SortError) in
                let spec = try ZookeeperObjects.spec(cr)
                do { return try spec .== change(spec) } catch let error as SortError { throw error } catch { throw SortError("\(error)") }
            }
        }
        for _ in 0..<5 {
            let cr = try sim.read { s in try s["apiServer"]["etcd"].lookup(key) }
            guard case .some(.some(let stored)) = cr.optionPayload else { throw Failure("scenario: no custom resource") }
            let current = try Term.literal(stored, sort: .datatype(K8s.object))
            let request = try APIServer.Request.update(namespace: "default", name: "zk", object: current.with("spec", K8s.spec(
                .zookeeperCluster, change(ZookeeperObjects.spec(current)))))
            let message = try network.message(source: Network.client, destination: Network.apiServer,
                                              rpcId: .literal(sim.read { s in try s["rpcIdCounter"] }, sort: .int),
                                              content: network.apiRequest(request))
            guard try sim.take("clientRequest", [request.evaluate()]) != nil else { throw Failure("scenario: the update was refused") }
            try run(until: { s in try !s["network"].contains(message) }, "answer to the user's update")
            if try holds(changed) { return }
        }
        throw Failure("scenario: the user's update kept conflicting")
    }

    /// The pending request of the running reconcile, if it is in flight.
    func pendingRequest() throws -> Value? {
        let key = try Term.literal(Self.key.get(), sort: .datatype(K8s.objectKey))
        let message = try sim.read { s in
            try s["ongoing"].lookup(key).unwrap(or: .none(simulation.model.network.messageSort)) { (o) throws(SortError) in
                try o["pendingRequest"]
            }
        }
        guard case .some(.some(let m)) = message.optionPayload else { return nil }
        return try holds { s in try s["network"].contains(.literal(m, sort: simulation.model.network.messageSort)) } ? m : nil
    }

    /// Whether the running reconcile is in `phase` (a phase name, or a phase about a sub-resource)
    /// with its request in flight.
    static func waiting(in phase: String, _ resource: String? = nil) -> (Term) throws -> Term {
        { s in
            let key = try Term.literal(Self.key.get(), sort: .datatype(K8s.objectKey))
            let steps = ZookeeperFixture.reconciler.steps
            let expected = try resource.map { try steps.phase(phase, steps.resource($0)) } ?? steps.phase(phase)
            return try s["ongoing"].lookup(key).unwrap(or: .false) { (o) throws(SortError) in
                try o["localState"]["phase"] .== expected && o["pendingRequest"].unwrap(or: .false) { (m) throws(SortError) in
                    try s["network"].contains(m)
                }
            }
        }
    }

    /// Whether no reconcile of the custom resource is running.
    static func idle(_ s: Term) throws -> Term {
        try !s["ongoing"].hasKey(.literal(Self.key.get(), sort: .datatype(K8s.objectKey)))
    }

    /// Delivers the in-flight ZooKeeper request `message` (held or not).
    mutating func deliver(_ message: Value) throws {
        held.removeAll { $0 == message }
        guard try sim.take("externalHandles", [message]) != nil else { throw Failure("scenario: the message is not deliverable") }
        try checkSafety()
    }

    /// Whether, from here on, fair random steps reach the desired state and keep it.
    mutating func converges(steps: Int = 1_000) throws -> Bool {
        try simulation.observe(&sim, key: Self.key.get(), steps: steps).converged
    }

    /// Whether, from here on, `condition` comes to hold and holds for the last `hold` of `steps`
    /// fair random steps.
    mutating func keeps(_ condition: (Term) throws -> Term, steps: Int = 1_000, hold: Int = 150) throws -> Bool {
        let term = try condition(stateVariable.term)
        var heldFor = 0
        for _ in 0..<steps {
            try sim.step()
            heldFor = try term.evaluate([stateVariable: sim.state]) == .bool(true) ? heldFor + 1 : 0
        }
        return heldFor >= hold
    }

    private mutating func checkSafety() throws {
        if try safety.evaluate([stateVariable: sim.state]) != .bool(true) { safetyBroken = true }
    }
}
