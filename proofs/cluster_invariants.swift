import ClusterModel
import VCGen

/// Basic invariants of the cluster state machine (network, etcd, controller runtime, built-in
/// controllers, failure injectors), each proved inductive with `initInvariant`, instantiated with
/// a small reconciler that reads its custom resource and creates a config map it owns.
public enum cluster_invariants: ProofModule {
    static let model: ClusterModel = {
        do { return try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig) } catch {
            preconditionFailure("the cluster model for the invariants cannot be built: \(error)")
        }
    }()

    /// An invariant and the invariants its induction step uses as hypotheses.
    struct Invariant: Sendable {
        let name: String
        let uses: [Invariant]
        let predicate: @Sendable () throws -> StatePred

        init(_ name: String, uses: [Invariant] = [], _ body: @escaping @Sendable (Term) throws(SortError) -> Term) {
            self.name = name
            self.uses = uses
            predicate = { try model.predicate(name, body) }
        }
    }

    static let keySort = Sort.datatype(K8s.objectKey)

    /// `∀ m ∈ s.network. body(m)`.
    static func everyInFlight(_ s: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let network = try s["network"]
        return try .forall("m", model.network.messageSort) {
            (m) throws(SortError) in try network.contains(m) ==> body(m)
        }
    }

    /// `∀ k. map[k] = some(v) ⇒ body(k, v)`.
    static func everyEntry(_ map: Term, _ body: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .forall("k", keySort) { (k) throws(SortError) in
            try map.lookup(k).unwrap(or: .true) { (v) throws(SortError) in try body(k, v) }
        }
    }

    /// `∀ k. ongoing[k] has a pending request p ⇒ body(k, p)`.
    static func everyPending(_ s: Term, _ body: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try everyEntry(s["ongoing"]) { (k, ongoing) throws(SortError) in
            try ongoing["pendingRequest"].unwrap(or: .true) { (p) throws(SortError) in try body(k, p) }
        }
    }

    static func etcd(_ s: Term) throws(SortError) -> Term { try s["apiServer"]["etcd"] }

    // MARK: The invariants

    static let rpcIdsBelowCounter = Invariant("every in-flight message's rpc id is below the rpc id counter") { (s) throws(SortError) in
        try everyInFlight(s) { (m) throws(SortError) in try m["rpcId"] < s["rpcIdCounter"] }
    }

    static let pendingRpcIdsBelowCounter = Invariant("every pending request's rpc id is below the rpc id counter") { (s) throws(SortError) in
        try everyPending(s) { (_, p) throws(SortError) in try p["rpcId"] < s["rpcIdCounter"] }
    }

    static let rpcIdsUnique = Invariant("no two in-flight messages share an rpc id", uses: [rpcIdsBelowCounter]) { (s) throws(SortError) in
        let network = try s["network"]
        let a = Variable("a", model.network.messageSort), b = Variable("b", model.network.messageSort)
        return try .forall([a, b],
                           .and([network.contains(a.term), network.contains(b.term), a.term["rpcId"] .== b.term["rpcId"]])
                               ==> (a.term .== b.term))
    }

    static let resourceVersionsBelowCounter = Invariant("every stored object has a resource version below the counter") { (s) throws(SortError) in
        try everyEntry(etcd(s)) { (_, o) throws(SortError) in
            try o["metadata"]["resourceVersion"].unwrap(or: .false) { (rv) throws(SortError) in
                try rv < s["apiServer"]["resourceVersionCounter"]
            }
        }
    }

    static let uidsBelowCounter = Invariant("every stored object has a uid below the uid counter") { (s) throws(SortError) in
        try everyEntry(etcd(s)) { (_, o) throws(SortError) in
            try o["metadata"]["uid"].unwrap(or: .false) { (uid) throws(SortError) in try uid < s["apiServer"]["uidCounter"] }
        }
    }

    static let objectsMatchKeys = Invariant("every stored object's kind, name and namespace are its key's") { (s) throws(SortError) in
        try everyEntry(etcd(s)) { (k, o) throws(SortError) in
            let meta = try o["metadata"]
            return try .and([o["kind"] .== k["kind"], meta["name"] .== .some(k["name"]), meta["namespace"] .== .some(k["namespace"])])
        }
    }

    static let specsMatchKinds = Invariant("every stored object's spec is its kind's") { (s) throws(SortError) in
        try everyEntry(etcd(s)) { (_, o) throws(SortError) in try K8s.specMatchesKind(o) }
    }

    static let statusesMatchKinds = Invariant("every stored object's status is none or its kind's", uses: [objectsMatchKeys]) { (s) throws(SortError) in
        try everyEntry(etcd(s)) { (_, o) throws(SortError) in try K8s.statusMatchesKind(o) }
    }

    static let pendingFromItsReconcile = Invariant("every pending request was sent by its own reconcile") { (s) throws(SortError) in
        try everyPending(s) { (k, p) throws(SortError) in try p["source"] .== Network.controller(k) }
    }

    static let pendingIsRequest = Invariant("every pending request is an API or external request") { (s) throws(SortError) in
        try everyPending(s) { (_, p) throws(SortError) in try p["content"].is("apiRequest") || p["content"].is("externalRequest") }
    }

    static let scheduledOfResourceKind = Invariant("every scheduled resource is of the controller's kind", uses: [objectsMatchKeys]) { (s) throws(SortError) in
        try everyEntry(s["scheduled"]) { (k, cr) throws(SortError) in
            let kind = model.resourceKind.term
            return try k["kind"] .== kind && cr["kind"] .== kind
        }
    }

    static let ongoingOfResourceKind = Invariant("every running reconcile is for a resource of the controller's kind",
                                                 uses: [scheduledOfResourceKind]) { (s) throws(SortError) in
        try everyEntry(s["ongoing"]) { (k, ongoing) throws(SortError) in
            let kind = model.resourceKind.term
            return try k["kind"] .== kind && ongoing["triggeringResource"]["kind"] .== kind
        }
    }

    static let messageDirections = Invariant("API and external requests go to their server, responses come from it") { (s) throws(SortError) in
        try everyInFlight(s) { (m) throws(SortError) in
            try .match(m["content"]) { (ctor, _) throws(SortError) in
                switch ctor {
                case "apiRequest": return try m["destination"] .== Network.apiServer
                case "apiResponse": return try m["source"] .== Network.apiServer
                case "externalRequest": return try m["destination"] .== Network.externalSystem
                default: return try m["source"] .== Network.externalSystem
                }
            }
        }
    }

    static let builtinSendsDeletesAndStatus = Invariant("the built-in controllers send only deletes and status updates") { (s) throws(SortError) in
        try everyInFlight(s) { (m) throws(SortError) in
            try m["source"] .== Network.builtinController ==> .match(m["content"]) { (ctor, fields) throws(SortError) in
                ctor == "apiRequest" ? try fields[0].is("delete") || fields[0].is("updateStatus") : .false
            }
        }
    }

    static let podMonkeyTouchesPods = Invariant("the pod monkey sends only writes of pods") { (s) throws(SortError) in
        try everyInFlight(s) { (m) throws(SortError) in
            try m["source"] .== Network.podMonkey ==> .match(m["content"]) { (ctor, fields) throws(SortError) in
                ctor == "apiRequest" ? try APIServer.writes(fields[0], kind: .pod, includingStatus: true) : .false
            }
        }
    }

    static let pendingOrAnswerInFlight = Invariant("every pending request or a response to it is in flight",
                                                   uses: [pendingFromItsReconcile, pendingIsRequest]) { (s) throws(SortError) in
        let network = try s["network"]
        return try everyPending(s) { (_, p) throws(SortError) in
            let answered = try Term.exists("r", model.network.messageSort) { (r) throws(SortError) in
                try network.contains(r) && model.network.isResponse(r, to: p)
            }
            return try network.contains(p) || answered
        }
    }

    static let all: [Invariant] = [
        rpcIdsBelowCounter, pendingRpcIdsBelowCounter, rpcIdsUnique, resourceVersionsBelowCounter, uidsBelowCounter,
        objectsMatchKeys, specsMatchKinds, statusesMatchKinds, pendingFromItsReconcile, pendingIsRequest,
        scheduledOfResourceKind, ongoingOfResourceKind, messageDirections, builtinSendsDeletesAndStatus, podMonkeyTouchesPods,
        pendingOrAnswerInFlight,
    ]

    // MARK: Proofs

    /// `spec ⊨ □inv`, by `initInvariant` after establishing the invariants it uses (again, in this theorem).
    static func establish(_ invariant: Invariant, _ spec: Spec, _ steps: ProofSteps) throws -> Fact {
        var used: [Fact] = []
        for u in invariant.uses { used.append(try establish(u, spec, steps)) }
        let pending = try Rules.initInvariant(init: spec.entailsInit, next: spec.entailsAlwaysNext,
                                              invariant: invariant.predicate(), using: used)
        return try steps.establish(pending)
    }

    static func theorem(_ invariant: Invariant) -> Theorem {
        Theorem(invariant.name, statement: {
            let spec = try model.spec()
            return Entailment(spec: spec.formula, claim: .always(.lift(try invariant.predicate())))
        }, proof: { steps in try establish(invariant, model.spec(), steps) })
    }

    public static let proofs: [any Proof] = all.map(theorem)
}

