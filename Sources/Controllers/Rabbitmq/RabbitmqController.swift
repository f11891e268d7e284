/// The RabbitMQ controller's desired state, its scale-down safety property and catalogue entry.
public enum RabbitmqController {
    /// Whether the cluster state `s` matches the stored RabbitmqCluster `cr` (Anvil's
    /// `current_state_matches`): each of the ten managed objects exists and is what the controller
    /// makes (`ManagedResource.matches`: owner references, finalizers, labels, annotations, and the
    /// spec, services' `clusterIP` aside); the stateful set is compared with the one made for the
    /// server config map's current resource version (`ManagedSteps.matches`).
    public static func matches(_ s: Term, _ cr: Term) throws -> Term {
        let reconciler = RabbitmqReconciler()
        return try reconciler.steps.matches(s, cr, initial: reconciler.initialState)
    }

    /// The stateful set `<name>-server` of the RabbitmqCluster under `key`, if it exists.
    public static func statefulSet(_ s: Term, key: Term) throws(SortError) -> Term {
        try s["apiServer"]["etcd"].lookup(K8s.key(.statefulSet, namespace: key["namespace"], name: key["name"].concat("-server")))
    }

    /// Scale-down safety (Anvil's RabbitMQ safety theorem, what RMQ-1 broke), as a relation between
    /// a state `s` and the next state `next`: when the stateful set of the RabbitmqCluster under
    /// `key` exists in both, it has at least as many replicas in `next` as in `s` (an unset count
    /// is Kubernetes' default, 1). RabbitMQ cannot leave the cluster safely when a node goes, so
    /// the controller only ever scales up (the resource's replicas never decrease); deleting the
    /// stateful set and making a new one is not a scale-down.
    public static func neverScalesDown(_ s: Term, _ next: Term, key: Term) throws(SortError) -> Term {
        func replicas(_ state: Term) throws(SortError) -> Term {
            try statefulSet(state, key: key).unwrap(or: .none(.int)) { (sts) throws(SortError) in
                try K8s.Object.withSpec(sts, as: .statefulSet, otherwise: .none(.int)) { (spec) throws(SortError) in
                    try .some(spec["replicas"].unwrap(or: 1) { $0 })
                }
            }
        }
        return try replicas(s).unwrap(or: .true) { (before) throws(SortError) in
            try replicas(next).unwrap(or: .true) { (after) throws(SortError) in try after >= before }
        }
    }

    /// The catalogue entry: `anvil-sim rabbitmq`.
    public static let entry = ControllerEntry(name: "rabbitmq", kind: .rabbitmqCluster, reconciler: RabbitmqReconciler(), external: nil,
                                              matches: matches, sampleYAML: sampleYAML)

    /// A three-node cluster with persistent storage and a line of user configuration.
    public static let sampleYAML = """
        apiVersion: rabbitmq.com/v1beta1
        kind: RabbitmqCluster
        metadata:
          name: rabbit
          namespace: default
        spec:
          replicas: 3
          image: rabbitmq:3.11.10-management
          persistence:
            storageClassName: standard
            storage: 10Gi
          rabbitmqConfig:
            additionalConfig: |
              log.console.level = info
          podManagementPolicy: Parallel
          labels:
            team: messaging
          annotations:
            owner: platform
        """
}
