import Controllers
import Testing

/// One request of a scenario, the outcome it must have, and facts that must hold afterwards.
struct Step: Sendable {
    let request: @Sendable () throws -> Term
    let expected: APIServer.ErrorCode?
    let checks: [Check]

    /// A request that must succeed.
    static func ok(_ request: @autoclosure @escaping @Sendable () throws -> Term, _ checks: Check...) -> Step {
        Step(request: request, expected: nil, checks: checks)
    }

    /// A request that must fail with `code`.
    static func fails(_ code: APIServer.ErrorCode, _ request: @autoclosure @escaping @Sendable () throws -> Term,
                      _ checks: Check...) -> Step {
        Step(request: request, expected: code, checks: checks)
    }
}

/// A Bool term over the state and the last response that must evaluate to true.
struct Check: Sendable {
    let label: String
    let holds: @Sendable (_ state: Term, _ response: Term) throws -> Term

    /// The object under `key` is stored and satisfies `property`.
    static func stored(_ label: String, _ key: @escaping @Sendable () throws -> Term,
                       _ property: @escaping @Sendable (Term) throws -> Term = { _ in .true }) -> Check {
        Check(label: label) { state, _ in
            try state["etcd"].lookup(key()).unwrap(or: .false) { (obj) throws(SortError) in
                do { return try property(obj) } catch let e as SortError { throw e } catch { throw SortError("\(error)") }
            }
        }
    }

    /// Nothing is stored under `key`.
    static func absent(_ label: String, _ key: @escaping @Sendable () throws -> Term) -> Check {
        Check(label: label) { state, _ in try !state["etcd"].hasKey(key()) }
    }

    /// The resource-version counter has this value.
    static func rvCounter(_ n: Int) -> Check {
        Check(label: "rv counter is \(n)") { state, _ in try state["resourceVersionCounter"] .== .int(n) }
    }
}

struct Scenario: Sendable, CustomTestStringConvertible {
    let name: String
    let steps: [Step]
    var testDescription: String { name }
    init(_ name: String, _ steps: [Step]) { self.name = name; self.steps = steps }
}

private func rv(_ obj: Term) throws(SortError) -> Term { try K8s.ObjectMeta.resourceVersion(K8s.Object.metadata(obj)) }
private func data(_ obj: Term) throws(SortError) -> Term {
    try K8s.Object.withSpec(obj, as: .configMap, otherwise: .emptyMap(.string, .string)) { (spec) throws(SortError) in try spec["data"] }
}
private let cmA: @Sendable () throws(SortError) -> Term = { try Fixture.key(.configMap, "a") }
private let zkKey: @Sendable () throws(SortError) -> Term = { try Fixture.key(.zookeeperCluster, "zk") }
private let fbOwner: @Sendable () throws(SortError) -> Term = { try Fixture.controllerRef(.fluentBit, "fb", uid: 7) }

