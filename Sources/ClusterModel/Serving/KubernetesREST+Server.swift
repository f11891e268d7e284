/// The server's half: an HTTP call as the `APIRequest` value the model handles, and the model's
/// `APIResponse` value as the HTTP answer.
extension KubernetesREST {
    /// The request a GET, POST, PUT or DELETE on `resource` stands for, with the fields of the
    /// body that were dropped (only when not `strict`). A body that is not an object of the
    /// resource's kind is a `Failure` naming the field (400, or 422 for custom resources, as
    /// Kubernetes answers).
    public static func request(method: String, resource: Resource, body: JSON?,
                               strict: Bool) throws(Failure) -> (request: Value, dropped: [String]) {
        let kind = resource.kind
        func key(_ namespace: String, _ name: String) -> Term {
            do { return try K8s.key(kind, namespace: .string(namespace), name: .string(name)) } catch { preconditionFailure("\(error)") }
        }
        func object() throws(Failure) -> (Term, [String]) {
            guard let body else { throw Failure(.badRequest, "the request has no body") }
            do {
                let (object, dropped) = try K8s.object(fromJSON: body, kind: kind, strict: strict)
                return (try Term.literal(object, sort: .datatype(K8s.object)), dropped)
            } catch let error as JSONError {
                throw decodingFailure(error, kind: kind, name: body["metadata"]?["name"]?.stringValue ?? resource.name)
            } catch {
                throw Failure(.internalError, "\(error)")
            }
        }
        func built(_ make: () throws(SortError) -> Term, dropped: [String] = []) throws(Failure) -> (Value, [String]) {
            do { return (try make().evaluate(), dropped) } catch { throw Failure(.internalError, "\(error)") }
        }
        let namespace = resource.namespace
        switch (method, resource.name, resource.status) {
        case ("GET", let name?, false):
            guard let namespace else { throw Failure(.notSupported, "get needs a namespace") }
            return try built { () throws(SortError) in try APIServer.Request.get(key(namespace, name)) }
        case ("GET", nil, false):
            return try built { () throws(SortError) in try APIServer.Request.list(kind.term, namespace: .string(namespace ?? "")) }
        case ("POST", nil, false):
            guard let namespace else { throw Failure(.notSupported, "create needs a namespace in the URL") }
            let (obj, dropped) = try object()
            return try built({ () throws(SortError) in try APIServer.Request.create(namespace: .string(namespace), object: obj) }, dropped: dropped)
        case ("PUT", let name?, let status):
            guard let namespace else { throw Failure(.notSupported, "update needs a namespace") }
            let (obj, dropped) = try object()
            return try built({ () throws(SortError) in
                status ? try APIServer.Request.updateStatus(namespace: .string(namespace), name: .string(name), object: obj)
                    : try APIServer.Request.update(namespace: .string(namespace), name: .string(name), object: obj)
            }, dropped: dropped)
        case ("DELETE", let name?, false):
            guard let namespace else { throw Failure(.notSupported, "delete needs a namespace") }
            let (uid, rv) = try deletePreconditions(body)
            return try built { () throws(SortError) in
                try APIServer.Request.delete(key(namespace, name), uid: uid.map(Term.int), resourceVersion: rv.map(Term.int))
            }
        default:
            throw Failure(.notSupported, "\(method) is not supported on \(resource.path)")
        }
    }

    /// The uid and resource-version preconditions of a `DeleteOptions` body. Only background
    /// deletion is modelled, so another propagation policy is refused.
    static func deletePreconditions(_ body: JSON?) throws(Failure) -> (uid: Int?, resourceVersion: Int?) {
        guard let body, body != .null else { return (nil, nil) }
        if let policy = body["propagationPolicy"]?.stringValue, policy != "Background" {
            throw Failure(.invalid, "propagationPolicy: only Background deletion is modelled, got '\(policy)'")
        }
        if body["orphanDependents"] == .bool(true) { throw Failure(.invalid, "orphanDependents: orphan deletion is not modelled") }
        func number(_ field: String) throws(Failure) -> Int? {
            guard let value = body["preconditions"]?[field], value != .null else { return nil }
            guard let text = value.stringValue, let n = Int(text) else {
                throw Failure(.badRequest, "preconditions.\(field): expected a string of decimal digits, got \(value.quotedDescription)")
            }
            return n
        }
        return (try number("uid"), try number("resourceVersion"))
    }

    /// A body that does not decode, as Kubernetes reports it: built-in kinds with 400 (the body
    /// "cannot be handled"), custom resources with 422 (schema validation).
    static func decodingFailure(_ error: JSONError, kind: K8s.Kind, name: String?) -> Failure {
        if kind.isCustomResource {
            return Failure(.invalid, "\(kind.kubernetesName).\(kind.apiGroup) \"\(name ?? "")\" is invalid: \(error)")
        }
        return Failure(.badRequest, "\(kind.kubernetesName) in version \"v1\" cannot be handled as a \(kind.kubernetesName): \(error)")
    }

    /// The HTTP status and body answering `request` with the model's `response`: the object
    /// (201 for a create), the filtered list, a success `Status` for a delete, or a failure
    /// `Status` carrying `failureMessage`.
    public static func answer(to request: Value, response: Value, resource: Resource, listResourceVersion: Int,
                              selector: Selector = Selector(), failureMessage: String) -> (status: Int, body: JSON) {
        if let error = response.responseError {
            return (error.http.status, status(error, failureMessage, resource: resource))
        }
        let payload = response.datatypeFields.first?.datatypeFields ?? []
        switch request.constructorName {
        case "delete", "getThenDelete":
            return (200, status(nil, "\(resource.kind.resource) \"\(resource.name ?? "")\" deleted", resource: resource))
        case "list":
            guard payload.count == 3, case .map(let snapshot, _) = payload[0] else { return (500, status(.internalError, "a malformed list")) }
            let items = snapshot.filter { key, object in
                key.objectKind == resource.kind && (resource.namespace == nil || key[field: "namespace"]?.stringValue == resource.namespace)
                    && selector.matches(object)
            }.sorted { $0.key.description < $1.key.description }.map { K8s.json(of: $0.value) }
            return (200, list(resource.kind, items, resourceVersion: listResourceVersion))
        default:
            guard let object = payload.first else { return (500, status(.internalError, "a response without an object")) }
            return (request.constructorName == "create" ? 201 : 200, K8s.json(of: object))
        }
    }

    /// A `<Kind>List` of `items` at `resourceVersion`.
    public static func list(_ kind: K8s.Kind, _ items: [JSON], resourceVersion: Int) -> JSON {
        .members([
            "kind": .string(kind.kubernetesName + "List"), "apiVersion": .string(kind.apiVersion),
            "metadata": .members(["resourceVersion": .string(String(resourceVersion))]), "items": .array(items),
        ])
    }
}
