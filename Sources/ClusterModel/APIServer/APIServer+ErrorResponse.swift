extension APIServer {
    /// The response to `request` that fails with `error` (an `APIError` term): what a client sees
    /// when the request times out or the server rejects it without touching etcd.
    public static func errorResponse(to request: Term, _ error: Term) throws(SortError) -> Term {
        try .match(request) { (ctor, _) throws(SortError) in
            guard let i = response.constructorIndex(ctor), let result = response.fieldSort(i, 0).datatype else {
                throw SortError("APIResponse has no constructor for request \(ctor)")
            }
            return try .construct(response, ctor, [.construct(result, "err", [error])])
        }
    }
}