/// The reconciler the invariants are proved with: it gets its custom resource, then creates a
/// config map of the same name that the resource owns, and is done once the create is answered;
/// a failed get is an error.
struct ConfigMapWriter: Reconciler {
    let name = "configMapWriter"
    var resourceSort: Sort { .datatype(K8s.object) }
    /// The phase: 0 before the get, 1 before the create, 2 before the end, 3 done, -1 failed.
    var stateSort: Sort { .int }
    var requestSort: Sort { .datatype(ExternalSystem.none.controllerRequest) }
    var responseSort: Sort { .datatype(ExternalSystem.none.controllerResponse) }
    var initialState: Term { 0 }

    func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let none = ExternalSystem.none
        let meta = try cr["metadata"]
        let crName = try meta["name"].unwrap(or: "") { $0 }, namespace = try meta["namespace"].unwrap(or: "") { $0 }
        let get = try none.apiRequest(APIServer.Request.get(K8s.key(kind: cr["kind"], namespace: namespace, name: crName)))
        let owner = try K8s.ownerRef(kind: cr["kind"], name: crName, uid: meta["uid"].unwrap(or: 0) { $0 })
        let configMap = try K8s.Object.make(.configMap, metadata: K8s.meta(name: crName, namespace: namespace, ownerReferences: [owner]),
                                            spec: .record(K8s.configMapSpec, ["data": .emptyMap(.string, .string)]))
        let create = try none.apiRequest(APIServer.Request.create(namespace: namespace, object: configMap))
        let succeeded = try response.unwrap(or: .false) { (r) throws(SortError) in
            try .match(r) { (ctor, fields) throws(SortError) in
                ctor == "api" ? try APIServer.responseError(fields[0]).isNone : .false
            }
        }
        func next(_ phase: Term, _ request: Term?) throws(SortError) -> Term {
            try .record(stepResult, ["state": phase, "request": request.map(Term.some) ?? .none(requestSort)])
        }
        return try .ite(state .== 0, next(1, get),
                        .ite(state .== 1, .ite(succeeded, next(2, create), next(-1, nil)),
                             .ite(state .== 2, next(3, nil), next(state, nil))))
    }

    func isDone(_ state: Term) throws -> Term { try state .== 3 }
    func isError(_ state: Term) throws -> Term { try state .== -1 }
}
