/// Kubernetes' own controllers: the garbage collector, and the stateful-set and daemon-set
/// controllers, which keep writing the status of their objects until those are stable.
extension Cluster {
    /// `garbageCollect(key)`: the object under `key` has owners and all of them are gone (or were
    /// re-created with another uid), so the collector sends a delete with the object's uid as a
    /// precondition. Weakly fair per key.
    func garbageCollect() throws(SortError) -> Action {
        try Action("garbageCollect", state: stateSort, inputs: [("key", keySort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in try APIServer.garbageCollectable(etcd: etcd(s), key: inputs[0]) },
                   effect: { (s, inputs) throws(SortError) in
                       let key = inputs[0]
                       return try etcd(s).lookup(key).unwrap(or: s) { (object) throws(SortError) in
                           let preconditions = try Term.record(APIServer.preconditions, [
                               "uid": object["metadata"]["uid"], "resourceVersion": .none(.int),
                           ])
                           let delete = try Term.construct(APIServer.request, "delete", [key, .some(preconditions)])
                           return try send(s, from: Network.builtinController, to: Network.apiServer, content: network.apiRequest(delete))
                       }
                   })
    }

    /// `writeBuiltinStatus(key, status)`: the stateful-set or daemon-set controller writes any status
    /// of the object's kind to a stored object that is not yet stable. Not fair.
    func writeBuiltinStatus() throws(SortError) -> Action {
        try Action("writeBuiltinStatus", state: stateSort, inputs: [("key", keySort), ("status", .datatype(K8s.objectStatus))],
                   guard: { (s, inputs) throws(SortError) in
                       let (key, status) = (inputs[0], inputs[1])
                       let ofItsKind = try (key["kind"] .== K8s.Kind.statefulSet.term && status.is("statefulSet"))
                           || (key["kind"] .== K8s.Kind.daemonSet.term && status.is("daemonSet"))
                       return try .and([etcd(s).hasKey(key), !s["stableKeys"].contains(key), ofItsKind])
                   },
                   effect: { (s, inputs) throws(SortError) in
                       let (key, status) = (inputs[0], inputs[1])
                       return try etcd(s).lookup(key).unwrap(or: s) { (object) throws(SortError) in
                           let request = try APIServer.Request.updateStatus(namespace: key["namespace"], name: key["name"],
                                                                            object: object.with("status", status))
                           return try send(s, from: Network.builtinController, to: Network.apiServer, content: network.apiRequest(request))
                       }
                   })
    }

    /// `stabilize(key)`: a stored object becomes stable, so the built-in controllers stop writing
    /// its status (until a create or update writes it again). Weakly fair per key.
    func stabilize() throws(SortError) -> Action {
        try Action("stabilize", state: stateSort, inputs: [("key", keySort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in try etcd(s).hasKey(inputs[0]) && !s["stableKeys"].contains(inputs[0]) },
                   effect: { (s, inputs) throws(SortError) in try s.with("stableKeys", s["stableKeys"].inserting(inputs[0])) })
    }
}
