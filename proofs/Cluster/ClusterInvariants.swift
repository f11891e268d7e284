import ClusterModel
import VCGen

/// Invariants every cluster model has, whatever its controller: rpc ids, resource versions and
/// uids against their counters, keys of stored and scheduled objects, pending requests, and who
/// sends which messages. Each is proved inductive by `initInvariant` (see `InvariantBundle`).
enum ClusterInvariants {
    static let rpcIdsBelowCounter = ClusterInvariant("every in-flight message's rpc id is below the rpc id counter") { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in try m["rpcId"] < s["rpcIdCounter"] }
    }

    static let rpcIdsNonNegative = ClusterInvariant("the rpc id counter and every in-flight rpc id are non-negative") { (model, s) throws(SortError) in
        try s["rpcIdCounter"] >= 0 && model.everyInFlight(s) { (m) throws(SortError) in try m["rpcId"] >= 0 }
    }

    static let pendingRpcIdsBelowCounter = ClusterInvariant("every pending request's rpc id is below the rpc id counter") { (model, s) throws(SortError) in
        try model.everyPending(s) { (_, p) throws(SortError) in try p["rpcId"] < s["rpcIdCounter"] }
    }

    static let rpcIdsUnique = ClusterInvariant("no two in-flight messages share an rpc id", uses: [rpcIdsBelowCounter]) { (model, s) throws(SortError) in
        let network = try s["network"]
        let a = Variable("a", model.network.messageSort), b = Variable("b", model.network.messageSort)
        return try .forall([a, b],
                           .and([network.contains(a.term), network.contains(b.term), a.term["rpcId"] .== b.term["rpcId"]])
                               ==> (a.term .== b.term))
    }

    static let resourceVersionsBelowCounter = ClusterInvariant("every stored object has a resource version below the counter") { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in
            try o["metadata"]["resourceVersion"].unwrap(or: .false) { (rv) throws(SortError) in
                try rv < s["apiServer"]["resourceVersionCounter"]
            }
        }
    }

    static let uidsBelowCounter = ClusterInvariant("every stored object has a uid below the uid counter") { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in
            try o["metadata"]["uid"].unwrap(or: .false) { (uid) throws(SortError) in try uid < s["apiServer"]["uidCounter"] }
        }
    }

    static let objectsMatchKeys = ClusterInvariant("every stored object's kind, name and namespace are its key's") { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (k, o) throws(SortError) in try matchesKey(o, k) }
    }

    /// The object's kind, name and namespace are the key's.
    static func matchesKey(_ o: Term, _ k: Term) throws(SortError) -> Term {
        let meta = try o["metadata"]
        return try .and([o["kind"] .== k["kind"], meta["name"] .== .some(k["name"]), meta["namespace"] .== .some(k["namespace"])])
    }

    static let specsMatchKinds = ClusterInvariant("every stored object's spec is its kind's") { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in try K8s.specMatchesKind(o) }
    }

    static let statusesMatchKinds = ClusterInvariant("every stored object's status is none or its kind's", uses: [objectsMatchKeys]) { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in try K8s.statusMatchesKind(o) }
    }

    static let pendingFromItsReconcile = ClusterInvariant("every pending request was sent by its own reconcile") { (model, s) throws(SortError) in
        try model.everyPending(s) { (k, p) throws(SortError) in try p["source"] .== Network.controller(k) }
    }

    static let pendingIsRequest = ClusterInvariant("every pending request is an API or external request") { (model, s) throws(SortError) in
        try model.everyPending(s) { (_, p) throws(SortError) in try model.isRequest(p) }
    }

    static let scheduledOfResourceKind = ClusterInvariant("every scheduled resource is of the controller's kind", uses: [objectsMatchKeys]) { (model, s) throws(SortError) in
        try model.everyEntry(s["scheduled"]) { (k, cr) throws(SortError) in
            let kind = model.resourceKind.term
            return try k["kind"] .== kind && cr["kind"] .== kind
        }
    }

    static let ongoingOfResourceKind = ClusterInvariant("every running reconcile is for a resource of the controller's kind",
                                                        uses: [scheduledOfResourceKind]) { (model, s) throws(SortError) in
        try model.everyEntry(s["ongoing"]) { (k, ongoing) throws(SortError) in
            let kind = model.resourceKind.term
            return try k["kind"] .== kind && ongoing["triggeringResource"]["kind"] .== kind
        }
    }

    static let scheduledMatchKeys = ClusterInvariant("every scheduled resource's kind, name and namespace are its key's",
                                                     uses: [objectsMatchKeys]) { (model, s) throws(SortError) in
        try model.everyEntry(s["scheduled"]) { (k, cr) throws(SortError) in try matchesKey(cr, k) }
    }

    static let ongoingMatchKeys = ClusterInvariant("every running reconcile's resource has the kind, name and namespace of its key",
                                                   uses: [scheduledMatchKeys]) { (model, s) throws(SortError) in
        try model.everyEntry(s["ongoing"]) { (k, ongoing) throws(SortError) in try matchesKey(ongoing["triggeringResource"], k) }
    }

    static let messageDirections = ClusterInvariant("API and external requests go to their server, responses come from it") { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
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

    static let builtinSendsDeletesAndStatus = ClusterInvariant(
        "the built-in controllers send only deletes, and status updates of stateful and daemon sets", uses: [objectsMatchKeys]
    ) { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try m["source"] .== Network.builtinController ==> model.onAPIRequest(m, otherwise: .false) { (r) throws(SortError) in
                try .match(r) { (ctor, f) throws(SortError) in
                    switch ctor {
                    case "delete": return .true
                    case "updateStatus":
                        return try f[2]["kind"] .== K8s.Kind.statefulSet.term || f[2]["kind"] .== K8s.Kind.daemonSet.term
                    default: return .false
                    }
                }
            }
        }
    }

    static let podMonkeyTouchesPods = ClusterInvariant("the pod monkey sends only writes of pods") { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try m["source"] .== Network.podMonkey ==> model.onAPIRequest(m, otherwise: .false) { (r) throws(SortError) in
                try APIServer.writes(r, kind: .pod, includingStatus: true)
            }
        }
    }

    /// Users send only writes of the kinds they may write: the controller's custom resources and
    /// the model's `userWritable` kinds (its name predates those, and is kept so that proofs
    /// about models without them keep their cached obligations).
    static let clientTouchesResources = ClusterInvariant("users send only writes of the controller's custom resources") { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try m["source"] .== Network.client ==> model.onAPIRequest(m, otherwise: .false) { (r) throws(SortError) in
                try model.isUserWrite(r)
            }
        }
    }

    static let reconcilesOfResources = ClusterInvariant("every message a reconcile sends or is sent is about a resource of the controller's kind",
                                                        uses: [ongoingOfResourceKind, pendingFromItsReconcile]) { (model, s) throws(SortError) in
        func ofResourceKind(_ host: Term) throws(SortError) -> Term {
            try .match(host) { (ctor, f) throws(SortError) in ctor == "controller" ? try f[0]["kind"] .== model.resourceKind.term : .true }
        }
        return try model.everyInFlight(s) { (m) throws(SortError) in try ofResourceKind(m["source"]) && ofResourceKind(m["destination"]) }
    }

    static let serversSendOnlyResponses = ClusterInvariant("the API server and the external system send only responses") { (model, s) throws(SortError) in
        try model.everyInFlight(s) { (m) throws(SortError) in
            try (m["source"] .== Network.apiServer || m["source"] .== Network.externalSystem)
                ==> (m["content"].is("apiResponse") || m["content"].is("externalResponse"))
        }
    }

    static let pendingOrAnswerInFlight = ClusterInvariant("every pending request or a response to it is in flight",
                                                          uses: [pendingFromItsReconcile, pendingIsRequest]) { (model, s) throws(SortError) in
        let network = try s["network"]
        return try model.everyPending(s) { (_, p) throws(SortError) in
            let answered = try Term.exists("r", model.network.messageSort) { (r) throws(SortError) in
                try network.contains(r) && model.network.isResponse(r, to: p)
            }
            return try network.contains(p) || answered
        }
    }

    /// Anvil's `resp_msg_matches_req_msg` for gets, with the API server's answer to them: a get's
    /// successful answer is the object stored under the key it asks for. A pending request is the
    /// only in-flight message of its rpc id, or its answer is (so a handled request with a pending
    /// request's rpc id is that request), and a fresh request's rpc id is above every in-flight one's.
    ///     □(∀k, m. ongoing[k].pending = get(key) ∧ m ∈ network ∧ m answers it with ok(o) ⇒ o's key is key)
    static let getAnswersMatchTheirKeys = ClusterInvariant(
        "every in-flight answer to a pending get carries an object of the key it asks for",
        uses: [objectsMatchKeys, rpcIdsUnique, rpcIdsBelowCounter, pendingOrAnswerInFlight, pendingIsRequest, messageDirections]
    ) { (model, s) throws(SortError) in
        try model.everyPending(s) { (_, p) throws(SortError) in
            try model.onAPIRequest(p) { (r) throws(SortError) in
                try .match(r) { (ctor, f) throws(SortError) in
                    guard ctor == "get" else { return .true }
                    return try model.everyInFlight(s) { (m) throws(SortError) in
                        try model.network.isResponse(m, to: p) ==> model.onAPIResponse(m) { (response) throws(SortError) in
                            try APIServer.responseObject(response).unwrap(or: .true) { (o) throws(SortError) in try matchesKey(o, f[0]) }
                        }
                    }
                }
            }
        }
    }

    /// The API server admits only objects that pass their kind's state validation, and a status
    /// write keeps the spec: so every stored object passes it (a custom resource's admission rules).
    static let storedObjectsAreValid = ClusterInvariant("every stored object passes its kind's state validation") { (model, s) throws(SortError) in
        try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in try K8s.stateIsValid(o) }
    }

    /// A reconcile is scheduled with a stored resource and runs with the scheduled one: each has
    /// its kind's spec and passes its state validation (Anvil's "the resource in the reconcile is valid").
    static let resourcesInReconcilesAreValid = ClusterInvariant("every scheduled and running reconcile's resource is of its kind and valid",
                                                                uses: [storedObjectsAreValid, specsMatchKinds]) { (model, s) throws(SortError) in
        func valid(_ cr: Term) throws(SortError) -> Term { try K8s.specMatchesKind(cr) && K8s.stateIsValid(cr) }
        return try model.everyEntry(s["scheduled"]) { (_, cr) throws(SortError) in try valid(cr) }
            && model.everyEntry(s["ongoing"]) { (_, o) throws(SortError) in try valid(o["triggeringResource"]) }
    }

    /// Every write stamps the object with the resource version counter and advances it, so no two
    /// stored objects share a resource version.
    ///     □(∀k1, k2. etcd[k1].rv = etcd[k2].rv ⇒ k1 = k2)
    static let storedVersionsAreUnique = ClusterInvariant("no two stored objects share a resource version",
                                                          uses: [resourceVersionsBelowCounter]) { (model, s) throws(SortError) in
        let etcd = try ClusterModel.etcd(s)
        return try model.everyEntry(etcd) { (k1, a) throws(SortError) in
            try model.everyEntry(etcd) { (k2, b) throws(SortError) in
                try a["metadata"]["resourceVersion"] .== b["metadata"]["resourceVersion"] ==> (k1 .== k2)
            }
        }
    }

    /// An object the API server answers with is the stored one it read or wrote, and any later
    /// write of it stamps a new resource version: so an answered object is still stored as it was
    /// exactly when some stored object has its resource version (what makes "update the object
    /// found" safe). Its resource version is below the counter.
    ///     □(∀m ∈ network. m answers ok(o) ⇒ o.rv < counter ∧ ∀k. etcd[k].rv = o.rv ⇒ etcd[k] = o)
    static let answersAtTheirVersionAreStored = ClusterInvariant(
        "every object answered is the stored object of its resource version, if any",
        uses: [resourceVersionsBelowCounter, storedVersionsAreUnique, serversSendOnlyResponses, messageDirections]
    ) { (model, s) throws(SortError) in
        let etcd = try ClusterModel.etcd(s)
        return try model.everyInFlight(s) { (m) throws(SortError) in
            try model.onAPIResponse(m) { (response) throws(SortError) in
                try APIServer.responseObject(response).unwrap(or: .true) { (o) throws(SortError) in
                    try o["metadata"]["resourceVersion"].unwrap(or: .false) { (rv) throws(SortError) in
                        try rv < s["apiServer"]["resourceVersionCounter"] && model.everyEntry(etcd) { (_, c) throws(SortError) in
                            try c["metadata"]["resourceVersion"] .== .some(rv) ==> (c .== o)
                        }
                    }
                }
            }
        }
    }

    /// Every invariant above that every cluster proof assumes.
    static let all: [ClusterInvariant] = [
        rpcIdsBelowCounter, rpcIdsNonNegative, pendingRpcIdsBelowCounter, rpcIdsUnique, resourceVersionsBelowCounter,
        uidsBelowCounter, objectsMatchKeys, specsMatchKinds, statusesMatchKinds, pendingFromItsReconcile, pendingIsRequest,
        scheduledOfResourceKind, ongoingOfResourceKind, scheduledMatchKeys, ongoingMatchKeys, messageDirections,
        builtinSendsDeletesAndStatus, podMonkeyTouchesPods, clientTouchesResources, reconcilesOfResources, serversSendOnlyResponses,
        pendingOrAnswerInFlight,
    ]

    /// Invariants a proof establishes only when one of its own invariants uses them (each is one
    /// more quantified hypothesis in every obligation of a proof that assumes it throughout).
    static let onDemand: [ClusterInvariant] = [getAnswersMatchTheirKeys, storedObjectsAreValid, resourcesInReconcilesAreValid,
                                               storedVersionsAreUnique, answersAtTheirVersionAreStored]
}
