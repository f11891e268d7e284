extension APIServer {
    /// Whether `request` creates, updates or deletes an object of `kind` (or, with
    /// `includingStatus`, updates its status).
    public static func writes(_ request: Term, kind: K8s.Kind, includingStatus: Bool) throws(SortError) -> Term {
        try .match(request) { (ctor, fields) throws(SortError) in
            switch ctor {
            case "create": return try fields[1]["kind"] .== kind.term
            case "update": return try fields[2]["kind"] .== kind.term
            case "updateStatus": return includingStatus ? try fields[2]["kind"] .== kind.term : .false
            case "delete": return try fields[0]["kind"] .== kind.term
            default: return .false
            }
        }
    }
}
