extension ZookeeperReconciler {
    /// Seeded bugs the proofs must reject: Anvil's real ZooKeeper bugs (ZK-n in the reference notes)
    /// and simple ones. Each makes the controller wrong in the cluster model; `ZookeeperMutantTests`
    /// shows how for each (a run that never reaches or keeps the desired state, or for the two
    /// safety bugs a run that breaks `ZookeeperController.sizeIsPublished`).
    public enum Bug: String, CaseIterable, Sendable {
        /// ZK-1: creating the parent node accepts only success, not "already exists": after a crash
        /// between the parent and the child node, every reconcile fails there, and the stateful set
        /// is never updated again.
        case parentNodeAlreadyExistsFails
        /// ZK-2: the result of writing the cluster size is ignored, so the stateful set is scaled
        /// although ZooKeeper was not told the new size (safety).
        case ignoresTheSetDataResult
        /// ZK-3: the cluster size is written without the version read just before, so a stale
        /// write from before a crash can land after the current one (safety).
        case setsDataWithoutVersion
        /// ZK-4: after the client service, the admin server service is created without a get: once
        /// it exists, every reconcile fails with AlreadyExists.
        case createsTheAdminServiceWithoutGet
        /// ZK-6: the claim template carries the user's labels and updates overwrite it, so a label
        /// change makes every stateful set update invalid (claim templates are immutable).
        case claimTemplateLabelsFromUserLabels
        /// ZK-7: selectors carry the user's labels and updates overwrite the stateful set's, so a
        /// label change makes every stateful set update invalid (selectors are immutable).
        case selectorFromUserLabels
        /// FB-1's shape: the admin server service step gets the client service's key, so it updates
        /// the wrong object (BadRequest) and never gets further.
        case getsTheWrongKey
        /// A skipped step: the client service is never made.
        case skipsTheClientService
        /// The stateful set gets one replica too many.
        case wrongReplicas
        /// Managed objects get no owner reference.
        case omitsTheOwnerReference
        /// An error taken for done: when the stateful set is not found, the reconcile ends as done
        /// instead of going on to create it.
        case errorTakenForDone
        /// The pod template lacks the config map's resource version, so a configuration change
        /// would not roll the pods.
        case omitsTheConfigMapVersion
        /// `zoo.cfg` is generated from default settings instead of the custom resource's `conf`.
        case zooCfgIgnoresTheConf
        /// A busy wait: a failed first get of the stateful set (a timeout, a refused request) is
        /// taken for "no answer yet", so the step stays in its phase with no request pending and
        /// runs again on nothing, forever: the reconcile never ends, and nothing after it happens.
        case waitsInPlaceAfterAFailedGet
    }
}
