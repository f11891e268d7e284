extension APIServer.ErrorCode {
    /// The HTTP status and Kubernetes `Status.reason` the REST API answers this error with. Every
    /// error has its own pair, so `init(httpStatus:reason:)` gives it back.
    public var http: (status: Int, reason: String) {
        switch self {
        case .badRequest: return (400, "BadRequest")
        case .forbidden: return (403, "Forbidden")
        case .objectNotFound: return (404, "NotFound")
        case .notSupported: return (405, "MethodNotAllowed")
        case .conflict: return (409, "Conflict")
        case .objectAlreadyExists: return (409, "AlreadyExists")
        case .invalid: return (422, "Invalid")
        case .internalError: return (500, "InternalError")
        case .serverTimeout: return (500, "ServerTimeout")
        case .transactionAbort: return (500, "TransactionAbort")
        case .other: return (500, "Unknown")
        case .timeout: return (504, "Timeout")
        }
    }

    /// The model's error for an HTTP error status, told apart by the reason where a status
    /// stands for several (409: conflict or already exists; 500: the server's errors). A status
    /// the model has no error for is `other`; 408 (request timeout) is `timeout`.
    public init(httpStatus status: Int, reason: String?) {
        switch status {
        case 400: self = .badRequest
        case 403: self = .forbidden
        case 404: self = .objectNotFound
        case 405: self = .notSupported
        case 409: self = reason == "AlreadyExists" ? .objectAlreadyExists : .conflict
        case 422: self = .invalid
        case 500:
            switch reason {
            case "ServerTimeout": self = .serverTimeout
            case "TransactionAbort": self = .transactionAbort
            case "Unknown": self = .other
            default: self = .internalError
            }
        case 408, 504: self = .timeout
        default: self = .other
        }
    }
}
