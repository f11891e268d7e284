/// API requests as the runtime sends them: the REST verbs directly, get-then-update and
/// get-then-delete composed (as Anvil's shim does): check that the owner reference is a
/// controller's (else BadRequest), get the object (NotFound passes through), check that it lists
/// the owner reference (else TransactionAbort), then write conditionally on the resource version
/// and uid just read, retrying when that write meets a conflict. So the write happens only on the
/// version that was checked, as the model's atomic request does.
extension ControllerRuntime {
    /// The `APIResponse` value for an `APIRequest` value; a request with no answer gets `timeout`.
    func perform(_ request: Value) -> Value {
        let ctor = request.constructorName ?? ""
        let f = request.datatypeFields
        switch ctor {
        case "getThenUpdate":
            // (namespace, name, ownerRef, object)
            guard let kind = f[3].objectKind, let namespace = f[0].stringValue, let name = f[1].stringValue else {
                return APIServer.responseValue(ctor, error: .badRequest)
            }
            return transaction(ctor, key: .objectKey(kind, namespace: namespace, name: name), ownerRef: f[2]) { current in
                let meta = current[field: "metadata"]!
                let pinned = f[3].setting("metadata", f[3][field: "metadata"]!
                    .setting("resourceVersion", meta[field: "resourceVersion"]!).setting("uid", meta[field: "uid"]!))
                return .datatype(APIServer.request, constructor: APIServer.request.constructorIndex("update")!, fields: [f[0], f[1], pinned])
            }
        case "getThenDelete":
            // (key, ownerRef)
            return transaction(ctor, key: f[0], ownerRef: f[1]) { current in
                let meta = current[field: "metadata"]!
                let preconditions = Value.datatype(APIServer.preconditions, constructor: 0, fields: [meta[field: "uid"]!, meta[field: "resourceVersion"]!])
                return .datatype(APIServer.request, constructor: APIServer.request.constructorIndex("delete")!,
                                 fields: [f[0], .option(preconditions, of: .datatype(APIServer.preconditions))])
            }
        default:
            return sendOrTimeout(request)
        }
    }

    private func sendOrTimeout(_ request: Value) -> Value {
        do { return try connection.send(request) } catch {
            log.note("\(request.constructorName ?? "request") got no answer (\(error)); the reconciler sees a timeout")
            return APIServer.responseValue(request.constructorName ?? "get", error: .timeout)
        }
    }

    /// A get, the owner check, and the write `write(current)` made from the object read; the
    /// write's result is answered under the request kind `ctor`.
    private func transaction(_ ctor: String, key: Value, ownerRef: Value, _ write: (Value) -> Value) -> Value {
        guard ownerRef[field: "controller"]?.someValue == .bool(true) else { return APIServer.responseValue(ctor, error: .badRequest) }
        let get = Value.datatype(APIServer.request, constructor: 0, fields: [key])
        for _ in 0...options.transactionRetries {
            let read = sendOrTimeout(get)
            if let error = read.responseError { return APIServer.responseValue(ctor, error: error) }
            guard let current = read.datatypeFields.first?.datatypeFields.first else { return APIServer.responseValue(ctor, error: .internalError) }
            guard case .seq(let owners)? = current[field: "metadata"]?[field: "ownerReferences"], owners.contains(ownerRef) else {
                return APIServer.responseValue(ctor, error: .transactionAbort)
            }
            let written = sendOrTimeout(write(current))
            if written.responseError == .conflict { continue }
            if let error = written.responseError { return APIServer.responseValue(ctor, error: error) }
            return APIServer.responseValue(ctor, ok: written.datatypeFields.first?.datatypeFields ?? [])
        }
        return APIServer.responseValue(ctor, error: .conflict)
    }
}
