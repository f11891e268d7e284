import Foundation

/// The served cluster as a Kubernetes API endpoint: discovery, the resource paths of every kind
/// the model has (GET, LIST, WATCH, POST, PUT, PATCH, DELETE and `/status`), and the external
/// system at `/anvil/v1/external`.
extension ServedCluster {
    /// How the endpoint answers.
    public struct Endpoint: Sendable {
        /// When set, every request must carry `Authorization: Bearer <token>`.
        public var token: String?
        /// With a token: a request without credentials is served anyway (as Kubernetes'
        /// `--anonymous-auth`; RBAC is not modelled); wrong credentials are still refused.
        /// `kubectl` sends no credentials to an http:// server, so it needs this.
        public var anonymousAuth = false
        /// The version `/version` reports.
        public var version = "v1.30.0+anvil-model"
        public init(token: String? = nil) { self.token = token }
    }

    /// The answer to one HTTP request. With a token, everything but `/version` and the health
    /// checks needs it (401 without, unless `anonymousAuth`).
    public func respond(to request: HTTPRequest, endpoint: Endpoint) -> HTTPResponse {
        // As Kubernetes' public-info-viewer role: version and health need no credentials.
        let isPublic = ["/version", "/healthz", "/livez", "/readyz"].contains(request.path)
        let credentials = request.headers["authorization"]
        if let token = endpoint.token, !isPublic, credentials != "Bearer \(token)", credentials != nil || !endpoint.anonymousAuth {
            return .json(401, .members(["kind": "Status", "apiVersion": "v1", "metadata": .object([]), "status": "Failure",
                                        "message": "Unauthorized", "reason": "Unauthorized", "code": 401]))
        }
        if ["/healthz", "/livez", "/readyz"].contains(request.path) {
            return .full(status: 200, contentType: "text/plain", body: Array("ok".utf8))
        }
        guard let route = KubernetesREST.route(request.path) else {
            return .json(404, KubernetesREST.status(.objectNotFound, "the server could not find the requested resource (\(request.path))"))
        }
        do {
            switch route {
            case .coreVersions: return .json(200, Discovery.coreVersions)
            case .groups: return .json(200, Discovery.groupList)
            case .group(let g): return .json(200, Discovery.group(g))
            case .resources(let g): return .json(200, Discovery.resourceList(group: g))
            case .version: return .json(200, Discovery.version(endpoint.version))
            case .external: return try external(request)
            case .resource(let resource): return try serve(resource, request)
            }
        } catch let failure as KubernetesREST.Failure {
            return .json(failure.code.http.status, KubernetesREST.status(failure.code, failure.message))
        } catch {
            return .json(500, KubernetesREST.status(.internalError, "\(error)"))
        }
    }

    private func serve(_ resource: KubernetesREST.Resource, _ request: HTTPRequest) throws -> HTTPResponse {
        let selector = try KubernetesREST.Selector(labelSelector: request.query["labelSelector"], fieldSelector: request.query["fieldSelector"])
        if request.method == "GET", resource.name == nil, ["true", "1"].contains(request.query["watch"] ?? "") {
            return watch(resource, request, selector)
        }
        let validation = request.query["fieldValidation"] ?? "Warn"
        guard ["Strict", "Warn", "Ignore"].contains(validation) else {
            throw KubernetesREST.Failure(.badRequest, "fieldValidation: expected Strict, Warn or Ignore, got '\(validation)'")
        }
        let strict = validation == "Strict"
        let body: JSON? = request.body.isEmpty ? nil : try Self.parseBody(request.body)
        let modelRequest: Value, dropped: [String], outcome: Outcome
        if request.method == "PATCH" {
            (modelRequest, dropped, outcome) = try patch(resource, request, body, strict: strict)
        } else {
            let method = request.method == "GET" && resource.status ? "GET" : request.method
            let plain = resource.status && method == "GET" ? KubernetesREST.Resource(kind: resource.kind, namespace: resource.namespace, name: resource.name) : resource
            (modelRequest, dropped) = try KubernetesREST.request(method: method, resource: plain, body: body, strict: strict)
            outcome = try handle(modelRequest)
        }
        let code = outcome.response.responseError
        let message = code.map { failureMessage(modelRequest, outcome, $0, resource: resource) } ?? ""
        let answer = KubernetesREST.answer(to: modelRequest, response: outcome.response, resource: resource,
                                           listResourceVersion: outcome.resourceVersion,
                                           selector: selector, failureMessage: message)
        var headers: [String: String] = [:]
        if validation == "Warn", !dropped.isEmpty {
            headers["Warning"] = dropped.map { "299 - \"unknown field \\\"\($0)\\\" (not in the model; dropped)\"" }.joined(separator: ", ")
        }
        return .json(answer.status, answer.body, headers: headers)
    }

    static func parseBody(_ bytes: [UInt8]) throws(KubernetesREST.Failure) -> JSON {
        do { return try JSON(parsing: bytes) } catch {
            throw KubernetesREST.Failure(.badRequest, "the body is not JSON: \(error)")
        }
    }

    // MARK: Patch

