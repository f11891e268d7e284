extension Cluster {
    /// `clientRequest(request)`: a user creates, updates or deletes a custom resource of the
    /// controller's kind. Not fair.
    func clientRequest() throws(SortError) -> Action {
        try Action("clientRequest", state: stateSort, inputs: [("request", .datatype(APIServer.request))],
                   guard: { (_, inputs) throws(SortError) in try APIServer.writes(inputs[0], kind: resourceKind, includingStatus: false) },
                   effect: { (s, inputs) throws(SortError) in
                       try send(s, from: Network.client, to: Network.apiServer, content: network.apiRequest(inputs[0]))
                   })
    }
}
