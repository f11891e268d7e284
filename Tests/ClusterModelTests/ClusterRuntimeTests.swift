import Controllers
import Testing

/// The client creates the custom resource, the API server stores it, and its reconcile is scheduled and started.
private func startedReconcile() throws -> ClusterRun {
    var run = try ClusterRun()
    let key = try ClusterFixture.crKey.get()
    try run.run("clientRequest", Fixture.create(ClusterFixture.fluentBitConfig("fb")))
    try run.run("apiServerHandles", run.theMessage { try ClusterFixture.isAPI($0, from: Network.client, request: true) })
    try run.run("scheduleReconcile", key)
    try run.run("startReconcile", key)
    return run
}

/// The in-flight request the reconcile of the custom resource sent.
private func pendingRequest(_ run: ClusterRun) throws -> Term {
    try run.theMessage { try ClusterFixture.isAPI($0, from: Network.controller(ClusterFixture.crKey.get()), request: true) }
}

/// The in-flight response to the reconcile's request with `rpcId`.
private func response(_ run: ClusterRun, rpcId: Term) throws -> Term {
    try run.theMessage { m in try m["destination"] .== Network.controller(ClusterFixture.crKey.get()) && m["rpcId"] .== rpcId }
}

private func localState(_ run: ClusterRun) throws -> Value {
    try run.read { s in try s["ongoing"].lookup(ClusterFixture.crKey.get()).unwrap(or: -2) { (o) throws(SortError) in try o["localState"] } }
}

@Test("a stale response left in flight by a crash never answers the restarted reconcile's request")
func staleResponseAfterRestart() throws {
    var run = try startedReconcile()
    let key = try ClusterFixture.crKey.get()
    let nothing = Term.none(run.model.network.messageSort)
    try run.run("continueReconcile", key, nothing)
    #expect(try !run.isEnabled("continueReconcile", key, nothing), "a request is pending, so the step needs its response")
    let firstGet = try pendingRequest(run)
    try run.run("apiServerHandles", firstGet)
    let stale = try response(run, rpcId: firstGet["rpcId"])
    try run.run("restartController")
    #expect(try !run.isEnabled("continueReconcile", key, .some(stale)), "no reconcile is running after the crash")

    try run.run("scheduleReconcile", key)
    try run.run("startReconcile", key)
    try run.run("continueReconcile", key, nothing)
    let secondGet = try pendingRequest(run)
    #expect(try run.model.network.isResponse(stale, to: secondGet).evaluate() == .bool(false))
    #expect(try !run.isEnabled("continueReconcile", key, .some(stale)), "same hosts and request kind, but an old rpc id")
    try run.run("apiServerHandles", secondGet)
    let fresh = try response(run, rpcId: secondGet["rpcId"])
    #expect(try !run.isEnabled("continueReconcile", key, .some(stale)))
    try run.run("continueReconcile", key, .some(fresh))
    #expect(try localState(run) == .int(2), "the step consumed the fresh get response and sent the create")
    #expect(try run.inFlight().contains(stale), "the stale response stays in flight, unmatched")
    #expect(try !run.inFlight().contains(fresh))
}

@Test("a reconcile runs to its end: get, create of the owned config map, done, ended")
func reconcileRunsToItsEnd() throws {
    var run = try startedReconcile()
    let key = try ClusterFixture.crKey.get(), nothing = Term.none(run.model.network.messageSort)
    try run.run("continueReconcile", key, nothing)
    for phase in [2, 3] {
        let request = try pendingRequest(run)
        try run.run("apiServerHandles", request)
        #expect(try !run.isEnabled("endReconcile", key))
        try run.run("continueReconcile", key, .some(response(run, rpcId: request["rpcId"])))
        #expect(try localState(run) == .int(phase))
    }
    #expect(try run.inFlight { try ClusterFixture.isAPI($0, from: Network.controller(key), request: true) }.isEmpty)
    #expect(try !run.isEnabled("continueReconcile", key, nothing), "a done reconcile takes no step")
    try run.run("endReconcile", key)
    #expect(try run.read { s in try s["ongoing"].hasKey(key) } == .bool(false))
    #expect(try run.read { s in try s["apiServer"]["etcd"].hasKey(ClusterFixture.configMapKey.get()) } == .bool(true))
}

@Test("the garbage collector deletes the config map once its owner is gone, and only then")
func garbageCollectorDeletesOrphans() throws {
    var run = try startedReconcile()
    let key = try ClusterFixture.crKey.get(), configMap = try ClusterFixture.configMapKey.get()
    try run.run("continueReconcile", key, .none(run.model.network.messageSort))
    for _ in 0..<2 {
        let request = try pendingRequest(run)
        try run.run("apiServerHandles", request)
        try run.run("continueReconcile", key, .some(response(run, rpcId: request["rpcId"])))
    }
    #expect(try run.read { s in try s["apiServer"]["etcd"].hasKey(configMap) } == .bool(true))
    #expect(try !run.isEnabled("garbageCollect", configMap), "the owner is alive")

    try run.run("clientRequest", APIServer.Request.delete(key))
    try run.run("apiServerHandles", run.theMessage { try ClusterFixture.isAPI($0, from: Network.client, request: true) })
    #expect(try run.isEnabled("garbageCollect", configMap))
    try run.run("garbageCollect", configMap)
    let delete = try run.theMessage { try ClusterFixture.isAPI($0, from: Network.builtinController, request: true) }
    let storedUid = try run.read { s in try s["apiServer"]["etcd"].lookup(configMap).unwrap(or: .none(.int)) { (o) throws(SortError) in
        try o["metadata"]["uid"]
    } }
    let expected = try APIServer.Request.delete(configMap, uid: Term.literal(storedUid, sort: .option(.int)).unwrap(or: -1) { $0 })
    #expect(try delete["content"].evaluate() == run.model.network.apiRequest(expected).evaluate())
    try run.run("apiServerHandles", delete)
    #expect(try run.read { s in try s["apiServer"]["etcd"].hasKey(configMap) } == .bool(false))
    #expect(try !run.isEnabled("garbageCollect", configMap))
}