    /// A PATCH: the model has none, so it is a get and then an update (or update-status) of the
    /// patched object, with no request in between. JSON merge patches are applied as RFC 7386
    /// says; strategic merge patches the same way, their `$` directives dropped (lists are replaced).
    private func patch(_ resource: KubernetesREST.Resource, _ request: HTTPRequest, _ body: JSON?,
                       strict: Bool) throws -> (Value, [String], Outcome) {
        guard let name = resource.name, let namespace = resource.namespace else {
            throw KubernetesREST.Failure(.notSupported, "PATCH needs an object's URL")
        }
        let type = (request.headers["content-type"] ?? "").split(separator: ";").first.map(String.init) ?? ""
        guard ["application/merge-patch+json", "application/strategic-merge-patch+json"].contains(type) else {
            throw KubernetesREST.Failure(.notSupported, "patch type '\(type)' is not supported (merge-patch+json and strategic-merge-patch+json are)")
        }
        guard let body, body.objectPairs != nil else { throw KubernetesREST.Failure(.badRequest, "the patch must be a JSON object") }
        let patch = type == "application/strategic-merge-patch+json" ? Self.withoutDirectives(body) : body
        var sent: Value?
        var dropped: [String] = []
        let outcome = try handleAfterGet(.objectKey(resource.kind, namespace: namespace, name: name)) { response in
            guard let current = response.datatypeFields.first?.datatypeFields.first else { return nil }
            let patched = Self.mergePatch(K8s.json(of: current), patch)
            let (next, lost) = try KubernetesREST.request(method: "PUT", resource: resource, body: patched, strict: strict)
            sent = next
            dropped = lost
            return next
        }
        let get = Value.datatype(APIServer.request, constructor: 0, fields: [.objectKey(resource.kind, namespace: namespace, name: name)])
        return (sent ?? get, dropped, outcome)
    }

    /// RFC 7386: `null` removes a member, an object merges, anything else replaces.
    static func mergePatch(_ target: JSON, _ patch: JSON) -> JSON {
        guard case .object(let changes) = patch else { return patch }
        var result = target.objectPairs ?? []
        for (key, value) in changes {
            if value == .null { result.removeAll { $0.key == key }; continue }
            let merged = mergePatch(result.first { $0.key == key }?.value ?? .null, value)
            if let i = result.firstIndex(where: { $0.key == key }) { result[i].value = merged } else { result.append((key, merged)) }
        }
        return .object(result)
    }

    static func withoutDirectives(_ json: JSON) -> JSON {
        switch json {
        case .object(let pairs): return .object(pairs.filter { !$0.key.hasPrefix("$") }.map { ($0.key, withoutDirectives($0.value)) })
        case .array(let items): return .array(items.map(withoutDirectives))
        default: return json
        }
    }

    // MARK: Watch

    /// A watch: one JSON event per line (`{"type": "ADDED", "object": {...}}`). From version
    /// `0` or none, the current objects come first as `ADDED`; from an older version than the log
    /// keeps, an `ERROR` event with a 410 `Status`.
    private func watch(_ resource: KubernetesREST.Resource, _ request: HTTPRequest, _ selector: KubernetesREST.Selector) -> HTTPResponse {
        let requested = request.query["resourceVersion"].flatMap { Int($0) } ?? 0
        let seconds = min(Double(request.query["timeoutSeconds"].flatMap { Int($0) } ?? 600), 3_600)
        @Sendable func wanted(_ key: Value, _ object: Value) -> Bool {
            key.objectKind == resource.kind && (resource.namespace == nil || key[field: "namespace"]?.stringValue == resource.namespace)
                && selector.matches(object)
        }
        let initial: [Event]
        let start: Int
        if requested == 0 {
            (initial, start) = read { state in
                guard case .map(let etcd, _)? = state[field: "apiServer"]?[field: "etcd"] else { return ([], Self.counter(state)) }
                let current = etcd.filter { wanted($0.key, $0.value) }.sorted { $0.key.description < $1.key.description }
                return (current.map { Event(type: "ADDED", resourceVersion: 0, key: $0.key, object: $0.value) }, Self.counter(state))
            }
        } else {
            (initial, start) = ([], requested)
        }
        return .stream(status: 200, contentType: "application/json") { [self] write in
            func send(_ event: Event) -> Bool {
                write(JSON.members(["type": .string(event.type), "object": K8s.json(of: event.object)]).text + "\n")
            }
            for event in initial { guard send(event) else { return } }
            let deadline = Date().addingTimeInterval(seconds)
            var next = start
            while Date() < deadline {
                guard let batch = events(from: next, timeout: min(5, deadline.timeIntervalSinceNow), { wanted($0.key, $0.object) }) else {
                    let gone = JSON.members(["kind": "Status", "apiVersion": "v1", "metadata": .object([]), "status": "Failure",
                                             "message": .string("too old resource version: \(next)"), "reason": "Expired", "code": 410])
                    _ = write(JSON.members(["type": "ERROR", "object": gone]).text + "\n")
                    return
                }
                for event in batch { guard send(event) else { return } }
                if let last = batch.last { next = last.resourceVersion + 1 }
            }
        }
    }

    // MARK: External system

    /// `POST /anvil/v1/external`: one request of the external system (JSON by its sort), answered
    /// by the model's `externalHandles`.
    private func external(_ request: HTTPRequest) throws -> HTTPResponse {
        guard request.method == "POST" else { throw KubernetesREST.Failure(.notSupported, "the external system takes POST") }
        let body = try Self.parseBody(request.body)
        var reading = ValueJSONCodec.Reading(strict: true)
        let value: Value
        do { value = try ValueJSONCodec.plain.decode(body, model.external.requestSort, at: "", &reading) } catch {
            throw KubernetesREST.Failure(.badRequest, "not a request of the external system '\(model.external.name)': \(error)")
        }
        let response = try handleExternal(value)
        return .json(200, ValueJSONCodec.plain.encode(response, model.external.responseSort, alwaysWritten: true) ?? .null)
    }
}
