/// The FluentBit controller's desired state and catalogue entry.
public enum FluentBitController {
    /// Whether the cluster state `s` matches the stored FluentBit `cr` (Anvil's
    /// `current_state_matches`): each of the five managed objects exists and is what the
    /// controller makes (owner references, finalizers, labels, annotations, and the spec, the
    /// service's `clusterIP` aside). The configuration secret is not part of it: Anvil's theorem
    /// assumes it exists, and the simulation stores it first (`entry.prerequisites`).
    public static func matches(_ s: Term, _ cr: Term) throws -> Term {
        let reconciler = FluentBitReconciler()
        return try reconciler.steps.matches(s, cr, initial: reconciler.initialState)
    }

    /// The catalogue entry: `anvil-sim fluentbit`. Before the FluentBit is stored, so is the
    /// FluentBitConfig `<fluentBitConfigName>` (the sample's files) and the secret the
    /// FluentBitConfig controller makes for it, owned by it: what that controller would have
    /// written. (One controller runs per model, as in Anvil, whose FluentBit proof assumes the
    /// secret exists; the two controllers' composition is not modelled.)
    public static let entry = ControllerEntry(
        name: "fluentbit", kind: .fluentBit, reconciler: FluentBitReconciler(), external: nil, matches: matches, sampleYAML: sampleYAML,
        prerequisites: [
            { (cr, _) in
                let config = try KubernetesYAML.object(FluentBitConfigController.sampleYAML, kind: .fluentBitConfig)
                return try config.with("metadata", config["metadata"].with("name", .some(FluentBitObjects.spec(cr)["fluentBitConfigName"])))
            },
            { (_, stored) in try FluentBitConfigReconciler().secret.make(stored[0], FluentBitConfigReconciler().initialState) },
        ])

    /// Fluent Bit with the default log volumes, a toleration of every taint, and its metrics port.
    public static let sampleYAML = """
        apiVersion: fluentbit.fluent.io/v1alpha2
        kind: FluentBit
        metadata:
          name: fluent-bit
          namespace: default
        spec:
          fluentBitConfigName: fluent-bit-config
          image: kubesphere/fluent-bit:v2.1.4
          metricsPort: 2020
          positionDB: /var/lib/fluent-bit/
          tolerations:
            - '{"operator":"Exists"}'
          labels:
            team: logging
          annotations:
            owner: platform
        """
}
