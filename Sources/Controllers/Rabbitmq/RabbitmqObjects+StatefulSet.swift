extension RabbitmqObjects {
    /// The storage size that means "no persistent volume".
    public static let noStorage = "0Gi"

    /// `<name>-server`, made only once the server config map's resource version is known, and
    /// updated only when the found stateful set is owned by exactly this custom resource (one of a
    /// deleted namesake resource waits for the garbage collector: RMQ-1 scaled it down). An update
    /// overwrites only what Kubernetes lets change: replicas, the pod template and the claim
    /// retention policy.
    public var statefulSet: ManagedResource {
        let objects = self
        return ManagedResource("statefulSet", kind: .statefulSet,
                               managedSpecFields: ["replicas", "template", "persistentVolumeClaimRetentionPolicy"],
                               name: { (cr) throws(SortError) in try Self.name(cr, "-server") },
                               requires: { (local) throws(SortError) in try local[Self.serverConfigVersionField].isSome },
                               updatesOnlyIf: bug == .updatesAStatefulSetItDoesNotOwn ? { @Sendable _, _ in .true } : ManagedResource.isOwnedOnly(by:_:)) {
            (cr, local) throws(SortError) in
            try objects.makeStatefulSet(cr, serverConfigVersion: local[Self.serverConfigVersionField])
        }
    }

    /// The stateful set for the server config map at resource version `serverConfigVersion` (an
    /// `Option<Int>`): `replicas` nodes behind `<name>-nodes`, one claim `persistence` per pod
    /// unless the storage is `0Gi`, the resource's pod management and claim retention policies.
    func makeStatefulSet(_ cr: Term, serverConfigVersion: Term) throws(SortError) -> Term {
        let spec = try Self.spec(cr)
        let persistent = try spec["persistence"]["storage"] .!= .string(Self.noStorage)
        var annotations = try spec["annotations"]
        if bug != .omitsTheConfigMapVersion {
            annotations = try ManagedResource.annotations(annotations, restartingAt: serverConfigVersion)
        }
        let claim = try ManagedResource.claimTemplate("persistence", labels: ManagedResource.baseLabels(cr),
                                                      storageClass: spec["persistence"]["storageClassName"], storage: spec["persistence"]["storage"])
        let claimSort = Sort.datatype(K8s.persistentVolumeClaimTemplate)
        let template = try Term.record(K8s.podTemplateSpec, [
            "labels": Self.labels(cr), "annotations": annotations, "spec": podSpec(cr, spec: spec, persistent: persistent),
        ])
        let replicas = try bug == .wrongReplicas ? spec["replicas"] + 1 : spec["replicas"]
        return try K8s.Object.make(.statefulSet, metadata: metadata(cr, suffix: "-server"), spec: .record(K8s.statefulSetSpec, [
            "replicas": .some(replicas),
            "selector": ManagedResource.baseLabels(cr),
            "serviceName": Self.name(cr, "-nodes"),
            "template": template,
            "volumeClaimTemplates": .ite(persistent, .seq([claim], of: claimSort), .emptySeq(claimSort)),
            "persistentVolumeClaimRetentionPolicy": spec["persistentVolumeClaimRetentionPolicy"],
            "podManagementPolicy": .some(spec["podManagementPolicy"]),
        ]))
    }

    /// A `setup-container` that installs the Erlang cookie and the plugins file, then the
    /// `rabbitmq` container (the AMQP, management, Prometheus and port-mapper ports; drained before
    /// it stops), running as the `<name>-server` service account. The server configuration
    /// directory is the `<name>-server-conf` config map (every key); without a claim, the data
    /// directory is an empty directory. (Anvil projects the configuration and the default user's
    /// file into one volume and mounts single files; the model has no projected volumes or
    /// sub-paths, so each source is its own volume.)
    private func podSpec(_ cr: Term, spec: Term, persistent: Term) throws(SortError) -> Term {
        func mount(_ name: String, _ path: String) throws(SortError) -> Term {
            try .record(K8s.volumeMount, ["name": .string(name), "mountPath": .string(path), "readOnly": false])
        }
        func volume(_ name: String, _ source: String, _ args: [Term] = []) throws(SortError) -> Term {
            try .record(K8s.volume, ["name": .string(name), "source": .construct(K8s.volumeSource, source, args)])
        }
        let mountSort = Sort.datatype(K8s.volumeMount), volumeSort = Sort.datatype(K8s.volume)
        let setup = try Term.record(K8s.container, zeroExcept: [
            "name": "setup-container", "image": spec["image"],
            "command": .seq(["sh", "-c", """
                cp /tmp/erlang-cookie-secret/.erlang.cookie /var/lib/rabbitmq/.erlang.cookie && chmod 600 /var/lib/rabbitmq/.erlang.cookie; \
                cp /tmp/rabbitmq-plugins/enabled_plugins /operator/enabled_plugins
                """], of: .string),
            "volumeMounts": .seq([
                mount("plugins-conf", "/tmp/rabbitmq-plugins/"), mount("rabbitmq-erlang-cookie", "/var/lib/rabbitmq/"),
                mount("erlang-cookie-secret", "/tmp/erlang-cookie-secret/"), mount("rabbitmq-plugins", "/operator"),
                mount("persistence", "/var/lib/rabbitmq/mnesia/"),
            ], of: mountSort),
        ])
        let ports = try [("epmd", 4369), ("amqp", 5672), ("management", 15672), ("prometheus", 15692)].map { (p) throws(SortError) in
            try Term.record(K8s.containerPort, ["name": .string(p.0), "containerPort": .int(p.1)])
        }
        let env = try [
            ("RABBITMQ_ENABLED_PLUGINS_FILE", Term.string("/operator/enabled_plugins")), ("RABBITMQ_USE_LONGNAME", "true"),
            ("K8S_SERVICE_NAME", Self.name(cr, "-nodes")),
            ("K8S_HOSTNAME_SUFFIX", Term.apply(.strConcat, [".", Self.name(cr, "-nodes"), ".", ManagedResource.namespace(cr)])),
        ].map { (e) throws(SortError) in try Term.record(K8s.envVar, ["name": .string(e.0), "value": e.1]) }
        let server = try Term.record(K8s.container, zeroExcept: [
            "name": "rabbitmq", "image": spec["image"],
            "ports": .seq(ports, of: .datatype(K8s.containerPort)), "env": .seq(env, of: .datatype(K8s.envVar)),
            "volumeMounts": .seq([
                mount("rabbitmq-erlang-cookie", "/var/lib/rabbitmq/"), mount("persistence", "/var/lib/rabbitmq/mnesia/"),
                mount("rabbitmq-plugins", "/operator"), mount("rabbitmq-confd", "/etc/rabbitmq/conf.d/"),
                mount("default-user", "/etc/rabbitmq/default-user/"),
            ], of: mountSort),
            "resources": spec["resources"],
            "readinessProbe": .some("tcpSocket port=amqp; initialDelaySeconds=10 periodSeconds=10 timeoutSeconds=5 failureThreshold=3"),
            "preStopCommand": .seq(["/bin/bash", "-c",
                                    "rabbitmq-upgrade await_online_quorum_plus_one -t 604800; rabbitmq-upgrade drain -t 604800"], of: .string),
        ])
        let volumes = try [
            volume("plugins-conf", "configMap", [Self.name(cr, "-plugins-conf"), .emptySeq(.datatype(K8s.keyToPath))]),
            volume("rabbitmq-confd", "configMap", [Self.name(cr, "-server-conf"), .emptySeq(.datatype(K8s.keyToPath))]),
            volume("default-user", "secret", [Self.name(cr, "-default-user")]),
            volume("rabbitmq-erlang-cookie", "emptyDir"),
            volume("erlang-cookie-secret", "secret", [Self.name(cr, "-erlang-cookie")]),
            volume("rabbitmq-plugins", "emptyDir"),
        ]
        let ephemeral = try volume("persistence", "emptyDir")
        return try .record(K8s.podSpec, zeroExcept: [
            "containers": .seq([server], of: .datatype(K8s.container)), "initContainers": .seq([setup], of: .datatype(K8s.container)),
            "volumes": .ite(persistent, .seq(volumes, of: volumeSort), .seq(volumes + [ephemeral], of: volumeSort)),
            "serviceAccountName": .some(Self.name(cr, "-server")),
            "affinity": spec["affinity"], "tolerations": spec["tolerations"],
        ])
    }
}
