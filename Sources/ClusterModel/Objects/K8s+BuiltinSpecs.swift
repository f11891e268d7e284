extension K8s {
    /// `ConfigMapSpec {data}`.
    public static let configMapSpec = DatatypeDecl.record("ConfigMapSpec", [.init("data", stringMap)])

    /// `SecretSpec {data}` (values as plain strings).
    public static let secretSpec = DatatypeDecl.record("SecretSpec", [.init("data", stringMap)])

    /// `ServicePort {name, port, targetPort}`.
    public static let servicePort = DatatypeDecl.record("ServicePort", [
        .init("name", .string), .init("port", .int), .init("targetPort", optionalInt),
    ])

    /// `ServiceSpec {clusterIP, ports, selector, publishNotReadyAddresses}`.
    public static let serviceSpec = DatatypeDecl.record("ServiceSpec", [
        .init("clusterIP", optionalString), .init("ports", .seq(.datatype(servicePort))),
        .init("selector", stringMap), .init("publishNotReadyAddresses", optionalBool),
    ])

    /// `PersistentVolumeClaimSpec {storageClassName, storage, accessModes}` (`storage`: the requested size).
    public static let persistentVolumeClaimSpec = DatatypeDecl.record("PersistentVolumeClaimSpec", [
        .init("storageClassName", optionalString), .init("storage", .string), .init("accessModes", strings),
    ])

    /// `PersistentVolumeClaimTemplate {name, labels, spec}`: a stateful set's per-pod claim.
    public static let persistentVolumeClaimTemplate = DatatypeDecl.record("PersistentVolumeClaimTemplate", [
        .init("name", .string), .init("labels", stringMap), .init("spec", .datatype(persistentVolumeClaimSpec)),
    ])

    /// `PersistentVolumeClaimRetentionPolicy {whenDeleted, whenScaled}` ("Retain" or "Delete").
    public static let persistentVolumeClaimRetentionPolicy = DatatypeDecl.record("PersistentVolumeClaimRetentionPolicy", [
        .init("whenDeleted", optionalString), .init("whenScaled", optionalString),
    ])

    /// `StatefulSetSpec`; `selector` is the label selector's `matchLabels`.
    public static let statefulSetSpec = DatatypeDecl.record("StatefulSetSpec", [
        .init("replicas", optionalInt), .init("selector", stringMap), .init("serviceName", .string),
        .init("template", .datatype(podTemplateSpec)),
        .init("volumeClaimTemplates", .seq(.datatype(persistentVolumeClaimTemplate))),
        .init("persistentVolumeClaimRetentionPolicy", .option(.datatype(persistentVolumeClaimRetentionPolicy))),
        .init("podManagementPolicy", optionalString),
    ])

    /// `StatefulSetStatus {replicas, readyReplicas}`.
    public static let statefulSetStatus = DatatypeDecl.record("StatefulSetStatus", [
        .init("replicas", .int), .init("readyReplicas", optionalInt),
    ])

    /// `DaemonSetSpec {selector, template}`; `selector` is the label selector's `matchLabels`.
    public static let daemonSetSpec = DatatypeDecl.record("DaemonSetSpec", [
        .init("selector", stringMap), .init("template", .datatype(podTemplateSpec)),
    ])

    /// `DaemonSetStatus {desiredNumberScheduled, numberReady}`.
    public static let daemonSetStatus = DatatypeDecl.record("DaemonSetStatus", [
        .init("desiredNumberScheduled", .int), .init("numberReady", .int),
    ])

    /// `ServiceAccountSpec {automountServiceAccountToken}`.
    public static let serviceAccountSpec = DatatypeDecl.record("ServiceAccountSpec", [
        .init("automountServiceAccountToken", optionalBool),
    ])

    /// `PolicyRule {apiGroups, resources, verbs}`.
    public static let policyRule = DatatypeDecl.record("PolicyRule", [
        .init("apiGroups", strings), .init("resources", strings), .init("verbs", strings),
    ])

    /// `RoleSpec {rules}`.
    public static let roleSpec = DatatypeDecl.record("RoleSpec", [.init("rules", .seq(.datatype(policyRule)))])

    /// `RoleRef {apiGroup, kind, name}`.
    public static let roleRef = DatatypeDecl.record("RoleRef", [
        .init("apiGroup", .string), .init("kind", .string), .init("name", .string),
    ])

    /// `Subject {kind, name, namespace}`.
    public static let subject = DatatypeDecl.record("Subject", [
        .init("kind", .string), .init("name", .string), .init("namespace", .string),
    ])

    /// `RoleBindingSpec {roleRef, subjects}`.
    public static let roleBindingSpec = DatatypeDecl.record("RoleBindingSpec", [
        .init("roleRef", .datatype(roleRef)), .init("subjects", .seq(.datatype(subject))),
    ])
}
