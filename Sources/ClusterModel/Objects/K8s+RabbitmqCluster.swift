extension K8s {
    /// `RabbitmqPersistence {storageClassName, storage}` (`storage`: the volume size, e.g. "10Gi";
    /// "0Gi" means no persistent volume). The storage class is required, as in Anvil after its
    /// RMQ-4 (an optional class left the immutable claim template to defaulting; the custom
    /// resource definition defaults it to "standard").
    public static let rabbitmqPersistence = DatatypeDecl.record("RabbitmqPersistence", [
        .init("storageClassName", .string), .init("storage", .string),
    ])

    /// `RabbitmqConfig {additionalConfig, advancedConfig, envConfig}`: user configuration files.
    public static let rabbitmqConfig = DatatypeDecl.record("RabbitmqConfig", [
        .init("additionalConfig", optionalString), .init("advancedConfig", optionalString),
        .init("envConfig", optionalString),
    ])

    /// `RabbitmqClusterSpec`. `resources`, `affinity` and `tolerations` (each element) are opaque;
    /// `podManagementPolicy` defaults to "Parallel" in the custom resource definition.
    public static let rabbitmqClusterSpec = DatatypeDecl.record("RabbitmqClusterSpec", [
        .init("replicas", .int), .init("image", .string), .init("persistence", .datatype(rabbitmqPersistence)),
        .init("rabbitmqConfig", .option(.datatype(rabbitmqConfig))), .init("affinity", optionalString),
        .init("tolerations", strings), .init("labels", stringMap), .init("annotations", stringMap),
        .init("resources", optionalString), .init("podManagementPolicy", .string),
        .init("persistentVolumeClaimRetentionPolicy", .option(.datatype(persistentVolumeClaimRetentionPolicy))),
    ])

    /// Admission rule of a RabbitmqCluster spec: a non-negative replica count.
    public static let rabbitmqClusterRules: [ValidationRule] = [
        ValidationRule("spec.replicas", "must not be negative") { (spec) throws(SortError) in try spec["replicas"] >= 0 },
    ]

    /// Allowed changes of a RabbitmqCluster spec: replicas never decrease; the storage size, the
    /// storage class and the pod management policy are immutable.
    public static func rabbitmqClusterTransitionIsValid(old: Term, new: Term) throws(SortError) -> Term {
        try .and([
            old["replicas"] <= new["replicas"],
            old["persistence"]["storage"] .== new["persistence"]["storage"],
            old["persistence"]["storageClassName"] .== new["persistence"]["storageClassName"],
            old["podManagementPolicy"] .== new["podManagementPolicy"],
        ])
    }
}
