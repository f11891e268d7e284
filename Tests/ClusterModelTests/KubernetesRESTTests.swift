import Controllers
import Testing

/// The REST mapping both ways: HTTP statuses and the model's errors, requests through a client's
/// call and the server's parse, responses through the server's answer and the client's reading.
@Suite struct KubernetesRESTTests {
    /// Every model error survives the trip through an HTTP status and a Status reason.
    @Test(arguments: APIServer.ErrorCode.allCases)
    func everyErrorRoundTrips(code: APIServer.ErrorCode) {
        let (status, reason) = code.http
        #expect(APIServer.ErrorCode(httpStatus: status, reason: reason) == code)
    }

    /// HTTP statuses a real server sends, whatever the reason says.
    @Test(arguments: [
        (404, nil, APIServer.ErrorCode.objectNotFound), (409, "Conflict", .conflict), (409, "AlreadyExists", .objectAlreadyExists),
        (409, nil, .conflict), (422, "Invalid", .invalid), (400, "BadRequest", .badRequest), (403, "Forbidden", .forbidden),
        (405, "MethodNotAllowed", .notSupported), (500, "InternalError", .internalError), (500, nil, .internalError),
        (500, "ServerTimeout", .serverTimeout), (504, "Timeout", .timeout), (408, nil, .timeout), (401, "Unauthorized", .other),
        (429, "TooManyRequests", .other), (503, "ServiceUnavailable", .other),
    ] as [(Int, String?, APIServer.ErrorCode)])
    func statusesMapToTheModelsErrors(status: Int, reason: String?, code: APIServer.ErrorCode) {
        #expect(APIServer.ErrorCode(httpStatus: status, reason: reason) == code)
    }

    static func configMap(rv: Int? = nil, uid: Int? = nil) throws -> Term {
        try K8s.Object.make(.configMap, metadata: K8s.meta(name: "c", namespace: "ns", resourceVersion: rv.map(Term.int), uid: uid.map(Term.int)),
                            spec: .record(K8s.configMapSpec, ["data": Term.emptyMap(.string, .string).inserting("k", "v")]))
    }

    static func requests() throws -> [Value] {
        let key = try K8s.key(.configMap, namespace: "ns", name: "c")
        let zkKey = try K8s.key(.zookeeperCluster, namespace: "ns", name: "zk")
        return try [
            APIServer.Request.create(namespace: "ns", object: configMap()), APIServer.Request.get(key), APIServer.Request.get(zkKey),
            APIServer.Request.update(namespace: "ns", name: "c", object: configMap(rv: 1, uid: 1)),
            APIServer.Request.update(namespace: "ns", name: "c", object: configMap(rv: 1)),
            APIServer.Request.updateStatus(namespace: "ns", name: "c", object: configMap(rv: 2)),
            APIServer.Request.list(K8s.Kind.configMap.term, namespace: "ns"), APIServer.Request.list(K8s.Kind.statefulSet.term, namespace: "ns"),
            APIServer.Request.delete(key, uid: 2), APIServer.Request.delete(key), APIServer.Request.delete(key, uid: 1, resourceVersion: 9),
        ].map { try $0.evaluate() }
    }

    /// A request becomes an HTTP call that the server reads back as the same request.
    @Test func requestsSurviveTheirHTTPCall() throws {
        for request in try Self.requests() {
            let call = try KubernetesREST.call(for: request)
            guard case .resource(let resource)? = KubernetesREST.route(call.path) else {
                Issue.record("no route for \(call.path)")
                continue
            }
            let parsed = try KubernetesREST.request(method: call.method, resource: resource, body: call.body.map { try JSON(parsing: $0.text) },
                                                    strict: true)
            #expect(parsed.request == request, "\(call.method) \(call.path)")
            #expect(parsed.dropped.isEmpty)
        }
    }

    @Test func getThenUpdateHasNoCall() throws {
        let request = try APIServer.Request.getThenUpdate(namespace: "ns", name: "c", ownerRef: K8s.ownerRef(kind: K8s.Kind.simpleCR.term, name: "o", uid: 1),
                                                          object: Self.configMap()).evaluate()
        #expect(throws: KubernetesREST.Failure.self) { try KubernetesREST.call(for: request) }
    }

