extension K8s {
    /// `FluentBitSpec`: a FluentBit daemon set and everything it needs. `resources`, `affinity`,
    /// `tolerations` (each element), `securityContext`, `containerSecurityContext`, `livenessProbe`
    /// and `readinessProbe` are opaque; `positionDB` is the host path of the positions database.
    public static let fluentBitSpec = DatatypeDecl.record("FluentBitSpec", [
        .init("fluentBitConfigName", .string), .init("image", .string), .init("args", strings),
        .init("command", strings), .init("imagePullPolicy", optionalString), .init("imagePullSecrets", strings),
        .init("resources", optionalString), .init("tolerations", strings), .init("labels", stringMap),
        .init("annotations", stringMap), .init("serviceAccountAnnotations", stringMap),
        .init("serviceLabels", stringMap), .init("serviceSelector", stringMap),
        .init("serviceAnnotations", stringMap), .init("affinity", optionalString),
        .init("disableLogVolumes", .bool), .init("nodeSelector", stringMap),
        .init("runtimeClassName", optionalString), .init("dnsPolicy", optionalString),
        .init("priorityClassName", optionalString), .init("volumes", .seq(.datatype(volume))),
        .init("volumeMounts", .seq(.datatype(volumeMount))), .init("schedulerName", optionalString),
        .init("metricsPort", .int), .init("internalMountPropagation", optionalString),
        .init("positionDB", optionalString), .init("containerLogRealPath", optionalString),
        .init("securityContext", optionalString), .init("containerSecurityContext", optionalString),
        .init("hostNetwork", optionalBool), .init("envVars", .seq(.datatype(envVar))),
        .init("livenessProbe", optionalString), .init("readinessProbe", optionalString),
        .init("initContainers", .seq(.datatype(container))), .init("ports", .seq(.datatype(containerPort))),
    ])

    /// `FluentBitConfigSpec {fluentBitConfig, parsersConfig}`: the two configuration files.
    public static let fluentBitConfigSpec = DatatypeDecl.record("FluentBitConfigSpec", [
        .init("fluentBitConfig", .string), .init("parsersConfig", .string),
    ])
}
