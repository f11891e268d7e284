extension K8s {
    /// `ObjectKey {kind, namespace, name}`: the etcd key of an object.
    public static let objectKey = DatatypeDecl.record("ObjectKey", [
        .init("kind", .datatype(kind)), .init("namespace", .string), .init("name", .string),
    ])

    /// `OwnerReference {kind, name, uid, controller, blockOwnerDeletion}`.
    public static let ownerReference = DatatypeDecl.record("OwnerReference", [
        .init("kind", .datatype(kind)), .init("name", .string), .init("uid", .int),
        .init("controller", optionalBool), .init("blockOwnerDeletion", optionalBool),
    ])

    /// `ObjectMeta`. Labels and annotations are plain maps where the empty map means "none": a
    /// deliberate simplification of Kubernetes' `Option<Map>`, since no controller or proof
    /// distinguishes an absent map from an empty one. Owner references and finalizers are sequences
    /// where the empty sequence means "none", for the same reason.
    public static let objectMeta = DatatypeDecl.record("ObjectMeta", [
        .init("name", optionalString), .init("generateName", optionalString), .init("namespace", optionalString),
        .init("resourceVersion", optionalInt), .init("uid", optionalInt),
        .init("labels", stringMap), .init("annotations", stringMap),
        .init("ownerReferences", .seq(.datatype(ownerReference))), .init("finalizers", strings),
        .init("deletionTimestamp", optionalString),
    ])

    /// The key of the object of `kind` named `name` in `namespace`.
    public static func key(_ kind: Kind, namespace: Term, name: Term) throws(SortError) -> Term {
        try key(kind: kind.term, namespace: namespace, name: name)
    }

    /// The key of the object of `kind` named `name` in `namespace`, for a `Kind` term.
    public static func key(kind: Term, namespace: Term, name: Term) throws(SortError) -> Term {
        try .record(objectKey, ["kind": kind, "namespace": namespace, "name": name])
    }

    /// An owner reference; `controller` marks the managing owner.
    public static func ownerRef(kind: Term, name: Term, uid: Term, controller: Bool = true,
                                blockOwnerDeletion: Bool? = true) throws(SortError) -> Term {
        try .record(ownerReference, [
            "kind": kind, "name": name, "uid": uid, "controller": .some(.bool(controller)),
            "blockOwnerDeletion": blockOwnerDeletion.map { .some(.bool($0)) } ?? .none(.bool),
        ])
    }

    /// Object metadata; absent arguments are `none` or empty.
    public static func meta(
        name: Term? = nil, generateName: Term? = nil, namespace: Term? = nil,
        resourceVersion: Term? = nil, uid: Term? = nil,
        labels: Term = .emptyMap(.string, .string), annotations: Term = .emptyMap(.string, .string),
        ownerReferences: [Term] = [], finalizers: [Term] = [], deletionTimestamp: Term? = nil
    ) throws(SortError) -> Term {
        func option(_ t: Term?, _ sort: Sort) -> Term { t.map(Term.some) ?? .none(sort) }
        return try .record(objectMeta, [
            "name": option(name, .string), "generateName": option(generateName, .string),
            "namespace": option(namespace, .string), "resourceVersion": option(resourceVersion, .int),
            "uid": option(uid, .int), "labels": labels, "annotations": annotations,
            "ownerReferences": .seq(ownerReferences, of: .datatype(ownerReference)),
            "finalizers": .seq(finalizers, of: .string),
            "deletionTimestamp": option(deletionTimestamp, .string),
        ])
    }

    /// Typed readers of `ObjectMeta` fields.
    public enum ObjectMeta {
        public static func name(_ meta: Term) throws(SortError) -> Term { try meta["name"] }
        public static func generateName(_ meta: Term) throws(SortError) -> Term { try meta["generateName"] }
        public static func namespace(_ meta: Term) throws(SortError) -> Term { try meta["namespace"] }
        public static func resourceVersion(_ meta: Term) throws(SortError) -> Term { try meta["resourceVersion"] }
        public static func uid(_ meta: Term) throws(SortError) -> Term { try meta["uid"] }
        public static func labels(_ meta: Term) throws(SortError) -> Term { try meta["labels"] }
        public static func annotations(_ meta: Term) throws(SortError) -> Term { try meta["annotations"] }
        public static func ownerReferences(_ meta: Term) throws(SortError) -> Term { try meta["ownerReferences"] }
        public static func finalizers(_ meta: Term) throws(SortError) -> Term { try meta["finalizers"] }
        public static func deletionTimestamp(_ meta: Term) throws(SortError) -> Term { try meta["deletionTimestamp"] }
    }
}
