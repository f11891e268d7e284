extension K8s {
    /// `ContainerPort {name, containerPort}`.
    public static let containerPort = DatatypeDecl.record("ContainerPort", [
        .init("name", .string), .init("containerPort", .int),
    ])

    /// `EnvVar {name, value}` (only literal values are modelled).
    public static let envVar = DatatypeDecl.record("EnvVar", [.init("name", .string), .init("value", .string)])

    /// `VolumeMount {name, mountPath, readOnly}`.
    public static let volumeMount = DatatypeDecl.record("VolumeMount", [
        .init("name", .string), .init("mountPath", .string), .init("readOnly", .bool),
    ])

    /// `Container`. `resources`, `readinessProbe`, `livenessProbe` and `securityContext` are opaque.
    public static let container = DatatypeDecl.record("Container", [
        .init("name", .string), .init("image", .string), .init("command", strings), .init("args", strings),
        .init("ports", .seq(.datatype(containerPort))), .init("env", .seq(.datatype(envVar))),
        .init("volumeMounts", .seq(.datatype(volumeMount))), .init("imagePullPolicy", optionalString),
        .init("resources", optionalString), .init("readinessProbe", optionalString),
        .init("livenessProbe", optionalString), .init("preStopCommand", strings),
        .init("securityContext", optionalString),
    ])

    /// `KeyToPath {key, path}`: one projected key of a config map volume.
    public static let keyToPath = DatatypeDecl.record("KeyToPath", [.init("key", .string), .init("path", .string)])

    /// `VolumeSource`: where a volume's content comes from. A config map volume with no items
    /// projects every key.
    public static let volumeSource = DatatypeDecl("VolumeSource", [
        .init("configMap", [.init("name", .string), .init("items", .seq(.datatype(keyToPath)))]),
        .init("secret", [.init("secretName", .string)]),
        .init("emptyDir"),
        .init("hostPath", [.init("path", .string)]),
        .init("persistentVolumeClaim", [.init("claimName", .string)]),
    ])

    /// `Volume {name, source}`.
    public static let volume = DatatypeDecl.record("Volume", [
        .init("name", .string), .init("source", .datatype(volumeSource)),
    ])

    /// `PodSpec`. `affinity`, `tolerations` (each element) and `securityContext` are opaque.
    public static let podSpec = DatatypeDecl.record("PodSpec", [
        .init("containers", .seq(.datatype(container))), .init("initContainers", .seq(.datatype(container))),
        .init("volumes", .seq(.datatype(volume))), .init("serviceAccountName", optionalString),
        .init("nodeSelector", stringMap), .init("affinity", optionalString), .init("tolerations", strings),
        .init("imagePullSecrets", strings), .init("hostNetwork", optionalBool), .init("dnsPolicy", optionalString),
        .init("priorityClassName", optionalString), .init("schedulerName", optionalString),
        .init("runtimeClassName", optionalString), .init("securityContext", optionalString),
    ])

    /// `PodTemplateSpec {labels, annotations, spec}`: the pods a workload creates.
    public static let podTemplateSpec = DatatypeDecl.record("PodTemplateSpec", [
        .init("labels", stringMap), .init("annotations", stringMap), .init("spec", .datatype(podSpec)),
    ])
}
