/// The cluster for one controller as the actions see it: the state's datatypes, the reconciler's
/// terms, and the helpers the actions share. `ClusterModel` builds one and keeps its machine.
struct Cluster {
    let name: String
    let resourceKind: K8s.Kind
    let userWritable: [K8s.Kind]
    let external: ExternalSystem
    let network: Network
    let ongoingReconcile: DatatypeDecl
    let state: DatatypeDecl
    let reconcile: ReconcileTerms

    /// The reconciler's step, done and error terms over its own variables, checked once here.
    struct ReconcileTerms {
        let resource: Variable, response: Variable, local: Variable
        let initialState: Term, step: Term, done: Term, error: Term

        /// `ReconcileStep {state, request}` for the custom resource `cr`, the response and the local state.
        func step(resource cr: Term, response r: Term, local: Term) -> Term {
            step.substituting([resource: cr, response: r, self.local: local])
        }
        func isDone(_ local: Term) -> Term { done.substituting([self.local: local]) }
        func isError(_ local: Term) -> Term { error.substituting([self.local: local]) }
    }

    init(reconciler: any Reconciler, resourceKind: K8s.Kind, userWritable: [K8s.Kind], external: ExternalSystem) throws {
        let who = "reconciler '\(reconciler.name)'"
        guard reconciler.resourceSort == .datatype(K8s.object) else {
            throw SortError("\(who) reads its custom resource as \(reconciler.resourceSort); the cluster hands it an Object")
        }
        guard reconciler.requestSort == .datatype(external.controllerRequest),
              reconciler.responseSort == .datatype(external.controllerResponse) else {
            throw SortError("\(who) sends \(reconciler.requestSort) and receives \(reconciler.responseSort); the cluster carries "
                + "\(external.controllerRequest.name) and \(external.controllerResponse.name)")
        }
        let resource = Variable("reconcile.cr", reconciler.resourceSort)
        let response = Variable("reconcile.response", .option(reconciler.responseSort))
        let local = Variable("reconcile.state", reconciler.stateSort)
        let initialState = try reconciler.initialState
        let step = try reconciler.step(resource: resource.term, response: response.term, state: local.term)
        let done = try reconciler.isDone(local.term), error = try reconciler.isError(local.term)
        guard initialState.sort == reconciler.stateSort, initialState.freeVariables.isEmpty else {
            throw SortError("\(who): the initial state must be a closed term of \(reconciler.stateSort)")
        }
        guard step.sort == .datatype(reconciler.stepResult) else {
            throw SortError("\(who): step returns \(step.sort), expected \(reconciler.stepResult.name)")
        }
        guard done.sort == .bool, error.sort == .bool else { throw SortError("\(who): isDone and isError must be Bool") }
        let allowed: Set<Variable> = [resource, response, local]
        for (what, t) in [("step", step), ("isDone", done), ("isError", error)] where !t.freeVariables.isSubset(of: allowed) {
            let extra = t.freeVariables.subtracting(allowed).map(\.name).sorted()
            throw SortError("\(who): \(what) mentions variables other than its arguments: \(extra)")
        }
        let network = Network(external: external)
        self.name = reconciler.name
        self.resourceKind = resourceKind
        self.userWritable = userWritable
        self.external = external
        self.network = network
        reconcile = ReconcileTerms(resource: resource, response: response, local: local, initialState: initialState,
                                   step: step, done: done, error: error)
        ongoingReconcile = .record("OngoingReconcile<\(reconciler.typeName)>", [
            .init("triggeringResource", .datatype(K8s.object)), .init("pendingRequest", .option(network.messageSort)),
            .init("localState", reconciler.stateSort),
        ])
        let keySort = Sort.datatype(K8s.objectKey)
        state = .record("ClusterState<\(reconciler.typeName)>", [
            .init("apiServer", .datatype(APIServer.state)),
            .init("network", .set(network.messageSort)),
            .init("rpcIdCounter", .int),
            .init("scheduled", .map(keySort, .datatype(K8s.object))),
            .init("ongoing", .map(keySort, .datatype(ongoingReconcile))),
            .init("crashEnabled", .bool),
            .init("requestDropEnabled", .bool),
            .init("apiErrorEnabled", .bool),
            .init("podMonkeyEnabled", .bool),
            .init("stableKeys", .set(keySort)),
            .init("external", external.stateSort),
        ])
    }

    var stateSort: Sort { .datatype(state) }

    /// The state of a fresh cluster: empty etcd and network, all counters 0, nothing scheduled or
    /// running, every failure switch on, nothing stable, the external system in its initial state.
    func initialState() throws(SortError) -> Term {
        let keySort = Sort.datatype(K8s.objectKey)
        return try .record(state, [
            "apiServer": APIServer.makeState(resourceVersionCounter: 0, uidCounter: 0, generateNameCounter: 0),
            "network": .emptySet(network.messageSort),
            "rpcIdCounter": 0,
            "scheduled": .emptyMap(keySort, .datatype(K8s.object)),
            "ongoing": .emptyMap(keySort, .datatype(ongoingReconcile)),
            "crashEnabled": true, "requestDropEnabled": true, "apiErrorEnabled": true, "podMonkeyEnabled": true,
            "stableKeys": .emptySet(keySort),
            "external": external.initialState,
        ])
    }

    // MARK: Shared pieces of actions

    func etcd(_ s: Term) throws(SortError) -> Term { try s["apiServer"]["etcd"] }

    /// `s` with `content` sent from `source` to `destination` under a fresh rpc id.
    func send(_ s: Term, from source: Term, to destination: Term, content: Term) throws(SortError) -> Term {
        let counter = try s["rpcIdCounter"]
        let sent = try network.message(source: source, destination: destination, rpcId: counter, content: content)
        return try s.with("network", s["network"].inserting(sent)).with("rpcIdCounter", counter + 1)
    }

    /// `s` with the in-flight `request` replaced by `reply`.
    func replace(_ s: Term, _ request: Term, by reply: Term) throws(SortError) -> Term {
        try s.with("network", s["network"].removing(request).inserting(reply))
    }

    /// `message` is in flight, addressed to `destination`, with content built by `variant`.
    func inFlight(_ s: Term, _ message: Term, to destination: Term, _ variant: String) throws(SortError) -> Term {
        try .and([s["network"].contains(message), message["destination"] .== destination, message["content"].is(variant)])
    }

    /// `body(payload)` when the message's content is `variant(payload)`, else `s` unchanged.
    func onContent(_ s: Term, _ message: Term, _ variant: String,
                   _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
        try .match(message["content"]) { (ctor, fields) throws(SortError) in ctor == variant ? try body(fields[0]) : s }
    }
}
