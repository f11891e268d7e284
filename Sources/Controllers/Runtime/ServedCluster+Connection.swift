/// The served model as a connection in the same process (for tests): requests go straight to
/// `ServedCluster.handle`, watches read its event log.
extension ServedCluster: ClusterConnection {
    public func send(_ request: Value) throws -> Value { try handle(request).response }

    public func callExternal(_ request: Value, sort: Sort, responseSort: Sort) throws -> Value { try handleExternal(request) }

    public func listKeys(_ kind: K8s.Kind, namespace: String?) throws -> (keys: [Value], resourceVersion: String) {
        read { state in
            guard case .map(let etcd, _)? = state[field: "apiServer"]?[field: "etcd"] else { return ([], "0") }
            let keys = etcd.keys.filter { $0.objectKind == kind && (namespace == nil || $0[field: "namespace"]?.stringValue == namespace) }
            return (keys.sorted { $0.description < $1.description }, String(state[field: "apiServer"]?[field: "resourceVersionCounter"]?.intValue ?? 0))
        }
    }

    public func watch(_ kind: K8s.Kind, namespace: String?, from resourceVersion: String,
                      _ event: (String, Value) -> Bool) throws {
        var next = Int(resourceVersion) ?? 0
        while true {
            guard let batch = events(from: next, timeout: 0.2, { $0.key.objectKind == kind
                && (namespace == nil || $0.key[field: "namespace"]?.stringValue == namespace) }) else {
                throw ConnectionFailure("too old resource version \(next)")
            }
            for e in batch { guard event(e.type, e.key) else { return } }
            if let last = batch.last { next = last.resourceVersion + 1 } else if !event("BOOKMARK", .bool(false)) { return }
        }
    }
}
