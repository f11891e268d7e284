/// The client's half: an `APIRequest` value as an HTTP call, and the HTTP answer as the
/// `APIResponse` value the reconciler receives.
extension KubernetesREST {
    /// One HTTP call: method, path, query items and JSON body.
    public struct Call: Equatable, Sendable {
        public let method: String
        public let path: String
        public let query: [String: String]
        public let body: JSON?
        public init(_ method: String, _ path: String, query: [String: String] = [:], body: JSON? = nil) {
            self.method = method; self.path = path; self.query = query; self.body = body
        }
    }

    /// The HTTP call for a get, list, create, update, update-status or delete request.
    public static func call(for request: Value) throws(Failure) -> Call {
        let f = request.datatypeFields
        switch request.constructorName {
        case "get":
            return Call("GET", try resource(key: f[0]).path)
        case "list":
            guard let kind = f[0].kindValue, let namespace = f[1].stringValue else { throw malformed(request) }
            return Call("GET", Resource(kind: kind, namespace: namespace.isEmpty ? nil : namespace).path)
        case "create":
            guard let namespace = f[0].stringValue, let kind = f[1].objectKind else { throw malformed(request) }
            return Call("POST", Resource(kind: kind, namespace: namespace).path, body: K8s.json(of: f[1]))
        case "update", "updateStatus":
            guard let namespace = f[0].stringValue, let name = f[1].stringValue, let kind = f[2].objectKind else { throw malformed(request) }
            return Call("PUT", Resource(kind: kind, namespace: namespace, name: name, status: request.constructorName == "updateStatus").path,
                        body: K8s.json(of: f[2]))
        case "delete":
            var options: [(key: String, value: JSON)] = [("kind", "DeleteOptions"), ("apiVersion", "v1"), ("propagationPolicy", "Background")]
            if let pre = f[1].someValue {
                var p: [(key: String, value: JSON)] = []
                if let uid = pre[field: "uid"]?.someValue?.intValue { p.append(("uid", .string(String(uid)))) }
                if let rv = pre[field: "resourceVersion"]?.someValue?.intValue { p.append(("resourceVersion", .string(String(rv)))) }
                options.append(("preconditions", .object(p)))
            }
            return Call("DELETE", try resource(key: f[0]).path, body: .object(options))
        default:
            throw Failure(.notSupported, "\(request.constructorName ?? "?") has no REST call; the runtime composes it")
        }
    }

    /// The response value for `request` from an HTTP status and body: the object, list or unit
    /// result on success (a body that does not decode is an internal error), else the error that
    /// the status and the `Status` reason name.
    public static func response(to request: Value, status: Int, body: JSON?) -> Value {
        let ctor = request.constructorName ?? "get"
        guard (200..<300).contains(status) else {
            return APIServer.responseValue(ctor, error: APIServer.ErrorCode(httpStatus: status, reason: body?["reason"]?.stringValue))
        }
        do {
            switch ctor {
            case "delete", "getThenDelete":
                return APIServer.responseValue(ctor, ok: [])
            case "list":
                guard case .array(let items)? = body?["items"] else { throw JSONError(at: "items", "expected a list") }
                let f = request.datatypeFields
                var snapshot: [Value: Value] = [:]
                for (i, item) in items.enumerated() {
                    var object = item
                    if object["kind"] == nil, let kind = f[0].kindValue {
                        object = object.setting("kind", .string(kind.kubernetesName)).setting("apiVersion", .string(kind.apiVersion))
                    }
                    let decoded = try K8s.object(fromJSON: object, kind: f[0].kindValue, strict: false).object
                    guard let key = decoded.storedKey else { throw JSONError(at: "items[\(i)].metadata", "no name or namespace") }
                    snapshot[key] = decoded
                }
                return APIServer.responseValue(ctor, ok: [.map(entries: snapshot, otherwise: nil), f[0], f[1]])
            default:
                guard let body else { throw JSONError(at: "", "no body") }
                return APIServer.responseValue(ctor, ok: [try K8s.object(fromJSON: body, strict: false).object])
            }
        } catch {
            return APIServer.responseValue(ctor, error: .internalError)
        }
    }

    static func resource(key: Value) throws(Failure) -> Resource {
        guard let kind = key.objectKind, let namespace = key[field: "namespace"]?.stringValue,
              let name = key[field: "name"]?.stringValue else { throw malformed(key) }
        return Resource(kind: kind, namespace: namespace, name: name)
    }

    static func malformed(_ v: Value) -> Failure { Failure(.badRequest, "not a well-formed request: \(v)") }
}

extension APIServer {
    /// The `APIResponse` value of request kind `ctor` whose result is `ok(payload)`.
    public static func responseValue(_ ctor: String, ok payload: [Value]) -> Value {
        result(ctor) { d in .datatype(d, constructor: 0, fields: payload) }
    }

    /// The `APIResponse` value of request kind `ctor` that failed with `error`.
    public static func responseValue(_ ctor: String, error: ErrorCode) -> Value {
        result(ctor) { d in
            .datatype(d, constructor: 1, fields: [.datatype(APIServer.error, constructor: ErrorCode.allCases.firstIndex(of: error)!, fields: [])])
        }
    }

    private static func result(_ ctor: String, _ make: (DatatypeDecl) -> Value) -> Value {
        let c = response.constructorIndex(ctor) ?? 0
        return .datatype(response, constructor: c, fields: [make(response.fieldSort(c, 0).datatype!)])
    }
}

extension Value {
    /// A `Kind` value as the Swift enum.
    public var kindValue: K8s.Kind? {
        guard case .datatype(let d, let c, _) = self, d == K8s.kind else { return nil }
        return K8s.Kind.allCases[c]
    }

    /// The etcd key of a stored object (kind, namespace, name), or `nil` without a name or namespace.
    public var storedKey: Value? {
        guard let kind = objectKind, let meta = self[field: "metadata"],
              let name = meta[field: "name"]?.someValue?.stringValue,
              let namespace = meta[field: "namespace"]?.someValue?.stringValue else { return nil }
        return .objectKey(kind, namespace: namespace, name: name)
    }

    /// The error of an `APIResponse` value, or `nil` when it succeeded.
    public var responseError: APIServer.ErrorCode? {
        guard let result = datatypeFields.first, result.constructorName == "err",
              case .datatype(_, let c, _)? = result.datatypeFields.first else { return nil }
        return APIServer.ErrorCode.allCases[c]
    }
}
