extension FluentBitObjects {
    /// Where Fluent Bit's positions database lives on the host by default.
    public static let defaultPositionDB = "/var/lib/fluent-bit/"
    /// Where the container runtime keeps container logs on the host by default.
    public static let defaultContainerLogPath = "/containers"

    /// `<name>`, updated only when the found daemon set is owned by exactly this custom resource
    /// (one of a deleted namesake resource waits for the garbage collector). An update overwrites
    /// the metadata and the pod template; the selector stays as found (it is immutable).
    public var daemonSet: ManagedResource {
        let objects = self
        return object("daemonSet", .daemonSet, suffix: "", managedSpecFields: bug == .updateKeepsTheTemplate ? [] : ["template"],
                      updatesOnlyIf: ManagedResource.isOwnedOnly(by:_:)) { (cr, metadata) throws(SortError) in
            try K8s.Object.make(.daemonSet, metadata: metadata, spec: .record(K8s.daemonSetSpec, [
                "selector": ManagedResource.baseLabels(cr),
                "template": .record(K8s.podTemplateSpec, [
                    "labels": Self.labels(cr), "annotations": Self.spec(cr)["annotations"], "spec": objects.podSpec(cr),
                ]),
            ]))
        }
    }

    /// One `fluent-bit` container reading the configuration secret at `/fluent-bit/config`, the
    /// host's container logs, `/var/log` and the systemd journal (unless `disableLogVolumes`),
    /// keeping its positions database on the host, with the metrics port, the user's ports, volumes,
    /// mounts, environment, probes and init containers, as the `<name>` service account. (The
    /// mounts' propagation, `internalMountPropagation`, is not modelled: `VolumeMount` has no
    /// such field.)
    func podSpec(_ cr: Term) throws(SortError) -> Term {
        let spec = try Self.spec(cr)
        func mount(_ name: String, _ path: Term, readOnly: Bool) throws(SortError) -> Term {
            try .record(K8s.volumeMount, ["name": .string(name), "mountPath": path, "readOnly": .bool(readOnly)])
        }
        func hostPath(_ name: String, _ path: Term) throws(SortError) -> Term {
            try .record(K8s.volume, ["name": .string(name), "source": .construct(K8s.volumeSource, "hostPath", [path])])
        }
        let logPath = try spec["containerLogRealPath"].unwrap(or: .string(Self.defaultContainerLogPath)) { $0 }
        let secretName = try bug == .configVolumeNamesTheResource ? ManagedResource.name(cr) : spec["fluentBitConfigName"]
        let config = try Term.record(K8s.volume, ["name": "config", "source": .construct(K8s.volumeSource, "secret", [secretName])])
        let positions = try hostPath("positions", spec["positionDB"].unwrap(or: .string(Self.defaultPositionDB)) { $0 })
        let logVolumes = try [hostPath("varlibcontainers", logPath), hostPath("varlogs", "/var/log"), hostPath("systemd", "/var/log/journal")]
        let logMounts = try [mount("varlibcontainers", logPath, readOnly: true), mount("varlogs", "/var/log/", readOnly: true),
                             mount("systemd", "/var/log/journal", readOnly: true)]
        let volumeSort = Sort.datatype(K8s.volume), mountSort = Sort.datatype(K8s.volumeMount)
        let disabled = try spec["disableLogVolumes"]
        let volumes = try Term.ite(disabled, .seq([config, positions], of: volumeSort), .seq([config] + logVolumes + [positions], of: volumeSort))
        let ownMounts = try [mount("config", "/fluent-bit/config", readOnly: true), mount("positions", "/fluent-bit/tail", readOnly: false)]
        let mounts = try Term.ite(disabled, .seq(ownMounts, of: mountSort), .seq([ownMounts[0]] + logMounts + [ownMounts[1]], of: mountSort))
        let metrics = try Term.record(K8s.containerPort, ["name": "metrics", "containerPort": spec["metricsPort"]])
        let container = try Term.record(K8s.container, zeroExcept: [
            "name": "fluent-bit", "image": spec["image"], "command": spec["command"], "args": spec["args"],
            "ports": Term.seq([metrics], of: .datatype(K8s.containerPort)).concatenating(spec["ports"]),
            "env": spec["envVars"], "volumeMounts": mounts.concatenating(spec["volumeMounts"]),
            "imagePullPolicy": spec["imagePullPolicy"], "resources": spec["resources"],
            "readinessProbe": spec["readinessProbe"], "livenessProbe": spec["livenessProbe"],
            "securityContext": spec["containerSecurityContext"],
        ])
        return try .record(K8s.podSpec, [
            "containers": .seq([container], of: .datatype(K8s.container)), "initContainers": spec["initContainers"],
            "volumes": volumes.concatenating(spec["volumes"]), "serviceAccountName": .some(ManagedResource.name(cr)),
            "nodeSelector": spec["nodeSelector"], "affinity": spec["affinity"], "tolerations": spec["tolerations"],
            "imagePullSecrets": spec["imagePullSecrets"], "hostNetwork": spec["hostNetwork"], "dnsPolicy": spec["dnsPolicy"],
            "priorityClassName": spec["priorityClassName"], "schedulerName": spec["schedulerName"],
            "runtimeClassName": spec["runtimeClassName"], "securityContext": spec["securityContext"],
        ])
    }
}
