/// A sub-resource a controller keeps in line with its custom resource (a service, a config map, a
/// stateful set, ...), described once: its key, how to make it fresh, which fields an update
/// overwrites, which fields the desired state ignores, and an optional condition on the object
/// found before an update, and the local-state field (if any) that keeps the resource version of
/// the object once written. `ManagedSteps` turns a list of these into the reconcile steps
/// "get, then create (not found) or update (found)", and `matches` into the desired state, so every
/// controller built on it gets the same, proved pattern.
///
/// Every managed object gets exactly one owner reference, a controller reference to the custom
/// resource (`ManagedResource.ownerReference`), no finalizers, the labels and annotations the
/// controller gives (`ManagedResource.metadata`); an update keeps everything else of the fetched
/// object (resource version, uid, status, unmanaged metadata and spec fields), so it is
/// conditional on the fetched resource version.
public struct ManagedResource: Sendable {
    /// The sub-resource's case in the controller's `SubResource` enumeration.
    public let id: String
    /// The object's kind.
    public let kind: K8s.Kind
    /// The spec fields an update overwrites with the made object's (the rest stay as found).
    public let managedSpecFields: [String]
    /// The spec fields the desired state does not compare (`clusterIP`, which the API server assigns).
    public let ignoredSpecFields: [String]
    /// The local-state field (an `Option<Int>`) that keeps the object's resource version after a
    /// successful write, for objects others are made from (a config map whose version a pod
    /// template carries); `nil` for the others.
    public let resourceVersionField: String?
    let name: @Sendable (_ cr: Term) throws(SortError) -> Term
    let build: @Sendable (_ cr: Term, _ local: Term) throws(SortError) -> Term
    let canWrite: @Sendable (_ local: Term) throws(SortError) -> Term
    let canUpdate: @Sendable (_ cr: Term, _ found: Term) throws(SortError) -> Term

    /// A sub-resource named `name(cr)` in the custom resource's namespace, made by `make(cr, local)`.
    /// `requires(local)` must hold to create or update it (else the step fails), and
    /// `updatesOnlyIf(cr, found)` to update a found object (else the step fails, waiting for
    /// someone else, such as the garbage collector, to fix it). With `keepsResourceVersionIn`, a
    /// successful write stores the written object's resource version in that local-state field.
    public init(_ id: String, kind: K8s.Kind, managedSpecFields: [String], ignoredSpecFields: [String] = [],
                keepsResourceVersionIn resourceVersionField: String? = nil,
                name: @escaping @Sendable (_ cr: Term) throws(SortError) -> Term,
                requires: @escaping @Sendable (_ local: Term) throws(SortError) -> Term = { _ in .true },
                updatesOnlyIf: @escaping @Sendable (_ cr: Term, _ found: Term) throws(SortError) -> Term = { _, _ in .true },
                make: @escaping @Sendable (_ cr: Term, _ local: Term) throws(SortError) -> Term) {
        self.id = id
        self.kind = kind
        self.managedSpecFields = managedSpecFields
        self.ignoredSpecFields = ignoredSpecFields
        self.resourceVersionField = resourceVersionField
        self.name = name
        self.build = make
        canWrite = requires
        canUpdate = updatesOnlyIf
    }

    // MARK: What the steps and the desired state use

    /// The object's key: `name(cr)` in the custom resource's namespace.
    public func key(_ cr: Term) throws(SortError) -> Term {
        try K8s.key(kind, namespace: Self.namespace(cr), name: name(cr))
    }

    /// A fresh object, as the create request carries it.
    public func make(_ cr: Term, _ local: Term) throws(SortError) -> Term { try build(cr, local) }

    /// Whether the local state allows writing the object.
    public func requires(_ local: Term) throws(SortError) -> Term { try canWrite(local) }

    /// Whether a found object may be updated.
    public func updatesOnlyIf(_ cr: Term, _ found: Term) throws(SortError) -> Term { try canUpdate(cr, found) }

    /// The update of a found object: the found object with the made object's owner references,
    /// finalizers, labels and annotations, and the managed spec fields; everything else as found.
    public func update(_ cr: Term, _ local: Term, found: Term) throws(SortError) -> Term {
        try Term.letIn("made", make(cr, local)) { (made) throws(SortError) in try updated(found, made: made) }
    }

    /// `found` with the managed parts of `made` (see `update`).
    public func updated(_ found: Term, made: Term) throws(SortError) -> Term {
        let madeMeta = try made["metadata"]
        var meta = try found["metadata"]
        for field in Self.managedMetadataFields { meta = try meta.with(field, madeMeta[field]) }
        let spec = try K8s.Object.withSpec(made, as: kind, otherwise: found["spec"]) { (madeSpec) throws(SortError) in
            var spec = try K8s.Object.withSpec(found, as: kind, otherwise: madeSpec) { $0 }
            for field in managedSpecFields { spec = try spec.with(field, madeSpec[field]) }
            return try K8s.spec(kind, spec)
        }
        return try found.with("metadata", meta).with("spec", spec)
    }

