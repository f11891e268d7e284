import Controllers

/// The API server run as a simulator: each request is one evaluation of `APIServer.handle`.
struct Simulation {
    static let stateVariable = Variable("state", .datatype(APIServer.state))
    static let requestVariable = Variable("request", .datatype(APIServer.request))
    static let step = Result { try APIServer.handle(state: stateVariable.term, request: requestVariable.term) }

    private(set) var state: Value
    private(set) var response: Value?

    init() throws {
        state = try APIServer.makeState().evaluate()
    }

    /// Handles one request and returns its response.
    @discardableResult
    mutating func send(_ request: Term) throws -> Value {
        let outcome = try Self.step.get().evaluate([Self.stateVariable: state, Self.requestVariable: request.evaluate()])
        guard case .datatype(_, _, let fields) = outcome, fields.count == 2 else { throw Failure("not an outcome: \(outcome)") }
        (state, response) = (fields[0], fields[1])
        return fields[1]
    }

    /// Evaluates a term built from the current state and the last response.
    func read(_ build: (_ state: Term, _ response: Term) throws -> Term) throws -> Value {
        let responseVariable = Variable("response", .datatype(APIServer.response))
        var env = [Self.stateVariable: state]
        if let response { env[responseVariable] = response }
        return try build(Self.stateVariable.term, responseVariable.term).evaluate(env)
    }

    /// The error of the last response, or `nil` when it succeeded.
    func lastError() throws -> APIServer.ErrorCode? {
        let error = try read { _, response in try APIServer.responseError(response) }
        guard case .some(let payload) = error.optionPayload else { throw Failure("not an option: \(error)") }
        guard case .datatype(_, let code, _)? = payload else { return nil }
        return APIServer.ErrorCode.allCases[code]
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
