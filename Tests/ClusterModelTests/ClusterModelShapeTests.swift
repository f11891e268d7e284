import Controllers
import Testing

/// Every action and its fairness: the spec's assumptions are exactly these.
let fairnessTable: [(action: String, fairness: Fairness)] = [
    ("apiServerHandles", .weakPerInput), ("scheduleReconcile", .weakPerInput), ("startReconcile", .weakPerInput),
    ("continueReconcile", .weakPerInput), ("endReconcile", .weakPerInput), ("restartController", .none),
    ("disableCrash", .weak), ("dropRequest", .none), ("disableRequestDrop", .weak), ("failRequest", .none),
    ("disableAPIErrors", .weak), ("garbageCollect", .weakPerInput), ("writeBuiltinStatus", .none),
    ("stabilize", .weakPerInput), ("externalHandles", .weakPerInput), ("clientRequest", .none), ("podMonkey", .none),
    ("disablePodMonkey", .weak),
]

@Test("the cluster has exactly the listed actions, each with its fairness")
func actionsAndFairness() throws {
    let model = try ClusterRun.model.get()
    #expect(model.machine.actions.map(\.name) == fairnessTable.map(\.action))
    for (action, fairness) in fairnessTable {
        #expect(try model.machine.action(action).fairness == fairness, "\(action)")
    }
}

/// Whether an action is enabled in the initial state with some inputs.
struct InitialGuardCase: Sendable, CustomTestStringConvertible {
    let label: String
    let action: String
    let inputs: @Sendable () throws -> [Term]
    let enabled: Bool
    var testDescription: String { label }
}

private func pod(_ name: String) throws -> Term {
    try K8s.Object.make(.pod, metadata: Fixture.meta(name), spec: Fixture.zero(K8s.podSpec))
}

let initialGuardCases: [InitialGuardCase] = [
    .init(label: "a crash can happen", action: "restartController", inputs: { [] }, enabled: true),
    .init(label: "crashes can be disabled", action: "disableCrash", inputs: { [] }, enabled: true),
    .init(label: "nothing stored to schedule", action: "scheduleReconcile", inputs: { [try ClusterFixture.crKey.get()] }, enabled: false),
    .init(label: "nothing scheduled to start", action: "startReconcile", inputs: { [try ClusterFixture.crKey.get()] }, enabled: false),
    .init(label: "no reconcile to continue", action: "continueReconcile",
          inputs: { try [ClusterFixture.crKey.get(), .none(ClusterRun.model.get().network.messageSort)] }, enabled: false),
    .init(label: "no reconcile to end", action: "endReconcile", inputs: { [try ClusterFixture.crKey.get()] }, enabled: false),
    .init(label: "the client creates a custom resource", action: "clientRequest",
          inputs: { [try Fixture.create(ClusterFixture.fluentBitConfig("fb"))] }, enabled: true),
    .init(label: "the client deletes a custom resource", action: "clientRequest",
          inputs: { [try APIServer.Request.delete(ClusterFixture.crKey.get())] }, enabled: true),
    .init(label: "the client touches only custom resources", action: "clientRequest",
          inputs: { [try Fixture.create(Fixture.configMap("c"))] }, enabled: false),
    .init(label: "the client only writes", action: "clientRequest",
          inputs: { [try APIServer.Request.get(ClusterFixture.crKey.get())] }, enabled: false),
    .init(label: "the pod monkey creates a pod", action: "podMonkey", inputs: { [try Fixture.create(pod("p"))] }, enabled: true),
    .init(label: "the pod monkey writes a pod's status", action: "podMonkey",
          inputs: { [try APIServer.Request.updateStatus(namespace: "default", name: "p", object: pod("p"))] }, enabled: true),
    .init(label: "the pod monkey touches only pods", action: "podMonkey",
          inputs: { [try Fixture.create(Fixture.configMap("c"))] }, enabled: false),
    .init(label: "nothing to collect", action: "garbageCollect", inputs: { [try ClusterFixture.configMapKey.get()] }, enabled: false),
    .init(label: "nothing stored to stabilize", action: "stabilize", inputs: { [try ClusterFixture.configMapKey.get()] }, enabled: false),
    .init(label: "no stateful set to write a status for", action: "writeBuiltinStatus",
          inputs: { [try Fixture.key(.statefulSet, "web"), K8s.noStatus] }, enabled: false),
    .init(label: "the API server handles only in-flight messages", action: "apiServerHandles", inputs: {
        let network = try ClusterRun.model.get().network
        return [try network.message(source: Network.client, destination: Network.apiServer, rpcId: 0,
                                    content: network.apiRequest(Fixture.create(ClusterFixture.fluentBitConfig("fb"))))]
    }, enabled: false),
]

@Test("guards in the initial state", arguments: initialGuardCases)
func initialGuards(_ c: InitialGuardCase) throws {
    let run = try ClusterRun()
    let inputs = try c.inputs()
    #expect(try run.model.isEnabled(c.action, at: run.state, inputs: inputs.map { try $0.evaluate() }) == c.enabled)
}

@Test("the initial state is the spec's init, and a reconciler with the wrong sorts is rejected")
func initialStateAndSortChecks() throws {
    let model = try ClusterRun.model.get()
    let initial = try model.initialValue()
    #expect(try model.machine.initial.at(Term.literal(initial, sort: model.stateSort)).evaluate() == .bool(true))
    #expect(throws: SortError.self, "the reconciler's request sort is not the counter system's") {
        _ = try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig, external: counterSystem.get())
    }
}
