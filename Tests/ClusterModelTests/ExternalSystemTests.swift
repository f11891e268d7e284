import Controllers
import Testing

/// An external counter: a request adds to it, the response is the new value.
let counterSystem = Result {
    try ExternalSystem(name: "counter", requestSort: .int, responseSort: .int, stateSort: .int, initialState: 0) {
        (request, state, _) throws(SortError) in
        let next = try state + request
        return (next, next)
    }
}

/// A reconciler that adds 1 to the external counter and is done when the counter answers 1
/// (any other answer is an error).
struct CounterBumper: Reconciler {
    let name = "testCounterBumper"
    let external: ExternalSystem
    var resourceSort: Sort { .datatype(K8s.object) }
    /// 0 before the request, 1 waiting for the answer, 2 done, -1 failed.
    var stateSort: Sort { .int }
    var requestSort: Sort { .datatype(external.controllerRequest) }
    var responseSort: Sort { .datatype(external.controllerResponse) }
    var initialState: Term { 0 }

    func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let answeredOne = try response.unwrap(or: .false) { (r) throws(SortError) in
            try .match(r) { (ctor, fields) throws(SortError) in ctor == "external" ? try fields[0] .== 1 : .false }
        }
        return try .ite(state .== 0,
                        .record(stepResult, ["state": 1, "request": .some(external.externalRequest(1))]),
                        .record(stepResult, ["state": .ite(answeredOne, 2, -1), "request": .none(requestSort)]))
    }

    func isDone(_ state: Term) throws -> Term { try state .== 2 }
    func isError(_ state: Term) throws -> Term { try state .== -1 }
}

@Test("a request to the external system is handled by it alone, and its answer reaches the reconcile")
func externalRoundTrip() throws {
    let external = try counterSystem.get()
    let model = try ClusterModel(reconciler: CounterBumper(external: external), resourceKind: .fluentBitConfig, external: external)
    var state = try model.initialValue()
    func run(_ action: String, _ inputs: Term...) throws {
        guard let next = try model.run(action, at: state, inputs: inputs.map { try $0.evaluate() }) else {
            throw Failure("\(action) is not enabled")
        }
        state = next
    }
    func enabled(_ action: String, _ inputs: Term...) throws -> Bool {
        try model.isEnabled(action, at: state, inputs: inputs.map { try $0.evaluate() })
    }
    let key = try ClusterFixture.crKey.get(), network = model.network
    let create = try network.message(source: Network.client, destination: Network.apiServer, rpcId: 0,
                                     content: network.apiRequest(Fixture.create(ClusterFixture.fluentBitConfig("fb"))))
    try run("clientRequest", Fixture.create(ClusterFixture.fluentBitConfig("fb")))
    try run("apiServerHandles", create)
    try run("scheduleReconcile", key)
    try run("startReconcile", key)
    try run("continueReconcile", key, .none(network.messageSort))

    let request = try network.message(source: Network.controller(key), destination: Network.externalSystem, rpcId: 1,
                                      content: network.externalRequest(1))
    #expect(try enabled("externalHandles", request))
    #expect(try !enabled("apiServerHandles", request), "the API server does not handle external requests")
    #expect(try !enabled("dropRequest", request), "only API requests are dropped")
    try run("externalHandles", request)
    #expect(try model.evaluate(at: state) { s in try s["external"] } == .int(1))
    let answer = try network.message(source: Network.externalSystem, destination: Network.controller(key), rpcId: 1,
                                     content: network.externalResponse(1))
    #expect(try model.evaluate(at: state) { s in try s["network"].contains(answer) } == .bool(true))
    try run("continueReconcile", key, .some(answer))
    #expect(try model.evaluate(at: state) { s in
        try s["ongoing"].lookup(key).unwrap(or: -3) { (o) throws(SortError) in try o["localState"] }
    } == .int(2))
    #expect(try enabled("endReconcile", key))
}
