extension APIServer {
    /// How a handler answers one request kind: outcomes that keep the state and fail, or that move
    /// to a new state and succeed, always wrapped in that request kind's response constructor.
    struct Reply {
        let state: Term
        let request: String

        /// A failed request: the state is unchanged (or `after`) and the response carries `code`.
        func fail(_ code: ErrorCode, after: Term? = nil) throws(SortError) -> Term {
            guard let i = APIServer.response.constructorIndex(request),
                  let resultDecl = APIServer.response.fieldSort(i, 0).datatype else {
                throw SortError("no response constructor for request \(request)")
            }
            return try outcome(after ?? state, .construct(resultDecl, "err", [code.term]))
        }

        /// A successful request with the result's `ok` payload.
        func succeed(_ newState: Term, _ payload: [Term]) throws(SortError) -> Term {
            guard let i = APIServer.response.constructorIndex(request),
                  let resultDecl = APIServer.response.fieldSort(i, 0).datatype else {
                throw SortError("no response constructor for request \(request)")
            }
            return try outcome(newState, .construct(resultDecl, "ok", payload))
        }

        /// `success` unless a check fails; the first failing check (in order) gives the error.
        func checking(_ checks: [(fails: Term, code: ErrorCode)], after: Term? = nil,
                      _ success: Term) throws(SortError) -> Term {
            var result = success
            for check in checks.reversed() { result = try .ite(check.fails, fail(check.code, after: after), result) }
            return result
        }

        private func outcome(_ newState: Term, _ result: Term) throws(SortError) -> Term {
            try .record(APIServer.outcome, ["state": newState, "response": .construct(APIServer.response, request, [result])])
        }
    }
}
