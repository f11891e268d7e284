/// The ZooKeeper controller's desired state, its scale-down safety property and catalogue entry.
public enum ZookeeperController {
    /// Whether the cluster state `s` matches the stored ZookeeperCluster `cr` (Anvil's
    /// `current_state_matches`): each of the five managed objects exists and is what the controller
    /// makes (`ManagedResource.matches`: owner references, finalizers, labels, annotations, and the
    /// spec, services' `clusterIP` aside); the stateful set is compared with the one made for the
    /// config map's current resource version (`ManagedSteps.matches`). The custom resource's status and the ZooKeeper node
    /// are not part of it.
    public static func matches(_ s: Term, _ cr: Term) throws -> Term {
        let reconciler = ZookeeperReconciler()
        return try reconciler.steps.matches(s, cr, initial: reconciler.initialState)
    }

    /// Scale-down safety (what Anvil's ZK-2 and ZK-3 broke), for the reconcile of the custom
    /// resource under `key`: while its pending request is an update of the stateful set `<name>`
    /// to `n` replicas, the size node of the running ensemble, if it exists, holds
    /// `CLUSTER_SIZE=n`, so pods the update removes read the new size and leave the ensemble.
    /// ESR cannot see this (the size is rewritten by the next reconcile); a proof that rejects the
    /// two safety mutants needs an invariant like this one. It is not inductive as it stands, and
    /// by reasoning (no test shows it) the correct controller can break it when the stateful set
    /// is deleted and re-created while a size write to the old ensemble is in flight: an address
    /// names the stateful set's uid when the write lands, so the stale write can hit the new
    /// ensemble's node at the same version (0).
    public static func sizeIsPublished(_ s: Term, key: Term) throws(SortError) -> Term {
        try s["ongoing"].lookup(key).unwrap(or: .true) { (ongoing) throws(SortError) in
            try ongoing["pendingRequest"].unwrap(or: .true) { (message) throws(SortError) in
                try .match(message["content"]) { (content, payload) throws(SortError) in
                    guard content == "apiRequest" else { return .true }
                    return try .match(payload[0]) { (request, args) throws(SortError) in
                        guard request == "update" else { return .true }
                        let (namespace, name, object) = (args[0], args[1], args[2])
                        let published = try K8s.Object.withSpec(object, as: .statefulSet, otherwise: .true) { (spec) throws(SortError) in
                            try spec["replicas"].unwrap(or: .true) { (replicas) throws(SortError) in
                                try sizeNode(s, name: name, namespace: namespace).unwrap(or: .true) { (node) throws(SortError) in
                                    try node["data"] .== Term.string("CLUSTER_SIZE=").concat(replicas.decimalString)
                                }
                            }
                        }
                        let target = try namespace .== key["namespace"] && name .== key["name"]
                            && object["kind"] .== K8s.Kind.statefulSet.term
                        return try target ==> published
                    }
                }
            }
        }
    }

    /// The size node `/zookeeper-operator/<name>` of the ensemble running on the stored stateful
    /// set `<name>`, if both exist.
    public static func sizeNode(_ s: Term, name: Term, namespace: Term) throws(SortError) -> Term {
        let absent = Term.none(.datatype(ZookeeperAPI.node))
        return try s["apiServer"]["etcd"].lookup(ZookeeperAPI.statefulSetKey(name: name, namespace: namespace)).unwrap(or: absent) {
            (sts) throws(SortError) in
            try sts["metadata"]["uid"].unwrap(or: absent) { (uid) throws(SortError) in
                try s["external"].lookup(.record(ZookeeperAPI.address, [
                    "name": name, "namespace": namespace, "uid": uid,
                    "path": .seq(["zookeeper-operator", name], of: .string),
                ]))
            }
        }
    }

    /// The catalogue entry: `anvil-sim zookeeper`.
    public static let entry = ControllerEntry(name: "zookeeper", kind: .zookeeperCluster, reconciler: ZookeeperReconciler(),
                                              external: ZookeeperAPI.system, matches: matches, sampleYAML: sampleYAML)

    /// A three-server ensemble with persistent storage and the usual ZooKeeper settings.
    public static let sampleYAML = """
        apiVersion: anvil.dev/v1
        kind: ZookeeperCluster
        metadata:
          name: zk
          namespace: default
        spec:
          replicas: 3
          image: pravega/zookeeper:0.2.14
          ports:
            client: 2181
            quorum: 2888
            leaderElection: 3888
            metrics: 7000
            adminServer: 8080
          conf:
            initLimit: 10
            tickTime: 2000
            syncLimit: 2
            globalOutstandingLimit: 1000
            preAllocSize: 65536
            snapCount: 10000
            commitLogCount: 500
            snapSizeLimitInKb: 4194304
            maxCnxns: 0
            maxClientCnxns: 60
            minSessionTimeout: 4000
            maxSessionTimeout: 40000
            autoPurgeSnapRetainCount: 3
            autoPurgePurgeInterval: 1
            quorumListenOnAllIPs: false
          persistence:
            enabled: true
            storageSize: 20Gi
            storageClassName: standard
          labels:
            team: data
          annotations:
            owner: platform
        """
}
