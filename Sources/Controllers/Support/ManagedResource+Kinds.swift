/// Builders for the kinds of sub-resource controllers keep (services, config maps and secrets,
/// service accounts, roles, role bindings), so that each controller states only what is its own.
extension ManagedResource {
    /// The service spec fields an update overwrites: the ports, the selector and whether not-ready
    /// pods are published. The cluster IP is the API server's (allocated on create, immutable).
    public static let serviceUpdateFields = ["ports", "selector", "publishNotReadyAddresses"]

    /// A managed service named `name(cr)`, made by `make`: an update overwrites
    /// `managedSpecFields` (by default `serviceUpdateFields`), the desired state ignores the cluster IP.
    public static func service(_ id: String, managedSpecFields: [String] = serviceUpdateFields,
                               name: @escaping @Sendable (_ cr: Term) throws(SortError) -> Term,
                               make: @escaping @Sendable (_ cr: Term, _ local: Term) throws(SortError) -> Term) -> ManagedResource {
        ManagedResource(id, kind: .service, managedSpecFields: managedSpecFields, ignoredSpecFields: ["clusterIP"], name: name, make: make)
    }

    /// A service object: `ports` (a name and a port term each), the selector, the cluster IP
    /// (`none`: the API server allocates one; `"None"`: a headless service) and whether
    /// not-ready pods are published.
    public static func serviceObject(metadata: Term, ports: [(name: String, port: Term)], selector: Term,
                                     clusterIP: Term = .none(.string), publishNotReadyAddresses: Term = .none(.bool)) throws(SortError) -> Term {
        let servicePorts = try ports.map { (p) throws(SortError) in
            try Term.record(K8s.servicePort, zeroExcept: ["name": .string(p.name), "port": p.port])
        }
        return try K8s.Object.make(.service, metadata: metadata, spec: .record(K8s.serviceSpec, [
            "clusterIP": clusterIP, "ports": .seq(servicePorts, of: .datatype(K8s.servicePort)), "selector": selector,
            "publishNotReadyAddresses": publishNotReadyAddresses,
        ]))
    }

    /// A config map or a secret (`kind`) holding `data`.
    public static func dataObject(_ kind: K8s.Kind, metadata: Term, data: Term) throws(SortError) -> Term {
        try K8s.Object.make(kind, metadata: metadata, spec: .record(kind.specDecl, ["data": data]))
    }

    /// A service account; `automount` is its `automountServiceAccountToken` (an `Option<Bool>`).
    public static func serviceAccountObject(metadata: Term, automount: Term) throws(SortError) -> Term {
        try K8s.Object.make(.serviceAccount, metadata: metadata, spec: .record(K8s.serviceAccountSpec, ["automountServiceAccountToken": automount]))
    }

    /// A role granting `verbs` on `resources` of the core API group, one rule per entry.
    public static func roleObject(metadata: Term, rules: [(resources: [String], verbs: [String])]) throws(SortError) -> Term {
        let policies = try rules.map { (rule) throws(SortError) in
            try Term.record(K8s.policyRule, [
                "apiGroups": .seq([""], of: .string), "resources": .seq(rule.resources.map(Term.string), of: .string),
                "verbs": .seq(rule.verbs.map(Term.string), of: .string),
            ])
        }
        return try K8s.Object.make(.role, metadata: metadata, spec: .record(K8s.roleSpec, ["rules": .seq(policies, of: .datatype(K8s.policyRule))]))
    }

    /// A role binding of the role `role` to the service account `serviceAccount` in `namespace`.
    public static func roleBindingObject(metadata: Term, role: Term, serviceAccount: Term, namespace: Term) throws(SortError) -> Term {
        let subject = try Term.record(K8s.subject, ["kind": "ServiceAccount", "name": serviceAccount, "namespace": namespace])
        return try K8s.Object.make(.roleBinding, metadata: metadata, spec: .record(K8s.roleBindingSpec, [
            "roleRef": .record(K8s.roleRef, ["apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": role]),
            "subjects": .seq([subject], of: .datatype(K8s.subject)),
        ]))
    }

    /// A stateful set's claim template `name`: one read-write-once volume of `storage` of the
    /// storage class `storageClass`, labelled `labels` (claim templates are immutable, so these
    /// should be the base labels only).
    public static func claimTemplate(_ name: String, labels: Term, storageClass: Term, storage: Term) throws(SortError) -> Term {
        try .record(K8s.persistentVolumeClaimTemplate, [
            "name": .string(name), "labels": labels,
            "spec": .record(K8s.persistentVolumeClaimSpec, [
                "storageClassName": .some(storageClass), "storage": storage, "accessModes": .seq(["ReadWriteOnce"], of: .string),
            ]),
        ])
    }

    /// The spec fields of a role and a role binding an update overwrites (all of them).
    public static let roleUpdateFields = ["rules"], roleBindingUpdateFields = ["roleRef", "subjects"]
}
