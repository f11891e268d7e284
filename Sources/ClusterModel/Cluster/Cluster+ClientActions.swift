extension Cluster {
    /// `clientRequest(request)`: a user creates, updates or deletes a custom resource of the
    /// controller's kind, or an object of a kind the model lets users write. Not fair.
    func clientRequest() throws(SortError) -> Action {
        try Action("clientRequest", state: stateSort, inputs: [("request", .datatype(APIServer.request))],
                   guard: { (_, inputs) throws(SortError) in try Self.isUserWrite(inputs[0], kinds: [resourceKind] + userWritable) },
                   effect: { (s, inputs) throws(SortError) in
                       try send(s, from: Network.client, to: Network.apiServer, content: network.apiRequest(inputs[0]))
                   })
    }

    /// `request` creates, updates or deletes an object of one of `kinds` (one kind: exactly
    /// `APIServer.writes` of it).
    static func isUserWrite(_ request: Term, kinds: [K8s.Kind]) throws(SortError) -> Term {
        try .or(kinds.map { (kind) throws(SortError) in try APIServer.writes(request, kind: kind, includingStatus: false) })
    }
}
