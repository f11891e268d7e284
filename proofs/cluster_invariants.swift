import Controllers
import VCGen

/// Basic invariants of the cluster state machine (network, etcd, controller runtime, built-in
/// controllers, failure injectors), each proved inductive with `initInvariant`, instantiated with
/// a small reconciler that reads its custom resource and creates a config map it owns.
public enum cluster_invariants: ProofModule {
    static let built = Result { try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig) }
        .mapError { SortError("the cluster model for the invariants cannot be built: \($0)") }
    /// The model; a failure to build it is reported by every proof that uses it, not a crash.
    static var model: ClusterModel { get throws(SortError) { try built.get() } }

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
        let messageSort = try model.network.messageSort
        let a = Variable("a", messageSort), b = Variable("b", messageSort)
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
            let kind = try model.resourceKind.term
            return try k["kind"] .== kind && cr["kind"] .== kind
        }
    }

    static let ongoingOfResourceKind = Invariant("every running reconcile is for a resource of the controller's kind",
                                                 uses: [scheduledOfResourceKind]) { (s) throws(SortError) in
        try everyEntry(s["ongoing"]) { (k, ongoing) throws(SortError) in
            let kind = try model.resourceKind.term
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
        }, proof: { steps in try establish(invariant, try model.spec(), steps) })
    }

    public static let proofs: [any Proof] = all.map(theorem)
}
