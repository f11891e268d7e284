import Controllers
import Testing

/// The config-map writer's cluster in which users may also write secrets (as FluentBit's
/// configuration secret needs).
private let secretWritingModel = Result {
    try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig, userWritable: [.secret])
}

@Test("a user may write objects of the kinds the model lets users write, and no other kind")
func userWritesOfOptedInKinds() throws {
    let secret = try Fixture.create(Fixture.secret("config"))
    #expect(try !ClusterRun().isEnabled("clientRequest", secret), "by default users write only the controller's custom resources")
    #expect(try !ClusterRun(secretWritingModel.get()).isEnabled("clientRequest", Fixture.create(Fixture.configMap("cm"))))

    var run = try ClusterRun(secretWritingModel.get())
    try run.run("clientRequest", secret)
    try run.run("apiServerHandles", run.theMessage { try ClusterFixture.isAPI($0, from: Network.client, request: true) })
    #expect(try run.read { s in try s["apiServer"]["etcd"].hasKey(Fixture.key(.secret, "config")) } == .bool(true))
    try run.run("clientRequest", APIServer.Request.delete(Fixture.key(.secret, "config")))
    try run.run("clientRequest", Fixture.create(ClusterFixture.fluentBitConfig("fb")))
}

@Test("the controller's own resource kind is refused as a user-writable kind")
func userWritableRefusesTheResourceKind() {
    #expect(throws: SortError.self) { try ClusterModel(reconciler: ConfigMapWriter(), resourceKind: .fluentBitConfig, userWritable: [.fluentBitConfig]) }
}
