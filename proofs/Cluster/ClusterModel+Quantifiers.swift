import ClusterModel
import VCGen

/// Quantifiers over the parts of a cluster state that invariants range over.
extension ClusterModel {
    static let keySort = Sort.datatype(K8s.objectKey)

    /// `∀ m ∈ s.network. body(m)`.
    func everyInFlight(_ s: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        let network = try s["network"]
        return try .forall("m", self.network.messageSort) { (m) throws(SortError) in try network.contains(m) ==> body(m) }
    }

    /// `∀ k. map[k] = some(v) ⇒ body(k, v)`.
    func everyEntry(_ map: Term, _ body: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .forall("k", Self.keySort) { (k) throws(SortError) in
            try map.lookup(k).unwrap(or: .true) { (v) throws(SortError) in try body(k, v) }
        }
    }

    /// `∀ k. k = key ⇒ body(k)`, the key compared field by field: `body(key)` for Z3 without a map
    /// lookup at `key`. Inside a quantifier over stored objects, a lookup at a key computed from the
    /// object (its owner's) is a new term for that quantifier's trigger to match, whose object gives
    /// another key: a matching loop. Under this quantifier a lookup is at a bound key, matched only
    /// against lookups already there.
    func atKey(_ key: Term, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .forall("at", Self.keySort) { (k) throws(SortError) in
            try .and([k["kind"] .== key["kind"], k["namespace"] .== key["namespace"], k["name"] .== key["name"]]) ==> body(k)
        }
    }

    /// `∀ k. ongoing[k] has a pending request p ⇒ body(k, p)`.
    func everyPending(_ s: Term, _ body: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try everyEntry(s["ongoing"]) { (k, ongoing) throws(SortError) in
            try ongoing["pendingRequest"].unwrap(or: .true) { (p) throws(SortError) in try body(k, p) }
        }
    }

    /// `body(request)` when the message carries an API request, else `otherwise`.
    func onAPIRequest(_ m: Term, otherwise: Term = .true, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .match(m["content"]) { (ctor, fields) throws(SortError) in ctor == "apiRequest" ? try body(fields[0]) : otherwise }
    }

    /// `body(response)` when the message carries an API response, else `otherwise`.
    func onAPIResponse(_ m: Term, otherwise: Term = .true, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .match(m["content"]) { (ctor, fields) throws(SortError) in ctor == "apiResponse" ? try body(fields[0]) : otherwise }
    }

    /// `body(request)` when the message carries a request to the external system, else `otherwise`.
    func onExternalRequest(_ m: Term, otherwise: Term = .true, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .match(m["content"]) { (ctor, fields) throws(SortError) in ctor == "externalRequest" ? try body(fields[0]) : otherwise }
    }

    /// `body(response)` when the message carries the external system's response, else `otherwise`.
    func onExternalResponse(_ m: Term, otherwise: Term = .true, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .match(m["content"]) { (ctor, fields) throws(SortError) in ctor == "externalResponse" ? try body(fields[0]) : otherwise }
    }

    /// Whether the message is a request (to the API server or to the external system).
    func isRequest(_ m: Term) throws(SortError) -> Term {
        try m["content"].is("apiRequest") || m["content"].is("externalRequest")
    }

    static func etcd(_ s: Term) throws(SortError) -> Term { try s["apiServer"]["etcd"] }

    /// The input of an action, as a term (for example `apiServerHandles.message`).
    func input(_ action: String, _ index: Int = 0) throws -> Term { try machine.action(action).inputs[index].term }

    /// Cases of a message by who sent it and, for reconciles and the built-in controllers, which
    /// request it carries: the split that makes steps of the API server tractable. A reconcile's
    /// requests are split into `controllerRequests` (by default get, create and update) and the rest.
    func senderCases(of m: Term, name: String = "sender",
                     controllerRequests: [String] = ["get", "create", "update"]) throws(SortError) -> CaseSplit {
        func request(_ kind: String) throws(SortError) -> Term { try onAPIRequest(m, otherwise: .false) { (r) throws(SortError) in try r.is(kind) } }
        func otherRequest(_ kinds: [String]) throws(SortError) -> Term {
            try onAPIRequest(m) { (r) throws(SortError) in try !Term.or(kinds.map { (k) throws(SortError) in try r.is(k) }) }
        }
        let source = try m["source"]
        var cases: [NamedTerm] = []
        for k in controllerRequests { cases.append(NamedTerm("controller \(k)", try source.is("controller") && request(k))) }
        cases.append(NamedTerm("controller other", try source.is("controller") && otherRequest(controllerRequests)))
        for k in ["delete", "updateStatus"] { cases.append(NamedTerm("built-in \(k)", try source.is("builtinController") && request(k))) }
        cases.append(NamedTerm("built-in other", try source.is("builtinController") && otherRequest(["delete", "updateStatus"])))
        for host in ["podMonkey", "client"] {
            for k in ["create", "update", "delete"] { cases.append(NamedTerm("\(host) \(k)", try source.is(host) && request(k))) }
            cases.append(NamedTerm("\(host) other", try source.is(host) && otherRequest(["create", "update", "delete"])))
        }
        for host in ["apiServer", "external"] { cases.append(NamedTerm(host, try source.is(host))) }
        return CaseSplit(name, cases: cases)
    }
}
