extension Cluster {
    /// `apiServerHandles(message)`: an in-flight API request is handled atomically (one etcd
    /// transaction) and replaced by its response to the sender under the same rpc id. An object a
    /// create, update or get-then-update writes is no longer stable. Weakly fair per message.
    func apiServerHandles() throws(SortError) -> Action {
        try Action("apiServerHandles", state: stateSort, inputs: [("message", network.messageSort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in try inFlight(s, inputs[0], to: Network.apiServer, "apiRequest") },
                   effect: { (s, inputs) throws(SortError) in
                       let message = inputs[0]
                       return try onContent(s, message, "apiRequest") { (request) throws(SortError) in
                           try Term.letIn("outcome", APIServer.handle(state: s["apiServer"], request: request)) { (outcome) throws(SortError) in
                               let reply = try network.reply(to: message, from: Network.apiServer,
                                                             content: network.apiResponse(outcome["response"]))
                               return try replace(s, message, by: reply).with("apiServer", outcome["state"])
                                   .with("stableKeys", unstabilized(s["stableKeys"], request: request, response: outcome["response"]))
                           }
                       }
                   })
    }

    /// `stable` without the key of the object that `request` wrote, when it is a successful create,
    /// update or get-then-update (the response carries the written object).
    func unstabilized(_ stable: Term, request: Term, response: Term) throws(SortError) -> Term {
        let writes = try request.is("create") || request.is("update") || request.is("getThenUpdate")
        let written = try APIServer.responseObject(response).unwrap(or: stable) { (object) throws(SortError) in
            let meta = try object["metadata"]
            let key = try K8s.key(kind: object["kind"], namespace: meta["namespace"].unwrap(or: "") { $0 },
                                  name: meta["name"].unwrap(or: "") { $0 })
            return try stable.removing(key)
        }
        return try .ite(writes, written, stable)
    }
}
