import Controllers
import Testing

/// The error an in-flight API response message carries, or `nil` when it succeeded.
private func responseError(_ run: ClusterRun, _ message: Term) throws -> APIServer.ErrorCode? {
    let error = try run.read { _ in
        try .match(message["content"]) { (ctor, fields) throws(SortError) in
            ctor == "apiResponse" ? try APIServer.responseError(fields[0]) : .none(.datatype(APIServer.error))
        }
    }
    guard case .datatype(_, let c, let fields)? = error.optionPayload ?? nil, fields.isEmpty else { return nil }
    return APIServer.ErrorCode.allCases[c]
}

/// A run with the client's create of the custom resource in flight.
private func createInFlight() throws -> (ClusterRun, request: Term) {
    var run = try ClusterRun()
    try run.run("clientRequest", Fixture.create(ClusterFixture.fluentBitConfig("fb")))
    return (run, try run.theMessage { try ClusterFixture.isAPI($0, from: Network.client, request: true) })
}

@Test("a dropped request becomes a timeout error answering it, and etcd is untouched")
func droppedRequestTimesOut() throws {
    var (run, request) = try createInFlight()
    try run.run("dropRequest", request)
    #expect(try !run.inFlight().contains(request))
    let answer = try run.theMessage { m in try m["destination"] .== Network.client }
    #expect(try run.model.network.isResponse(answer, to: request).evaluate() == .bool(true))
    #expect(try responseError(run, answer) == .timeout)
    #expect(try run.read { s in try s["apiServer"]["etcd"].hasKey(ClusterFixture.crKey.get()) } == .bool(false))
    #expect(try !run.isEnabled("dropRequest", answer), "only requests to the API server can be dropped")
}

@Test("once request drops are disabled, no request is dropped")
func disabledDropsStop() throws {
    var (run, request) = try createInFlight()
    #expect(try run.isEnabled("dropRequest", request))
    try run.run("disableRequestDrop")
    #expect(try !run.isEnabled("dropRequest", request))
    #expect(try !run.isEnabled("disableRequestDrop"))
    #expect(try run.isEnabled("failRequest", request, APIServer.ErrorCode.conflict.term), "API errors have their own switch")
}

@Test("a failed request is answered with exactly the injected error", arguments: APIServer.ErrorCode.allCases)
func failedRequestCarriesItsError(_ code: APIServer.ErrorCode) throws {
    var (run, request) = try createInFlight()
    try run.run("failRequest", request, code.term)
    let answer = try run.theMessage { m in try m["destination"] .== Network.client }
    #expect(try run.model.network.isResponse(answer, to: request).evaluate() == .bool(true))
    #expect(try responseError(run, answer) == code)
    #expect(try run.read { s in try s["apiServer"]["etcd"].hasKey(ClusterFixture.crKey.get()) } == .bool(false))
}

@Test("a stateful set's status is written until it is stable, and again after a write of it")
func builtinStatusUntilStable() throws {
    var run = try ClusterRun()
    let key = try Fixture.key(.statefulSet, "web")
    let stored = try Fixture.statefulSet("web", replicas: 3).with("metadata", Fixture.meta("web", namespace: "default", rv: 0, uid: 0))
    try run.set { s in
        try s.with("apiServer", s["apiServer"].with("etcd", s["apiServer"]["etcd"].inserting(key, stored))
            .with("resourceVersionCounter", 1).with("uidCounter", 1))
    }
    let ready = try K8s.status(.statefulSet, .record(K8s.statefulSetStatus, ["replicas": 3, "readyReplicas": .some(3)]))
    let daemonStatus = try K8s.status(.daemonSet, .record(K8s.daemonSetStatus, ["desiredNumberScheduled": 1, "numberReady": 1]))
    #expect(try !run.isEnabled("writeBuiltinStatus", key, daemonStatus), "a status of another kind")
    try run.run("writeBuiltinStatus", key, ready)
    try run.run("apiServerHandles", run.theMessage { try ClusterFixture.isAPI($0, from: Network.builtinController, request: true) })
    #expect(try run.read { s in try s["apiServer"]["etcd"].lookup(key).unwrap(or: K8s.noStatus) { (o) throws(SortError) in try o["status"] } }
            == ready.evaluate())
    try run.run("stabilize", key)
    #expect(try !run.isEnabled("writeBuiltinStatus", key, ready))

    guard case .int(let rv)?? = try run.read({ s in
        try s["apiServer"]["etcd"].lookup(key).unwrap(or: .none(.int)) { (o) throws(SortError) in try o["metadata"]["resourceVersion"] }
    }).optionPayload else { throw Failure("the stateful set has no resource version") }
    let scaled = try Fixture.statefulSet("web", replicas: 5, rv: rv)
    let update = try run.model.network.message(source: Network.client, destination: Network.apiServer, rpcId: 100,
                                               content: run.model.network.apiRequest(Fixture.update("web", scaled)))
    try run.set { s in try s.with("network", s["network"].inserting(update)) }
    try run.run("apiServerHandles", update)
    #expect(try run.isEnabled("writeBuiltinStatus", key, ready), "the update made the stateful set unstable again")
}
