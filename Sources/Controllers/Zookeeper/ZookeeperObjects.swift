/// The five objects the ZooKeeper controller manages for a ZookeeperCluster `<name>`, as
/// `ManagedResource`s: the headless service `<name>-headless` (the ensemble's peer addresses), the
/// client service `<name>-client`, the admin server service `<name>-admin-server`, the config map
/// `<name>-configmap` and the stateful set `<name>`. Each is built with the seeded bug, if any.
public struct ZookeeperObjects: Sendable {
    /// The seeded bug the objects are built with, if any.
    public let bug: ZookeeperReconciler.Bug?
    public init(bug: ZookeeperReconciler.Bug? = nil) { self.bug = bug }

    /// The local-state field holding the config map's resource version (after its write).
    public static let configMapVersionField = "configMapResourceVersion"

    /// The managed resources, in reconcile order.
    public var resources: [ManagedResource] {
        [headlessService, clientService, adminServerService, configMap, statefulSet]
    }

    // MARK: Reading the custom resource

    /// The ZookeeperCluster spec of a custom resource (the zero spec for another kind).
    public static func spec(_ cr: Term) throws(SortError) -> Term { try ManagedResource.spec(cr, .zookeeperCluster) }

    /// `{app: <name>}`: the label every selector uses.
    public static func baseLabels(_ cr: Term) throws(SortError) -> Term { try ManagedResource.baseLabels(cr) }

    /// The CR's `spec.labels` plus `app: <name>` (the base label wins).
    public static func labels(_ cr: Term) throws(SortError) -> Term { try ManagedResource.labels(cr, adding: spec(cr)["labels"]) }

    /// The metadata of a managed object `<name><suffix>`.
    func metadata(_ cr: Term, suffix: String) throws(SortError) -> Term {
        try ManagedResource.metadata(cr, name: ManagedResource.name(cr).concat(.string(suffix)), labels: Self.labels(cr),
                                     annotations: Self.spec(cr)["annotations"], owners: bug == .omitsTheOwnerReference ? [] : nil)
    }

    // MARK: Services

    /// `<name>-headless`: no cluster IP, every ZooKeeper port, not-ready pods published (peers must
    /// find each other before they are ready).
    public var headlessService: ManagedResource {
        service("headlessService", suffix: "-headless", ports: [
            ("tcp-client", "client"), ("tcp-quorum", "quorum"), ("tcp-leader-election", "leaderElection"),
            ("tcp-metrics", "metrics"), ("tcp-admin-server", "adminServer"),
        ], clusterIP: .some("None"), publishNotReadyAddresses: .some(true))
    }

    /// `<name>-client`: the client port; the cluster IP is the API server's to assign.
    public var clientService: ManagedResource {
        service("clientService", suffix: "-client", ports: [("tcp-client", "client")])
    }

    /// `<name>-admin-server`: the admin server port.
    public var adminServerService: ManagedResource {
        service("adminServerService", suffix: "-admin-server", ports: [("tcp-admin-server", "adminServer")])
    }

    private func service(_ id: String, suffix: String, ports: [(name: String, field: String)],
                         clusterIP: Term = .none(.string), publishNotReadyAddresses: Term = .none(.bool)) -> ManagedResource {
        let bug = self.bug, objects = self
        return ManagedResource.service(id, name: { (cr) throws(SortError) in try ManagedResource.name(cr).concat(.string(suffix)) }) {
            (cr, _) throws(SortError) in
            let crPorts = try Self.spec(cr)["ports"]
            return try ManagedResource.serviceObject(
                metadata: objects.metadata(cr, suffix: suffix),
                ports: ports.map { (p) throws(SortError) in (p.name, try crPorts[p.field]) },
                selector: bug == .selectorFromUserLabels ? Self.labels(cr) : Self.baseLabels(cr),
                clusterIP: clusterIP, publishNotReadyAddresses: publishNotReadyAddresses)
        }
    }

    // MARK: Config map

    /// `<name>-configmap`: `zoo.cfg`, `env.sh`, `log4j.properties` and `log4j-quiet.properties`.
    public var configMap: ManagedResource {
        let bug = self.bug, objects = self
        return ManagedResource("configMap", kind: .configMap, managedSpecFields: ["data"],
                               keepsResourceVersionIn: Self.configMapVersionField, name: { (cr) throws(SortError) in try ManagedResource.name(cr).concat("-configmap") }) {
            (cr, _) throws(SortError) in
            let spec = try Self.spec(cr)
            let configured = try bug == .zooCfgIgnoresTheConf
                ? spec.with("conf", .literal(Sort.datatype(K8s.zookeeperConfig).zeroValue, sort: .datatype(K8s.zookeeperConfig)))
                : spec
            let data = try Term.stringMap([
                "zoo.cfg": ZookeeperConfigFiles.zooCfg(configured),
                "env.sh": ZookeeperConfigFiles.envSh(name: ManagedResource.name(cr), namespace: ManagedResource.namespace(cr),
                                                     ports: spec["ports"]),
                "log4j.properties": .string(ZookeeperConfigFiles.log4j),
                "log4j-quiet.properties": .string(ZookeeperConfigFiles.log4jQuiet),
            ])
            return try ManagedResource.dataObject(.configMap, metadata: objects.metadata(cr, suffix: "-configmap"), data: data)
        }
    }

    // MARK: Stateful set

