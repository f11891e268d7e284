extension Cluster {
    /// `externalHandles(message)`: the external system handles an in-flight request (it may read
    /// etcd) and replaces it by its response to the sender under the same rpc id. Weakly fair per message.
    func externalHandles() throws(SortError) -> Action {
        try Action("externalHandles", state: stateSort, inputs: [("message", network.messageSort)], fairness: .weakPerInput,
                   guard: { (s, inputs) throws(SortError) in try inFlight(s, inputs[0], to: Network.externalSystem, "externalRequest") },
                   effect: { (s, inputs) throws(SortError) in
                       let message = inputs[0]
                       return try onContent(s, message, "externalRequest") { (request) throws(SortError) in
                           let outcome = try external.transition(request: request, state: s["external"], etcd: etcd(s))
                           return try Term.letIn("outcome", outcome) { (outcome) throws(SortError) in
                               let reply = try network.reply(to: message, from: Network.externalSystem,
                                                             content: network.externalResponse(outcome["response"]))
                               return try replace(s, message, by: reply).with("external", outcome["state"])
                           }
                       }
                   })
    }
}