    /// The model's response to a request, answered over HTTP and read by a client, is the same response.
    @Test func responsesSurviveTheirHTTPAnswer() throws {
        let state = try APIServer.makeState().evaluate()
        var s = state
        for request in try Self.requests() {
            let outcome = try APIServer.handle(state: .literal(s, sort: .datatype(APIServer.state)),
                                               request: .literal(request, sort: .datatype(APIServer.request))).evaluate()
            let (next, response) = (outcome.datatypeFields[0], outcome.datatypeFields[1])
            let call = try KubernetesREST.call(for: request)
            guard case .resource(let resource)? = KubernetesREST.route(call.path) else { continue }
            let answer = KubernetesREST.answer(to: request, response: response, resource: resource, listResourceVersion: 1, failureMessage: "m")
            let read = KubernetesREST.response(to: request, status: answer.status, body: try JSON(parsing: answer.body.text))
            // A list answers with the objects of its kind and namespace only: compare those.
            #expect(Self.listed(read, resource) == Self.listed(response, resource), "\(call.method) \(call.path) answered \(answer.status)")
            #expect(read.responseError == response.responseError)
            s = next
        }
    }

    /// A response with a list's snapshot cut down to the listed kind and namespace.
    static func listed(_ response: Value, _ resource: KubernetesREST.Resource) -> Value {
        guard response.constructorName == "list", response.responseError == nil,
              case .map(let snapshot, _) = response.datatypeFields[0].datatypeFields[0] else { return response }
        let kept = snapshot.filter { $0.key.objectKind == resource.kind && $0.key[field: "namespace"]?.stringValue == resource.namespace }
        return .map(entries: kept, otherwise: nil)
    }

    @Test(arguments: [
        ("/api", KubernetesREST.Route.coreVersions), ("/apis", .groups), ("/version", .version), ("/api/v1", .resources(group: "")),
        ("/apis/apps/v1", .resources(group: "apps")), ("/apis/anvil.dev", .group("anvil.dev")), ("/anvil/v1/external", .external),
        ("/api/v1/namespaces/d/configmaps", .resource(.init(kind: .configMap, namespace: "d"))),
        ("/api/v1/configmaps", .resource(.init(kind: .configMap, namespace: nil))),
        ("/apis/apps/v1/namespaces/d/statefulsets/s/status", .resource(.init(kind: .statefulSet, namespace: "d", name: "s", status: true))),
        ("/apis/anvil.dev/v1/namespaces/d/zk/z", .resource(.init(kind: .zookeeperCluster, namespace: "d", name: "z"))),
        ("/api/v1/namespaces/d/configmaps/a%2Fb", .resource(.init(kind: .configMap, namespace: "d", name: "a/b"))),
    ])
    func routes(path: String, route: KubernetesREST.Route) {
        #expect(KubernetesREST.route(path) == route)
    }

    @Test(arguments: ["/apis/apps/v2/statefulsets", "/api/v1/deployments", "/apis/apps/v1/namespaces/d/configmaps", "/api/v1/namespaces/d/configmaps/c/scale", "/x"])
    func pathsTheModelDoesNotServe(path: String) {
        #expect(KubernetesREST.route(path) == nil)
    }

    @Test func selectors() throws {
        let object = try Self.configMap().evaluate()
        let labelled = object.setting("metadata", object[field: "metadata"]!.setting("labels", .map(entries: [.string("app"): .string("zk")], otherwise: nil)))
        #expect(try KubernetesREST.Selector(labelSelector: "app=zk", fieldSelector: "metadata.name=c").matches(labelled))
        #expect(try !KubernetesREST.Selector(labelSelector: "app!=zk", fieldSelector: nil).matches(labelled))
        #expect(try KubernetesREST.Selector(labelSelector: "!tier", fieldSelector: "metadata.namespace==ns").matches(labelled))
        #expect(throws: KubernetesREST.Failure.self) { try KubernetesREST.Selector(labelSelector: "app in (a,b)", fieldSelector: nil) }
        #expect(throws: KubernetesREST.Failure.self) { try KubernetesREST.Selector(labelSelector: nil, fieldSelector: "spec.x=1") }
    }
}
