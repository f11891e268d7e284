/// The five objects the FluentBit controller manages for a FluentBit `<name>`, as
/// `ManagedResource`s in reconcile order: the service account `<name>`, the role `<name>-role`
/// and its binding `<name>-role-binding`, the metrics service `<name>` and the daemon set
/// `<name>`, which runs Fluent Bit on every node with the configuration secret
/// `<fluentBitConfigName>` (made by the FluentBitConfig controller or a user, never by this one).
/// Each is built with the seeded bug, if any.
public struct FluentBitObjects: Sendable {
    /// The seeded bug the objects are built with, if any.
    public let bug: FluentBitReconciler.Bug?
    public init(bug: FluentBitReconciler.Bug? = nil) { self.bug = bug }

    /// The managed resources, in reconcile order.
    public var resources: [ManagedResource] { [serviceAccount, role, roleBinding, service, daemonSet] }

    // MARK: Reading the custom resource

    /// The FluentBit spec of a custom resource (the zero spec for another kind).
    public static func spec(_ cr: Term) throws(SortError) -> Term { try ManagedResource.spec(cr, .fluentBit) }

    /// The CR's `spec.labels` plus `app: <name>` (the base label wins).
    public static func labels(_ cr: Term) throws(SortError) -> Term { try ManagedResource.labels(cr, adding: spec(cr)["labels"]) }

    /// The key of the configuration secret: `<fluentBitConfigName>` in the resource's namespace.
    public static func configSecretKey(_ cr: Term) throws(SortError) -> Term {
        try K8s.key(.secret, namespace: ManagedResource.namespace(cr), name: spec(cr)["fluentBitConfigName"])
    }

    /// `<name><suffix>`.
    static func name(_ cr: Term, _ suffix: String) throws(SortError) -> Term { try ManagedResource.name(cr).concat(.string(suffix)) }

    /// A managed object `<name><suffix>` of `kind` whose update overwrites `managedSpecFields`,
    /// made by `make(cr, metadata)` with the resource's labels and annotations by default.
    func object(_ id: String, _ kind: K8s.Kind, suffix: String, managedSpecFields: [String],
                        labels: @escaping @Sendable (Term) throws(SortError) -> Term = { (cr) throws(SortError) in try Self.labels(cr) },
                        annotations: @escaping @Sendable (Term) throws(SortError) -> Term = { (cr) throws(SortError) in try Self.spec(cr)["annotations"] },
                        updatesOnlyIf: (@Sendable (Term, Term) throws(SortError) -> Term)? = nil,
                        make: @escaping @Sendable (_ cr: Term, _ metadata: Term) throws(SortError) -> Term) -> ManagedResource {
        let owners: [Term]? = bug == .omitsTheOwnerReference ? [] : nil
        return ManagedResource(id, kind: kind, managedSpecFields: managedSpecFields, name: { (cr) throws(SortError) in try Self.name(cr, suffix) },
                               updatesOnlyIf: updatesOnlyIf ?? { _, _ in .true }) { (cr, _) throws(SortError) in
            try make(cr, ManagedResource.metadata(cr, name: Self.name(cr, suffix), labels: labels(cr), annotations: annotations(cr), owners: owners))
        }
    }

    // MARK: Access to the Kubernetes API

    /// `<name>`: the pods' service account, with the resource's service account annotations.
    public var serviceAccount: ManagedResource {
        object("serviceAccount", .serviceAccount, suffix: "", managedSpecFields: ["automountServiceAccountToken"],
               annotations: { (cr) throws(SortError) in try Self.spec(cr)["serviceAccountAnnotations"] }) { (_, metadata) throws(SortError) in
            try ManagedResource.serviceAccountObject(metadata: metadata, automount: .none(.bool))
        }
    }

    /// `<name>-role`: reading pods (Fluent Bit's Kubernetes filter adds pod metadata to records).
    public var role: ManagedResource {
        let verbs = bug == .wrongRoleRules ? ["list"] : ["get"]
        return object("role", .role, suffix: "-role", managedSpecFields: ManagedResource.roleUpdateFields) { (_, metadata) throws(SortError) in
            try ManagedResource.roleObject(metadata: metadata, rules: [(["pods"], verbs)])
        }
    }

    /// `<name>-role-binding`: the role bound to the service account.
    public var roleBinding: ManagedResource {
        object("roleBinding", .roleBinding, suffix: "-role-binding", managedSpecFields: ManagedResource.roleBindingUpdateFields) {
            (cr, metadata) throws(SortError) in
            try ManagedResource.roleBindingObject(metadata: metadata, role: Self.name(cr, "-role"), serviceAccount: ManagedResource.name(cr),
                                                  namespace: ManagedResource.namespace(cr))
        }
    }

    // MARK: Service

    /// `<name>`: the metrics port, with the resource's service labels (plus `app: <name>`) and
    /// annotations; it selects the resource's `serviceSelector`, or the pods' base label when that
    /// is empty. (Anvil's also publishes the user's container `ports`; turning a list of
    /// container ports into service ports needs a map over a sequence, which the term language
    /// does not have, so here they are the container's only.)
    public var service: ManagedResource {
        let overwritten = bug == .rewritesTheWholeServiceSpec ? K8s.serviceSpec.constructors[0].fields.map(\.name)
            : ManagedResource.serviceUpdateFields
        return ManagedResource.service("service", managedSpecFields: overwritten, name: { (cr) throws(SortError) in try ManagedResource.name(cr) }) {
            (cr, _) throws(SortError) in
            let spec = try Self.spec(cr)
            let selector = try spec["serviceSelector"]
            let metadata = try ManagedResource.metadata(cr, name: ManagedResource.name(cr),
                                                        labels: ManagedResource.labels(cr, adding: spec["serviceLabels"]),
                                                        annotations: spec["serviceAnnotations"], owners: bug == .omitsTheOwnerReference ? [] : nil)
            return try ManagedResource.serviceObject(
                metadata: metadata, ports: [("metrics", spec["metricsPort"])],
                selector: .ite(selector .== .emptyMap(.string, .string), ManagedResource.baseLabels(cr), selector))
        }
    }
}
