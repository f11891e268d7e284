/// A catalogue controller run on the executable cluster model (the terms the proofs use,
/// evaluated), with random scheduling and faults: what `anvil-sim` does for each seed. The
/// desired-state predicate is built once, over variables, and evaluated at every step.
public struct ControllerSimulation: Sendable {
    /// The controller run, and the cluster model it runs on.
    public let entry: ControllerEntry
    public let model: ClusterModel
    private let state: Variable, key: Variable
    /// `entry.matches(s, cr)` for the custom resource stored under `key` (false when there is none).
    private let desired: Term

    /// The simulation of `entry`, running `reconciler` (by default the entry's own; a mutant to
    /// see whether its bug shows) against the entry's desired state.
    public init(_ entry: ControllerEntry, reconciler: (any Reconciler)? = nil) throws {
        self.entry = entry
        model = try ClusterModel(reconciler: reconciler ?? entry.reconciler, resourceKind: entry.kind, external: entry.external)
        state = Variable.state(model.stateSort)
        key = Variable("key", .datatype(K8s.objectKey))
        let s = state.term
        desired = try s["apiServer"]["etcd"].lookup(key.term).unwrap(or: .false) { (cr) throws(SortError) in
            do { return try entry.matches(s, cr) } catch let error as SortError { throw error } catch {
                throw SortError("the desired state of '\(entry.name)': \(error)")
            }
        }
    }

    /// A simulator whose cluster holds the entry's prerequisites and then `resource`, each created
    /// through the model's API server (so validation applies, as for `kubectl apply`), and the
    /// key the resource is stored under.
    public func start(resource: Term, seed: UInt64, faults: Faults = [], faultSteps: Int = 120) throws -> (ClusterSimulator, Value) {
        var sim = try ClusterSimulator(model: model, seed: seed, faults: faults, faultSteps: faultSteps)
        var stored: [Term] = []
        for prerequisite in entry.prerequisites {
            let object = try prerequisite(resource, stored)
            do { stored.append(try Self.create(object, in: &sim)) } catch let rejected as ResourceRejected {
                let name = try object["metadata"]["name"].unwrap(or: "") { $0 }.evaluate()
                throw ResourceRejected(error: rejected.error, violations: rejected.violations,
                                       prerequisite: "\(try object["kind"].evaluate()) \(name)")
            }
        }
        _ = try Self.create(resource, in: &sim)
        let namespace = try resource["metadata"]["namespace"].unwrap(or: "default") { $0 }
        let key = try K8s.key(entry.kind, namespace: namespace, name: resource["metadata"]["name"].unwrap(or: "") { $0 }).evaluate()
        return (sim, key)
    }

    /// Creates `object` through the API server of `sim`'s cluster and returns it as stored.
    private static func create(_ object: Term, in sim: inout ClusterSimulator) throws -> Term {
        let namespace = try object["metadata"]["namespace"].unwrap(or: "default") { $0 }
        let outcome = try Term.literal(sim.read { s in
            try APIServer.handle(state: s["apiServer"], request: APIServer.Request.create(namespace: namespace, object: object))
        }, sort: .datatype(APIServer.outcome))
        let response = try outcome["response"]
        if case .some(.some(let error)) = try APIServer.responseError(response).evaluate().optionPayload {
            throw ResourceRejected(error: error, violations: try K8s.stateViolations(of: object.evaluate()))
        }
        try sim.set { s in try s.with("apiServer", outcome["state"]) }
        guard case .some(.some(let created)) = try APIServer.responseObject(response).evaluate().optionPayload else {
            throw SortError("the API server answered a create without the object")
        }
        return try .literal(created, sort: .datatype(K8s.object))
    }

    /// Whether the cluster state matches the custom resource stored under `key`.
    public func matches(at clusterState: Value, key keyValue: Value) throws -> Bool {
        try desired.evaluate([state: clusterState, key: keyValue]) == .bool(true)
    }

