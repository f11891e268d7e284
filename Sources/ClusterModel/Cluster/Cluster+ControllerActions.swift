/// The controller runtime: it schedules a reconcile for each stored custom resource, runs at most
/// one reconcile per resource, and each reconcile has at most one request outstanding.
extension Cluster {
    var keySort: Sort { .datatype(K8s.objectKey) }

    /// `scheduleReconcile(key)`: a custom resource of the controller's kind is stored, so its
    /// current version is scheduled for a reconcile. Weakly fair per key (the runtime's requeue loop).
    func scheduleReconcile() throws(SortError) -> Action {
        try Action("scheduleReconcile", state: stateSort, inputs: [("key", keySort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in
                       try etcd(s).hasKey(inputs[0]) && inputs[0]["kind"] .== resourceKind.term
                   },
                   effect: { (s, inputs) throws(SortError) in
                       try etcd(s).lookup(inputs[0]).unwrap(or: s) { (cr) throws(SortError) in
                           try s.with("scheduled", s["scheduled"].inserting(inputs[0], cr))
                       }
                   })
    }

    /// `startReconcile(key)`: a scheduled resource with no reconcile running starts one from the
    /// reconciler's initial state. Weakly fair per key.
    func startReconcile() throws(SortError) -> Action {
        try Action("startReconcile", state: stateSort, inputs: [("key", keySort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in
                       try s["scheduled"].hasKey(inputs[0]) && !s["ongoing"].hasKey(inputs[0])
                   },
                   effect: { (s, inputs) throws(SortError) in
                       let key = inputs[0]
                       return try s["scheduled"].lookup(key).unwrap(or: s) { (cr) throws(SortError) in
                           let started = try Term.record(ongoingReconcile, [
                               "triggeringResource": cr, "pendingRequest": .none(network.messageSort),
                               "localState": reconcile.initialState,
                           ])
                           return try s.with("ongoing", s["ongoing"].inserting(key, started))
                               .with("scheduled", s["scheduled"].removing(key))
                       }
                   })
    }

    /// `continueReconcile(key, message)`: one step of a running reconcile that is neither done nor
    /// failed. With a request pending, `message` must be `some` in-flight response to it, which is
    /// consumed and fed to the step; with none pending, `message` must be `none`. A request the
    /// step returns is sent under a fresh rpc id and becomes the pending one. Weakly fair per input.
    func continueReconcile() throws(SortError) -> Action {
        try Action("continueReconcile", state: stateSort, inputs: [("key", keySort), ("message", .option(network.messageSort))],
                   fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in
                       let (key, received) = (inputs[0], inputs[1])
                       return try s["ongoing"].lookup(key).unwrap(or: .false) { (ongoing) throws(SortError) in
                           let local = try ongoing["localState"]
                           let receives = try ongoing["pendingRequest"].unwrap(or: received.isNone) { (pending) throws(SortError) in
                               try received.unwrap(or: .false) { (m) throws(SortError) in
                                   try s["network"].contains(m) && network.isResponse(m, to: pending)
                               }
                           }
                           return try .and([!reconcile.isDone(local), !reconcile.isError(local), receives])
                       }
                   },
                   effect: { (s, inputs) throws(SortError) in
                       let (key, received) = (inputs[0], inputs[1])
                       return try s["ongoing"].lookup(key).unwrap(or: s) { (ongoing) throws(SortError) in
                           try stepReconcile(s, key: key, ongoing: ongoing, received: received)
                       }
                   })
    }

    private func stepReconcile(_ s: Term, key: Term, ongoing: Term, received: Term) throws(SortError) -> Term {
        let response = try received.unwrap(or: .none(.datatype(external.controllerResponse))) { (m) throws(SortError) in
            try network.controllerResponse(m["content"])
        }
        let remaining = try received.unwrap(or: s["network"]) { (m) throws(SortError) in try s["network"].removing(m) }
        return try Term.letIn("step", reconcile.step(resource: ongoing["triggeringResource"], response: response,
                                                     local: ongoing["localState"])) { (step) throws(SortError) in
            try Term.letIn("remaining", remaining) { (remaining) throws(SortError) in
                let stepped = try ongoing.with("localState", step["state"])
                let idle = try s.with("network", remaining)
                    .with("ongoing", s["ongoing"].inserting(key, stepped.with("pendingRequest", .none(network.messageSort))))
                return try step["request"].unwrap(or: idle) { (request) throws(SortError) in
                    let counter = try s["rpcIdCounter"]
                    return try Term.letIn("sent", network.request(request, from: Network.controller(key), rpcId: counter)) {
                        (sent) throws(SortError) in
                        try s.with("network", remaining.inserting(sent)).with("rpcIdCounter", counter + 1)
                            .with("ongoing", s["ongoing"].inserting(key, stepped.with("pendingRequest", .some(sent))))
                    }
                }
            }
        }
    }

    /// `endReconcile(key)`: a reconcile that is done or failed ends. Weakly fair per key.
    func endReconcile() throws(SortError) -> Action {
        try Action("endReconcile", state: stateSort, inputs: [("key", keySort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in
                       try s["ongoing"].lookup(inputs[0]).unwrap(or: .false) { (ongoing) throws(SortError) in
                           let local = try ongoing["localState"]
                           return try reconcile.isDone(local) || reconcile.isError(local)
                       }
                   },
                   effect: { (s, inputs) throws(SortError) in try s.with("ongoing", s["ongoing"].removing(inputs[0])) })
    }
}
