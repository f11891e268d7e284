extension RabbitmqReconciler {
    /// Seeded bugs the proofs must reject: Anvil's real RabbitMQ bugs (RMQ-n in the reference
    /// notes) and simple ones. Each makes the controller wrong in the cluster model;
    /// `RabbitmqMutantTests` shows how for each (a run that never reaches or keeps the desired
    /// state, or for RMQ-1 a run that breaks `RabbitmqController.neverScalesDown`).
    public enum Bug: String, CaseIterable, Sendable {
        /// RMQ-1: the stateful set is updated whoever owns it, so one left by a deleted namesake
        /// resource (not yet garbage-collected) is taken over and scaled down to the new
        /// resource's smaller size (safety).
        case updatesAStatefulSetItDoesNotOwn
        /// RMQ-2: the client service is named `<name>`, so the resource `foo-nodes`'s client service
        /// is the resource `foo`'s headless service, and the two reconciles fight over it forever.
        case clientServiceNamedLikeTheResource
        /// RMQ-3: a service update rewrites the whole spec, the allocated cluster IP included, so
        /// every update of the client service is invalid and the reconcile never gets past it.
        case rewritesTheWholeServiceSpec
        /// A skipped step: the default user secret is never made.
        case skipsTheDefaultUserSecret
        /// ZK-4's shape: after the default user secret, the plugins config map is created without a
        /// get, so once it exists every reconcile fails with AlreadyExists.
        case createsThePluginsConfigMapWithoutGet
        /// Wrong data: the plugins file enables the management plugin only.
        case wrongPluginsData
        /// `userDefinedConfiguration.conf` leaves out the user's `additionalConfig`.
        case userConfigurationIgnored
        /// The stateful set gets one replica too many.
        case wrongReplicas
        /// Managed objects get no owner reference.
        case omitsTheOwnerReference
        /// An error taken for done: when the stateful set is not found, the reconcile ends as done
        /// instead of creating it.
        case errorTakenForDone
        /// The pod template lacks the server config map's resource version, so a configuration
        /// change would not roll the pods.
        case omitsTheConfigMapVersion
    }
}
