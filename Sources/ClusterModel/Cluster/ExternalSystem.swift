/// A system outside Kubernetes that a controller talks to (ZooKeeper's data tree, for example): its
/// request, response and state sorts, its initial state, and how it handles one request.
///
/// It also fixes the sorts a controller talking to it uses: `ControllerRequest<name>` (an API
/// request or a request to this system) and `ControllerResponse<name>`, which every reconciler
/// of such a controller takes as its request and response sorts.
public struct ExternalSystem: Sendable {
    /// Names the datatypes built for this system (`ControllerRequest<name>`, `Message<name>`, ...).
    public let name: String
    /// What a controller sends the system, what it answers, and what it remembers.
    public let requestSort: Sort
    public let responseSort: Sort
    public let stateSort: Sort
    /// A closed term of `stateSort`.
    public let initialState: Term
    /// `ExternalOutcome<name> {state, response}`: the result of handling one request.
    public let outcome: DatatypeDecl
    /// `ControllerRequest<name> = api(request: APIRequest) | external(request: requestSort)`.
    public let controllerRequest: DatatypeDecl
    /// `ControllerResponse<name> = api(response: APIResponse) | external(response: responseSort)`.
    public let controllerResponse: DatatypeDecl
    let request: Variable, state: Variable, etcd: Variable
    /// The outcome of handling `request` in `state`, over those variables and `etcd`.
    let transitionTerm: Term

    /// Declares a system; `transition(request, state, etcd)` gives its next state and response
    /// (it may read etcd, never write it).
    public init(name: String, requestSort: Sort, responseSort: Sort, stateSort: Sort, initialState: Term,
                transition: (Term, Term, Term) throws(SortError) -> (state: Term, response: Term)) throws(SortError) {
        try self.init(name: name, requestSort: requestSort, responseSort: responseSort, stateSort: stateSort,
                      initialState: initialState) { (request, state, etcd, outcome) throws(SortError) in
            let (next, response) = try transition(request, state, etcd)
            return try outcome(next, response)
        }
    }

    /// Declares a system whose `handle(request, state, etcd, outcome)` returns one outcome term,
    /// built with `outcome(nextState, response)` in each branch, so that the state and the response
    /// of a branch are computed together rather than in two copies of the branching.
    public init(name: String, requestSort: Sort, responseSort: Sort, stateSort: Sort, initialState: Term,
                handle: (Term, Term, Term, _ outcome: (Term, Term) throws(SortError) -> Term) throws(SortError) -> Term)
        throws(SortError) {
        guard initialState.sort == stateSort else {
            throw SortError("external system '\(name)': initial state is \(initialState.sort), expected \(stateSort)")
        }
        guard initialState.freeVariables.isEmpty else {
            throw SortError("external system '\(name)': the initial state must be closed, it mentions \(initialState.freeVariables.map(\.name))")
        }
        self.name = name
        self.requestSort = requestSort
        self.responseSort = responseSort
        self.stateSort = stateSort
        self.initialState = initialState
        let outcome = DatatypeDecl.record("ExternalOutcome<\(name)>", [.init("state", stateSort), .init("response", responseSort)])
        self.outcome = outcome
        controllerRequest = DatatypeDecl("ControllerRequest<\(name)>", [
            .init("api", [.init("request", .datatype(APIServer.request))]), .init("external", [.init("request", requestSort)]),
        ])
        controllerResponse = DatatypeDecl("ControllerResponse<\(name)>", [
            .init("api", [.init("response", .datatype(APIServer.response))]), .init("external", [.init("response", responseSort)]),
        ])
        request = Variable("externalRequest", requestSort)
        state = Variable("externalState", stateSort)
        etcd = Variable("etcd", APIServer.etcdSort)
        transitionTerm = try handle(request.term, state.term, etcd.term) { (next, response) throws(SortError) in
            try .record(outcome, ["state": next, "response": response])
        }
        guard transitionTerm.sort == .datatype(outcome) else {
            throw SortError("external system '\(name)': handle returns \(transitionTerm.sort), expected \(outcome.name)")
        }
    }

    /// No external system: unit request, response and state, and a transition that changes nothing.
    public static let none: ExternalSystem = {
        let unit = Sort.datatype(.enumeration("ExternalUnit", ["unit"]))
        do {
            let value = try Term.construct(unit.datatype!, "unit")
            return try ExternalSystem(name: "none", requestSort: unit, responseSort: unit, stateSort: unit, initialState: value) {
                _, state, _ in (state, value)
            }
        } catch {
            preconditionFailure("\(error)")
        }
    }()

    /// The `ExternalOutcome` of handling `request` in `state` with etcd `etcd`.
    public func transition(request: Term, state: Term, etcd: Term) -> Term {
        transitionTerm.substituting([self.request: request, self.state: state, self.etcd: etcd])
    }

    /// `ControllerRequest.api(request)`.
    public func apiRequest(_ request: Term) throws(SortError) -> Term { try .construct(controllerRequest, "api", [request]) }
    /// `ControllerRequest.external(request)`.
    public func externalRequest(_ request: Term) throws(SortError) -> Term { try .construct(controllerRequest, "external", [request]) }
    /// `ControllerResponse.api(response)`.
    public func apiResponse(_ response: Term) throws(SortError) -> Term { try .construct(controllerResponse, "api", [response]) }
    /// `ControllerResponse.external(response)`.
    public func externalResponse(_ response: Term) throws(SortError) -> Term {
        try .construct(controllerResponse, "external", [response])
    }
}