    /// `<name>`, made only once the config map's resource version is known, and updated only when
    /// the found stateful set is owned by exactly this custom resource (one of a deleted
    /// namesake resource waits for the garbage collector). An update overwrites only what
    /// Kubernetes lets change: replicas, the pod template and the claim retention policy.
    public var statefulSet: ManagedResource {
        let bug = self.bug, objects = self
        var overwritten = ["replicas", "template", "persistentVolumeClaimRetentionPolicy"]
        if bug == .claimTemplateLabelsFromUserLabels { overwritten.append("volumeClaimTemplates") }
        if bug == .selectorFromUserLabels { overwritten.append("selector") }
        return ManagedResource("statefulSet", kind: .statefulSet, managedSpecFields: overwritten,
                               name: { (cr) throws(SortError) in try ManagedResource.name(cr) },
                               requires: { (local) throws(SortError) in try local[Self.configMapVersionField].isSome },
                               updatesOnlyIf: ManagedResource.isOwnedOnly(by:_:)) { (cr, local) throws(SortError) in
            try objects.makeStatefulSet(cr, configMapVersion: local[Self.configMapVersionField])
        }
    }

    /// The stateful set for the config map at resource version `configMapVersion` (an `Option<Int>`).
    func makeStatefulSet(_ cr: Term, configMapVersion: Term) throws(SortError) -> Term {
        let spec = try Self.spec(cr)
        let name = try ManagedResource.name(cr)
        let persistent = try spec["persistence"]["enabled"]
        var annotations = try spec["annotations"]
        if bug != .omitsTheConfigMapVersion {
            annotations = try ManagedResource.annotations(annotations, restartingAt: configMapVersion)
        }
        let claim = try ManagedResource.claimTemplate("data", labels: bug == .claimTemplateLabelsFromUserLabels ? Self.labels(cr) : Self.baseLabels(cr),
                                                      storageClass: spec["persistence"]["storageClassName"], storage: spec["persistence"]["storageSize"])
        let claimSort = Sort.datatype(K8s.persistentVolumeClaimTemplate)
        let template = try Term.record(K8s.podTemplateSpec, [
            "labels": Self.labels(cr), "annotations": annotations, "spec": podSpec(cr, spec: spec, persistent: persistent),
        ])
        let replicas = try bug == .wrongReplicas ? spec["replicas"] + 1 : spec["replicas"]
        let retention = try Term.record(K8s.persistentVolumeClaimRetentionPolicy, [
            "whenDeleted": .some("Delete"), "whenScaled": .some("Delete"),
        ])
        return try K8s.Object.make(.statefulSet, metadata: metadata(cr, suffix: ""), spec: .record(K8s.statefulSetSpec, zeroExcept: [
            "replicas": .some(replicas),
            "selector": bug == .selectorFromUserLabels ? Self.labels(cr) : Self.baseLabels(cr),
            "serviceName": name.concat("-headless"),
            "template": template,
            "volumeClaimTemplates": .ite(persistent, .seq([claim], of: claimSort), .emptySeq(claimSort)),
            "persistentVolumeClaimRetentionPolicy": .some(retention),
        ]))
    }

    /// One `zookeeper` container: the image's start script, its teardown script before stopping
    /// (it reads `CLUSTER_SIZE` from the ZooKeeper node), the data and config mounts, the five
    /// ports, and the image's readiness and liveness scripts as probes. A `data` volume is an
    /// empty directory unless persistence gives it a claim.
    private func podSpec(_ cr: Term, spec: Term, persistent: Term) throws(SortError) -> Term {
        let ports = try spec["ports"]
        let containerPorts = try [("client", "client"), ("quorum", "quorum"), ("leader-election", "leaderElection"),
                                  ("metrics", "metrics"), ("admin-server", "adminServer")].map { (p) throws(SortError) in
            try Term.record(K8s.containerPort, ["name": .string(p.0), "containerPort": ports[p.1]])
        }
        func mount(_ name: String, _ path: String) throws(SortError) -> Term {
            try .record(K8s.volumeMount, ["name": .string(name), "mountPath": .string(path), "readOnly": false])
        }
        func probe(_ script: String) -> Term {
            // Opaque fields hold the compact JSON of the Kubernetes value (keys sorted).
            .some(.string("{\"exec\":{\"command\":[\"/usr/local/bin/\(script)\"]},\"failureThreshold\":3,\"initialDelaySeconds\":10,"
                + "\"periodSeconds\":10,\"timeoutSeconds\":10}"))
        }
        let container = try Term.record(K8s.container, zeroExcept: [
            "name": "zookeeper", "image": spec["image"],
            "command": .seq(["/usr/local/bin/zookeeperStart.sh"], of: .string),
            "ports": .seq(containerPorts, of: .datatype(K8s.containerPort)),
            "volumeMounts": .seq([mount("data", "/data"), mount("conf", "/conf")], of: .datatype(K8s.volumeMount)),
            "imagePullPolicy": .some("Always"), "resources": spec["resources"],
            "readinessProbe": probe("zookeeperReady.sh"), "livenessProbe": probe("zookeeperLive.sh"),
            "preStopCommand": .seq(["zookeeperTeardown.sh"], of: .string),
        ])
        let volumeSort = Sort.datatype(K8s.volume)
        let conf = try Term.record(K8s.volume, [
            "name": "conf", "source": .construct(K8s.volumeSource, "configMap", [
                ManagedResource.name(cr).concat("-configmap"), .emptySeq(.datatype(K8s.keyToPath)),
            ]),
        ])
        let data = try Term.record(K8s.volume, ["name": "data", "source": .construct(K8s.volumeSource, "emptyDir")])
        return try .record(K8s.podSpec, zeroExcept: [
            "containers": .seq([container], of: .datatype(K8s.container)),
            "volumes": .ite(persistent, .seq([conf], of: volumeSort), .seq([data, conf], of: volumeSort)),
            "nodeSelector": spec["nodeSelector"], "affinity": spec["affinity"], "tolerations": spec["tolerations"],
        ])
    }
}
