extension FluentBitReconciler {
    /// Seeded bugs the proofs must reject: Anvil's real FluentBit bug (FB-1 in the reference
    /// notes) and simple ones. Each makes the controller wrong in the cluster model;
    /// `FluentBitMutantTests` shows how for each (a run that never reaches or keeps the desired state).
    public enum Bug: String, CaseIterable, Sendable {
        /// FB-1: after the secret check the reconcile gets the role's key while it waits for the
        /// service account, so once the role exists the service account's update is made from the
        /// role and refused, and the reconcile never gets further.
        case getsTheRoleKeyAfterTheSecret
        /// A skipped step: the role binding is never made.
        case skipsTheRoleBinding
        /// Wrong data: the role lets the pods list pods instead of getting them.
        case wrongRoleRules
        /// The daemon set mounts a secret named after the resource instead of its configuration.
        case configVolumeNamesTheResource
        /// RMQ-3's shape: the service update rewrites the whole spec, the allocated cluster IP
        /// included, so it is invalid and the reconcile never reaches the daemon set again.
        case rewritesTheWholeServiceSpec
        /// ZK-4's shape: after the service the daemon set is created without a get, so once it
        /// exists every reconcile fails with AlreadyExists.
        case createsTheDaemonSetWithoutGet
        /// An update that keeps the found daemon set's pod template: a change of the resource
        /// never reaches the pods.
        case updateKeepsTheTemplate
        /// Managed objects get no owner reference.
        case omitsTheOwnerReference
        /// An error taken for done: when the daemon set is not found, the reconcile ends as done
        /// instead of creating it.
        case errorTakenForDone
    }
}
