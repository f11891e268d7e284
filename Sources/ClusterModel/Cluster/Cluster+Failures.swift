/// The failures the environment may inject, each behind a switch, and the weakly fair actions
/// that turn the switches off: so failures may happen any number of times, but eventually stop.
extension Cluster {
    /// `restartController`: the controller crashes and restarts, losing every scheduled and running
    /// reconcile. In-flight messages stay, so stale responses then match no pending request. Not fair.
    func restartController() throws(SortError) -> Action {
        try Action("restartController", state: stateSort,
                   guard: { (s, _) throws(SortError) in try s["crashEnabled"] },
                   effect: { (s, _) throws(SortError) in
                       try s.with("scheduled", .emptyMap(keySort, .datatype(K8s.object)))
                           .with("ongoing", .emptyMap(keySort, .datatype(ongoingReconcile)))
                   })
    }

    /// `dropRequest(message)`: an in-flight API request is lost; its sender gets a `timeout` error. Not fair.
    func dropRequest() throws(SortError) -> Action {
        try Action("dropRequest", state: stateSort, inputs: [("message", network.messageSort)],
                   guard: { (s, inputs) throws(SortError) in
                       try s["requestDropEnabled"] && inFlight(s, inputs[0], to: Network.apiServer, "apiRequest")
                   },
                   effect: { (s, inputs) throws(SortError) in try failed(s, inputs[0], APIServer.ErrorCode.timeout.term) })
    }

    /// `failRequest(message, error)`: the API server rejects an in-flight request with any error,
    /// leaving etcd unchanged. Not fair.
    func failRequest() throws(SortError) -> Action {
        try Action("failRequest", state: stateSort, inputs: [("message", network.messageSort), ("error", .datatype(APIServer.error))],
                   guard: { (s, inputs) throws(SortError) in
                       try s["apiErrorEnabled"] && inFlight(s, inputs[0], to: Network.apiServer, "apiRequest")
                   },
                   effect: { (s, inputs) throws(SortError) in try failed(s, inputs[0], inputs[1]) })
    }

    /// `s` with the API request `message` replaced by its error response carrying `error`.
    private func failed(_ s: Term, _ message: Term, _ error: Term) throws(SortError) -> Term {
        try onContent(s, message, "apiRequest") { (request) throws(SortError) in
            let reply = try network.reply(to: message, from: Network.apiServer,
                                          content: network.apiResponse(APIServer.errorResponse(to: request, error)))
            return try replace(s, message, by: reply)
        }
    }

    /// `podMonkey(request)`: someone creates, updates, updates the status of, or deletes a pod
    /// (node failures, users). Not fair.
    func podMonkey() throws(SortError) -> Action {
        try Action("podMonkey", state: stateSort, inputs: [("request", .datatype(APIServer.request))],
                   guard: { (s, inputs) throws(SortError) in
                       try s["podMonkeyEnabled"] && APIServer.writes(inputs[0], kind: .pod, includingStatus: true)
                   },
                   effect: { (s, inputs) throws(SortError) in
                       try send(s, from: Network.podMonkey, to: Network.apiServer, content: network.apiRequest(inputs[0]))
                   })
    }

    /// The weakly fair action that turns a failure switch off.
    func disable(_ name: String, _ field: String) throws(SortError) -> Action {
        try Action(name, state: stateSort, fairness: .weak,
                   guard: { (s, _) throws(SortError) in try s[field] },
                   effect: { (s, _) throws(SortError) in try s.with(field, false) })
    }
}