    /// One run: `steps` random steps from the cluster holding `resource`. It converged when the
    /// desired state held for the last `hold` steps (at most a quarter of the run).
    public func run(resource: Term, seed: UInt64, steps: Int, faults: Faults = [], faultSteps: Int = 120, hold: Int = 150,
                    progress: ((Int) -> Void)? = nil) throws -> SimulationOutcome {
        var (sim, key) = try start(resource: resource, seed: seed, faults: faults, faultSteps: faultSteps)
        return try observe(&sim, key: key, steps: steps, hold: hold, progress: progress)
    }

    /// Runs from the cluster holding `resource`, one per seed, that come back to a state they had
    /// visited, as candidate counterexamples: each run's last return (its states from the start,
    /// the loop from the state's first visit), or its end when nothing but stuttering is enabled.
    /// A run of a correct controller ends in, or circles through, states its theorems hold in; one
    /// of a controller that loops without progress returns to the state it waits in.
    public func returningRuns(resource: Term, seeds: Range<UInt64>, steps: Int, faults: Faults = [],
                              faultSteps: Int = 120, faultChance: Double = 1) throws -> [LassoCandidate] {
        var found: [LassoCandidate] = []
        for seed in seeds {
            var (sim, _) = try start(resource: resource, seed: seed, faults: faults, faultSteps: faultSteps)
            sim.faultChance = faultChance
            var states = [sim.state], taken: [LassoCandidate.TakenStep?] = [], ended = false
            var lastReturn: Int?, firstVisit: [Value: Int] = [sim.state: 0]
            for _ in 0..<steps {
                guard try sim.step() != nil else { ended = true; break }
                states.append(sim.state)
                taken.append(sim.lastTaken)
                if firstVisit[sim.state] != nil { lastReturn = states.count } else { firstVisit[sim.state] = states.count - 1 }
            }
            let origin = "a simulated run (seed \(seed), faults \(faults.names))"
            if ended, let c = LassoCandidate.lastReturn(of: states, taken: taken, endsStuttering: true, origin: origin) {
                found.append(c)
            } else if let n = lastReturn, let c = LassoCandidate.lastReturn(of: Array(states[..<n]), taken: Array(taken[..<(n - 1)]),
                                                                              endsStuttering: false, origin: origin) {
                found.append(c)
            }
        }
        return found
    }

    /// `steps` more random steps of `sim`, watching the desired state for the custom resource
    /// under `key`.
    public func observe(_ sim: inout ClusterSimulator, key: Value, steps: Int, hold: Int = 150,
                        progress: ((Int) -> Void)? = nil) throws -> SimulationOutcome {
        var outcome = SimulationOutcome(seed: sim.seed, required: max(1, min(hold, steps / 4)))
        for i in 1...steps {
            if let line = try sim.step() { outcome.actionCounts[String(line.prefix { $0 != "(" }), default: 0] += 1 }
            if try matches(at: sim.state, key: key) {
                outcome.heldFor += 1
                if outcome.firstMatch == nil { outcome.firstMatch = i }
            } else {
                outcome.heldFor = 0
            }
            progress?(i)
        }
        return outcome
    }
}

/// What one simulated run did.
public struct SimulationOutcome: Sendable {
    /// The run's random seed.
    public let seed: UInt64
    /// How many final steps the desired state must hold for the run to count as converged.
    public let required: Int
    /// The first step at which the desired state held, and for how many final steps it held.
    public var firstMatch: Int?
    public var heldFor = 0
    /// How often each action was taken.
    public var actionCounts: [String: Int] = [:]

    init(seed: UInt64, required: Int) {
        self.seed = seed
        self.required = required
    }

    /// Whether the cluster reached the desired state and kept it to the end.
    public var converged: Bool { heldFor >= required }
}

/// The API server refused to store the custom resource (or one of its prerequisites); for a
/// resource that breaks its kind's admission rules, the rules it breaks, by field.
public struct ResourceRejected: Error, CustomStringConvertible {
    /// The API error, the broken rules as `field: requirement`, and the prerequisite refused, if
    /// it was one.
    public let error: Value
    public let violations: [String]
    public var prerequisite: String? = nil

    public var description: String {
        let what = prerequisite.map { "the prerequisite \($0)" } ?? "the resource"
        return "the API server rejected \(what) (\(error))" + (violations.isEmpty ? "" : ": " + violations.joined(separator: "; "))
    }
}