    /// Whether a stored object is what the controller makes: the same owner references, finalizers,
    /// labels and annotations, and the same spec except for the ignored fields.
    public func matches(_ cr: Term, _ local: Term, stored: Term) throws(SortError) -> Term {
        try Term.letIn("made", make(cr, local)) { (made) throws(SortError) in
            try .and(Self.managedMetadataFields.map { (field) throws(SortError) in
                try stored["metadata"][field] .== made["metadata"][field]
            } + [comparedSpec(stored) .== comparedSpec(made)])
        }
    }

    /// The spec with the ignored fields blanked, as the desired state compares it.
    public func comparedSpec(_ obj: Term) throws(SortError) -> Term {
        guard !ignoredSpecFields.isEmpty else { return try obj["spec"] }
        return try K8s.Object.withSpec(obj, as: kind, otherwise: obj["spec"]) { (spec) throws(SortError) in
            var blanked = spec
            for field in ignoredSpecFields {
                let sort = try spec[field].sort
                blanked = try blanked.with(field, .literal(sort.zeroValue, sort: sort))
            }
            return try K8s.spec(kind, blanked)
        }
    }

    /// The metadata fields every managed object takes from the made object.
    public static let managedMetadataFields = ["ownerReferences", "finalizers", "labels", "annotations"]

    // MARK: Building managed objects

    /// The custom resource's name (`""` when it has none, which a stored resource never lacks).
    public static func name(_ cr: Term) throws(SortError) -> Term { try cr["metadata"]["name"].unwrap(or: "") { $0 } }

    /// The custom resource's namespace.
    public static func namespace(_ cr: Term) throws(SortError) -> Term { try cr["metadata"]["namespace"].unwrap(or: "") { $0 } }

    /// The spec record of a custom resource of `kind` (the zero spec for another kind).
    public static func spec(_ cr: Term, _ kind: K8s.Kind) throws(SortError) -> Term {
        try K8s.Object.withSpec(cr, as: kind, otherwise: .literal(Sort.datatype(kind.specDecl).zeroValue, sort: .datatype(kind.specDecl))) { $0 }
    }

    /// `{app: <name>}`: the label every selector uses (selectors are immutable, so never user labels).
    public static func baseLabels(_ cr: Term) throws(SortError) -> Term {
        try Term.emptyMap(.string, .string).inserting("app", name(cr))
    }

    /// `labels` (the user's, from the custom resource) plus `app: <name>`; the base label wins.
    public static func labels(_ cr: Term, adding labels: Term) throws(SortError) -> Term {
        try labels.inserting("app", name(cr))
    }

    /// The controller owner reference to the custom resource (its kind, name and uid).
    public static func ownerReference(_ cr: Term) throws(SortError) -> Term {
        try K8s.ownerRef(kind: cr["kind"], name: name(cr), uid: cr["metadata"]["uid"].unwrap(or: 0) { $0 })
    }

    /// Whether the found object `found` is owned by exactly the custom resource `cr`: its only owner
    /// reference is the resource's controller reference (so an object of a deleted namesake
    /// resource, which has another uid, is not). The condition workloads are updated under
    /// (`updatesOnlyIf`), so that the garbage collector, not the controller, deals with others'.
    public static func isOwnedOnly(by cr: Term, _ found: Term) throws(SortError) -> Term {
        try found["metadata"]["ownerReferences"] .== .seq([ownerReference(cr)], of: .datatype(K8s.ownerReference))
    }

    /// The pod template annotation carrying the resource version of a config map the pods read,
    /// so that a change of the configuration rolls the pods.
    public static let restartAnnotation = "anvil.dev/lastRestartAt"

    /// `annotations` plus `restartAnnotation` set to the decimal `version` (an `Option<Int>`; `""`
    /// when none).
    public static func annotations(_ annotations: Term, restartingAt version: Term) throws(SortError) -> Term {
        try annotations.inserting(.string(restartAnnotation), version.unwrap(or: "") { (rv) throws(SortError) in try rv.decimalString })
    }

    /// The metadata of a managed object named `name` in the custom resource's namespace: owned by
    /// the custom resource alone (`owners`, by default its controller reference), no finalizers.
    public static func metadata(_ cr: Term, name: Term, labels: Term, annotations: Term,
                                owners: [Term]? = nil) throws(SortError) -> Term {
        var references = [try ownerReference(cr)]
        if let owners { references = owners }
        return try K8s.meta(name: name, namespace: namespace(cr), labels: labels, annotations: annotations,
                            ownerReferences: references)
    }
}
