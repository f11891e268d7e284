import Controllers
import Testing

/// Refused requests: the served cluster answers with a Status naming the field, and its state
/// does not change.
@Suite struct ServedClusterMessagesTests {
    static func cluster() throws -> ServedCluster {
        let entry = try #require(ControllerCatalogue.named("simple"))
        return try ServedCluster(model: ClusterModel(reconciler: entry.reconciler, resourceKind: entry.kind))
    }

    static func send(_ cluster: ServedCluster, _ method: String, _ path: String, _ body: String) throws -> (Int, String) {
        let response = cluster.respond(to: HTTPRequest(method: method, path: path, body: Array(body.utf8)), endpoint: .init())
        guard case .full(let status, _, let bytes, _) = response else { throw JSONError(at: "", "a streamed answer") }
        return (status, try JSON(parsing: bytes)["message"]?.stringValue ?? "")
    }

    static func zookeeper(_ name: String = "zk", replicas: Int, port: Int = 2181, rv: Int? = nil) -> String {
        let meta = rv.map { #"{"name":"\#(name)","resourceVersion":"\#($0)"}"# } ?? #"{"name":"\#(name)"}"#
        return #"{"apiVersion":"anvil.dev/v1","kind":"ZookeeperCluster","metadata":\#(meta),"spec":{"replicas":\#(replicas),"#
            + #""conf":{"syncLimit":2,"minSessionTimeout":1,"maxSessionTimeout":2},"ports":{"client":\#(port)}}}"#
    }

    @Test(arguments: [
        ("POST", "/api/v1/namespaces/d/configmaps",
         #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","ownerReferences":[{"kind":"ConfigMap","name":"a","uid":"1","controller":true},{"kind":"ConfigMap","name":"b","uid":"2","controller":true}]}}"#,
         422, "metadata.ownerReferences: Invalid value: only one reference can have controller set to true"),
        ("POST", "/api/v1/namespaces/d/configmaps",
         #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"other"}}"#,
         400, "the namespace of the provided object (other) does not match the namespace sent on the request (d)"),
        ("POST", "/api/v1/namespaces/d/configmaps", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{}}"#,
         422, "metadata.name: Required value"),
        ("POST", "/apis/anvil.dev/v1/namespaces/d/zookeeperclusters", zookeeper("two", replicas: 2),
         422, "spec.replicas: Invalid value: the model's state validation requires (3 <= spec.replicas)"),
        ("PUT", "/apis/anvil.dev/v1/namespaces/d/zookeeperclusters/zk", zookeeper(replicas: 3, port: 1, rv: 0),
         422, "spec.ports: Invalid value: the model's transition validation"),
        ("PUT", "/apis/anvil.dev/v1/namespaces/d/zookeeperclusters/zk", zookeeper(replicas: 3),
         422, "metadata.resourceVersion: Invalid value: 0: must be specified for an update"),
        ("PUT", "/api/v1/namespaces/d/configmaps/x", #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"y"}}"#,
         400, "the name of the object (y) does not match the name on the URL (x)"),
        ("DELETE", "/api/v1/namespaces/d/configmaps/absent", "", 404, #"configmaps "absent" not found"#),
    ] as [(String, String, String, Int, String)])
    func refusedRequestsNameTheProblem(method: String, path: String, body: String, status: Int, message: String) throws {
        let cluster = try Self.cluster()
        let created = try Self.send(cluster, "POST", "/apis/anvil.dev/v1/namespaces/d/zookeeperclusters", Self.zookeeper(replicas: 3))
        #expect(created.0 == 201, "\(created.1)")
        let before = cluster.read { $0[field: "apiServer"]?[field: "etcd"] }
        let (answered, text) = try Self.send(cluster, method, path, body)
        #expect(answered == status)
        #expect(text.contains(message), "\(text)")
        #expect(cluster.read { $0[field: "apiServer"]?[field: "etcd"] } == before)
    }
}
