extension K8s {
    /// The cluster IP the API server allocates to the new service with uid `uid`: one address per
    /// service (the model does not exhaust or reuse the range).
    public static func allocatedClusterIP(uid: Term) throws(SortError) -> Term {
        try Term.string("10.96.0.").concat(uid.decimalString)
    }

    /// The spec a new object is stored with: a service that names no cluster IP gets one allocated
    /// (`allocatedClusterIP`); one that names an address, or "None" (a headless service), keeps
    /// it. Other specs are stored as given.
    public static func specAsCreated(_ spec: Term, uid: Term) throws(SortError) -> Term {
        try .match(spec) { (name, fields) throws(SortError) in
            guard name == Kind.service.rawValue else { return spec }
            let service = fields[0]
            return try K8s.spec(.service, service.with("clusterIP", service["clusterIP"].unwrap(or: .some(allocatedClusterIP(uid: uid))) {
                (given) throws(SortError) in .some(given)
            }))
        }
    }

    /// Allowed changes of a service spec: the cluster IP is immutable, so an update must carry the
    /// stored one (Kubernetes' validation; newer API servers copy an omitted cluster IP from the
    /// stored service before validating, which the model does not do, so it is the stricter of the two).
    public static func serviceTransitionIsValid(old: Term, new: Term) throws(SortError) -> Term {
        try old["clusterIP"] .== new["clusterIP"]
    }
}