let apiScenarios: [Scenario] = [
    Scenario("a stale resourceVersion conflicts", [
        .ok(try Fixture.create(Fixture.configMap("a"))),
        .ok(try Fixture.update("a", Fixture.configMap("a", data: ["k": "v2"], rv: 1)),
            .stored("a has rv 2", cmA) { try rv($0) .== .some(2) }),
        .fails(.conflict, try Fixture.update("a", Fixture.configMap("a", data: ["k": "v3"], rv: 1)),
               .stored("a keeps v2", cmA) { try data($0) .== Fixture.map(["k": "v2"]) }),
    ]),
    Scenario("generateName gives two creates distinct names", [
        .ok(try Fixture.create(Fixture.configMap(nil, generateName: "cm-"))),
        .ok(try Fixture.create(Fixture.configMap(nil, generateName: "cm-")),
            .stored("cm-1 exists", { try Fixture.key(.configMap, "cm-1") }),
            .stored("cm-2 exists", { try Fixture.key(.configMap, "cm-2") }),
            Check(label: "response names cm-2") { _, r in
                try APIServer.responseObject(r).unwrap(or: .false) { (obj) throws(SortError) in
                    try obj["metadata"]["name"] .== .some("cm-2")
                }
            }),
    ]),
    Scenario("a finalizer delays deletion until an update removes it", [
        .ok(try Fixture.create(Fixture.configMap("a", finalizers: ["f"]))),
        .ok(try APIServer.Request.delete(cmA()),
            .stored("a is marked for deletion", cmA) { try $0["metadata"]["deletionTimestamp"].isSome && rv($0) .== .some(2) }),
        .ok(try APIServer.Request.delete(cmA()), .rvCounter(3),
            .stored("a second delete changes nothing", cmA) { try rv($0) .== .some(2) }),
        .fails(.forbidden, try Fixture.update("a", Fixture.configMap("a", rv: 2, finalizers: ["f", "g"]))),
        .ok(try Fixture.update("a", Fixture.configMap("a", rv: 2)), .absent("a is gone", cmA), .rvCounter(4)),
    ]),
    Scenario("a no-op update keeps the resourceVersion", [
        .ok(try Fixture.create(Fixture.configMap("a"))),
        .ok(try Fixture.update("a", Fixture.configMap("a", rv: 1)), .rvCounter(2),
            .stored("a keeps rv 1", cmA) { try rv($0) .== .some(1) }),
        .ok(try Fixture.update("a", Fixture.configMap("a", data: ["k": "w"], rv: 1)), .rvCounter(3)),
    ]),
    Scenario("get-then-update by a non-owner aborts; by the owner it ignores a stale rv", [
        .ok(try Fixture.create(Fixture.configMap("a", owners: [fbOwner()]))),
        .fails(.transactionAbort, try APIServer.Request.getThenUpdate(
            namespace: "default", name: "a", ownerRef: Fixture.controllerRef(.fluentBit, "other", uid: 8),
            object: Fixture.configMap("a", data: ["k": "x"], owners: [fbOwner()]))),
        .fails(.badRequest, try APIServer.Request.getThenUpdate(
            namespace: "default", name: "a", ownerRef: Fixture.controllerRef(.fluentBit, "fb", uid: 7, controller: false),
            object: Fixture.configMap("a", data: ["k": "x"], owners: [fbOwner()]))),
        .ok(try APIServer.Request.getThenUpdate(
            namespace: "default", name: "a", ownerRef: fbOwner(),
            object: Fixture.configMap("a", data: ["k": "x"], rv: 99, owners: [fbOwner()])),
            .stored("a has the new data", cmA) { try data($0) .== Fixture.map(["k": "x"]) }),
    ]),
    Scenario("get-then-delete needs the owner", [
        .ok(try Fixture.create(Fixture.configMap("a", owners: [fbOwner()]))),
        .fails(.transactionAbort, try APIServer.Request.getThenDelete(
            cmA(), ownerRef: Fixture.controllerRef(.fluentBit, "fb", uid: 8))),
        .fails(.objectNotFound, try APIServer.Request.getThenDelete(Fixture.key(.configMap, "b"), ownerRef: fbOwner())),
        .ok(try APIServer.Request.getThenDelete(cmA(), ownerRef: fbOwner()), .absent("a is gone", cmA)),
    ]),
    Scenario("delete checks uid and resourceVersion preconditions", [
        .ok(try Fixture.create(Fixture.configMap("a"))),
        .fails(.conflict, try APIServer.Request.delete(cmA(), uid: 5), .stored("a is still there", cmA)),
        .fails(.conflict, try APIServer.Request.delete(cmA(), resourceVersion: 5)),
        .ok(try APIServer.Request.delete(cmA(), uid: 1, resourceVersion: 1), .absent("a is gone", cmA), .rvCounter(3)),
        .fails(.objectNotFound, try APIServer.Request.delete(cmA())),
    ]),
    Scenario("at most one controller owner reference", [
        .fails(.invalid, try Fixture.create(Fixture.configMap("a", owners: [
            fbOwner(), Fixture.controllerRef(.fluentBit, "fb2", uid: 8),
        ])), .absent("a was not created", cmA), .rvCounter(1)),
        .ok(try Fixture.create(Fixture.configMap("a", owners: [
            fbOwner(), Fixture.controllerRef(.fluentBit, "fb2", uid: 8, controller: false),
        ]))),
    ]),
    Scenario("create admission", [
        .fails(.invalid, try Fixture.create(Fixture.configMap(nil))),
        .fails(.badRequest, try Fixture.create(Fixture.configMap("a", namespace: "other"))),
        .fails(.badRequest, try Fixture.create(Fixture.configMap("a").with("kind", K8s.Kind.secret.term))),
        .ok(try Fixture.create(Fixture.configMap("a", namespace: "default", rv: 42, uid: 42)),
            .stored("a got rv 1 and uid 1", cmA) { try rv($0) .== .some(1) && $0["metadata"]["uid"] .== .some(1) }),
        .fails(.objectAlreadyExists, try Fixture.create(Fixture.configMap("a"))),
        .ok(try APIServer.Request.get(cmA()), Check(label: "get returns a") { state, r in
            try APIServer.responseObject(r) .== state["etcd"].lookup(cmA())
        }),
        .fails(.objectNotFound, try APIServer.Request.get(Fixture.key(.secret, "a"))),
        .ok(try Fixture.update("a", Fixture.configMap("a", data: ["k": "x"])),
            .stored("a built-in kind updates without an rv", cmA) { try rv($0) .== .some(2) }),
    ]),
    Scenario("ZookeeperCluster validation", [
        .fails(.invalid, try Fixture.create(Fixture.zookeeper("zk", replicas: 2))),
        .ok(try Fixture.create(Fixture.zookeeper("zk", replicas: 3))),
        .fails(.invalid, try Fixture.update("zk", Fixture.zookeeper("zk", replicas: 3, clientPort: 2182, rv: 1))),
        .fails(.invalid, try Fixture.update("zk", Fixture.zookeeper("zk", replicas: 5))),
        .ok(try Fixture.update("zk", Fixture.zookeeper("zk", replicas: 5, rv: 1)),
            .stored("zk has 5 replicas", zkKey) { obj in
                try K8s.Object.withSpec(obj, as: .zookeeperCluster, otherwise: .false) { (spec) throws(SortError) in try spec["replicas"] .== 5 }
            }),
    ]),
    Scenario("update-status replaces only the status; update keeps it", [
        .ok(try Fixture.create(Fixture.zookeeper("zk", replicas: 3))),
        .ok(try APIServer.Request.updateStatus(
            namespace: "default", name: "zk", object: Fixture.zookeeper("zk", replicas: 9, rv: 1, readyReplicas: 2)),
            .stored("zk has status 2 and still 3 replicas", zkKey) { obj in
                try K8s.Object.withStatus(obj, as: .zookeeperCluster, otherwise: .false) { (status) throws(SortError) in try status["readyReplicas"] .== 2 }
                    && K8s.Object.withSpec(obj, as: .zookeeperCluster, otherwise: .false) { (spec) throws(SortError) in try spec["replicas"] .== 3 }
            }),
        .fails(.badRequest, try APIServer.Request.updateStatus(
            namespace: "default", name: "zk", object: Fixture.zookeeper("zk", replicas: 3, rv: 2).with(
                "status", K8s.status(.statefulSet, Fixture.zero(K8s.statefulSetStatus))))),
        .ok(try Fixture.update("zk", Fixture.zookeeper("zk", replicas: 4, rv: 2)),
            .stored("zk keeps status 2", zkKey) { obj in
                try K8s.Object.withStatus(obj, as: .zookeeperCluster, otherwise: .false) { (status) throws(SortError) in try status["readyReplicas"] .== 2 }
            }),
    ]),
    Scenario("RabbitmqCluster replicas never decrease", [
        .ok(try Fixture.create(Fixture.rabbitmq("rmq", replicas: 3))),
        .fails(.invalid, try Fixture.update("rmq", Fixture.rabbitmq("rmq", replicas: 2, rv: 1))),
        .ok(try Fixture.update("rmq", Fixture.rabbitmq("rmq", replicas: 4, rv: 1))),
    ]),
    Scenario("a stateful set's serviceName is immutable, its replicas are not", [
        .ok(try Fixture.create(Fixture.statefulSet("sts", replicas: 1))),
        .fails(.invalid, try Fixture.update("sts", Fixture.statefulSet("sts", replicas: 1, serviceName: "other", rv: 1))),
        .ok(try Fixture.update("sts", Fixture.statefulSet("sts", replicas: 3))),
    ]),
    Scenario("list includes exactly the objects of its kind and namespace", [
        .ok(try Fixture.create(Fixture.configMap("a"))),
        .ok(try Fixture.create(Fixture.configMap("b"), namespace: "other")),
        .ok(try Fixture.create(Fixture.secret("a"))),
        .ok(try APIServer.Request.list(K8s.Kind.configMap.term, namespace: "default"),
            Check(label: "lists config map a") { _, r in try APIServer.listIncludes(r, key: cmA()) },
            Check(label: "omits the other namespace") { _, r in
                try !APIServer.listIncludes(r, key: Fixture.key(.configMap, "b", namespace: "other"))
            },
            Check(label: "omits the secret") { _, r in try !APIServer.listIncludes(r, key: Fixture.key(.secret, "a")) },
            Check(label: "omits absent objects") { _, r in try !APIServer.listIncludes(r, key: Fixture.key(.configMap, "z")) },
            Check(label: "listed object is the stored one") { state, r in
                try APIServer.listedObject(r, key: cmA()) .== state["etcd"].lookup(cmA())
            }),
    ]),
]

@Test("API server request scenarios", arguments: apiScenarios)
func apiServerScenario(_ scenario: Scenario) throws {
    var simulation = try Simulation()
    for (i, step) in scenario.steps.enumerated() {
        try simulation.send(step.request())
        #expect(try simulation.lastError() == step.expected, "step \(i + 1)")
        for check in step.checks {
            #expect(try simulation.read(check.holds) == .bool(true), "step \(i + 1): \(check.label)")
        }
    }
}

@Test("handleRequest gives the state and response of the outcome")
func handleRequestProjectsOutcome() throws {
    let state = try APIServer.makeState()
    for request in [try Fixture.create(Fixture.configMap("a")), try APIServer.Request.get(Fixture.key(.configMap, "a"))] {
        let outcome = try APIServer.handle(state: state, request: request).evaluate()
        let (newState, response) = try APIServer.handleRequest(state: state, request: request)
        #expect(outcome == .datatype(APIServer.outcome, constructor: 0, fields: [try newState.evaluate(), try response.evaluate()]))
    }
}
