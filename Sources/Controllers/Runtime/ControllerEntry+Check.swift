/// The controller's desired-state predicate evaluated on objects read from a real API server
/// (`kubectl get -o json`): etcd holds exactly those objects, the rest of the cluster state is
/// the model's initial state.
extension ControllerEntry {
    /// For each custom resource of the controller's kind among `objects`: its key and whether
    /// the cluster made of `objects` matches it.
    public func check(objects: [Value]) throws -> [(key: Value, matches: Bool)] {
        let model = try ClusterModel(reconciler: reconciler, resourceKind: kind, external: external)
        var etcd: [Value: Value] = [:]
        for object in objects {
            guard let key = object.storedKey else { throw JSONError(at: "metadata", "an object without a name or namespace") }
            etcd[key] = object
        }
        let initial = try model.initialValue()
        let state = initial.setting("apiServer", initial[field: "apiServer"]!.setting("etcd", .map(entries: etcd, otherwise: nil)))
        return try etcd.keys.filter { $0.objectKind == kind }.sorted { $0.description < $1.description }.map { key in
            let verdict = try model.evaluate(at: state) { s in try matches(s, .literal(etcd[key]!, sort: .datatype(K8s.object))) }
            return (key, verdict == .bool(true))
        }
    }

    /// The objects of a `kubectl get -o json` document: a `List` (or `<Kind>List`) of items, or one object.
    public static func objects(fromKubectlJSON json: JSON) throws -> [Value] {
        let items: [JSON]
        if case .array(let list)? = json["items"] { items = list } else { items = [json] }
        var out: [Value] = []
        for (i, item) in items.enumerated() {
            do { out.append(try K8s.object(fromJSON: item, strict: false).object) } catch let e {
                throw JSONError(at: items.count > 1 ? "items[\(i)]" + (e.location.isEmpty ? "" : ".\(e.location)") : e.location, e.message)
            }
        }
        return out
    }
}
