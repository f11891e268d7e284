extension K8s {
    /// `ObjectSpec`: one constructor per kind (named like the kind), carrying that kind's spec record.
    public static let objectSpec = DatatypeDecl("ObjectSpec", Kind.allCases.map { k in
        .init(k.rawValue, [.init("spec", .datatype(k.specDecl))])
    })

    /// `ObjectStatus`: `none` (no status written yet, and the only status of kinds without one),
    /// or one constructor per kind with a status, named like the kind.
    public static let objectStatus = DatatypeDecl("ObjectStatus", [.init("none")] + Kind.allCases.compactMap { k in
        k.statusDecl.map { .init(k.rawValue, [.init("status", .datatype($0))]) }
    })

    /// `Object {kind, metadata, spec, status}`: what etcd stores.
    public static let object = DatatypeDecl.record("Object", [
        .init("kind", .datatype(kind)), .init("metadata", .datatype(objectMeta)),
        .init("spec", .datatype(objectSpec)), .init("status", .datatype(objectStatus)),
    ])

    /// The `ObjectSpec` of `kind` carrying the spec record `payload`.
    public static func spec(_ kind: Kind, _ payload: Term) throws(SortError) -> Term {
        try .construct(objectSpec, kind.rawValue, [payload])
    }

    /// The `ObjectStatus` of `kind` carrying the status record `payload`.
    public static func status(_ kind: Kind, _ payload: Term) throws(SortError) -> Term {
        try .construct(objectStatus, kind.rawValue, [payload])
    }

    /// The status of an object no controller has written a status for.
    public static var noStatus: Term {
        do { return try .construct(objectStatus, "none") } catch { preconditionFailure("\(error)") }
    }

    /// Whether the object's spec is the one of its kind (the object "unmarshals").
    public static func specMatchesKind(_ obj: Term) throws(SortError) -> Term {
        let spec = try obj["spec"]
        return try .match(obj["kind"]) { (name, _) throws(SortError) in try spec.is(name) }
    }

    /// Whether the object's status is `none` or the status of its kind.
    public static func statusMatchesKind(_ obj: Term) throws(SortError) -> Term {
        let status = try obj["status"]
        return try .match(obj["kind"]) { (name, _) throws(SortError) in
            let isNone = try status.is("none")
            guard Kind(rawValue: name)?.statusDecl != nil else { return isNone }
            return try isNone || status.is(name)
        }
    }

    /// Builders and typed readers of `Object` terms.
    public enum Object {
        /// An object of `kind` whose spec carries the spec record `spec`.
        public static func make(_ kind: Kind, metadata: Term, spec: Term, status: Term = K8s.noStatus) throws(SortError) -> Term {
            try .record(K8s.object, ["kind": kind.term, "metadata": metadata, "spec": K8s.spec(kind, spec), "status": status])
        }

        public static func kind(_ obj: Term) throws(SortError) -> Term { try obj["kind"] }
        public static func metadata(_ obj: Term) throws(SortError) -> Term { try obj["metadata"] }
        public static func spec(_ obj: Term) throws(SortError) -> Term { try obj["spec"] }
        public static func status(_ obj: Term) throws(SortError) -> Term { try obj["status"] }

        /// `body(payload)` when the object's spec is `kind`'s spec record `payload`, else `otherwise`.
        public static func withSpec(_ obj: Term, as kind: Kind, otherwise: Term,
                                    _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
            try .match(obj["spec"]) { (name, fields) throws(SortError) in
                name == kind.rawValue ? try body(fields[0]) : otherwise
            }
        }

        /// `body(payload)` when the object's status is `kind`'s status record `payload`, else `otherwise`.
        public static func withStatus(_ obj: Term, as kind: Kind, otherwise: Term,
                                      _ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
            try .match(obj["status"]) { (name, fields) throws(SortError) in
                name == kind.rawValue ? try body(fields[0]) : otherwise
            }
        }
    }
}
