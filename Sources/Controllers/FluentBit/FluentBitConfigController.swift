/// The FluentBitConfig controller's desired state and catalogue entry.
public enum FluentBitConfigController {
    /// Whether the cluster state `s` matches the stored FluentBitConfig `cr`: the secret `<name>`
    /// exists and is what the controller makes (its data, owner references, labels, annotations).
    public static func matches(_ s: Term, _ cr: Term) throws -> Term {
        let reconciler = FluentBitConfigReconciler()
        return try reconciler.steps.matches(s, cr, initial: reconciler.initialState)
    }

    /// The catalogue entry: `anvil-sim fluentbitconfig`.
    public static let entry = ControllerEntry(name: "fluentbitconfig", kind: .fluentBitConfig, reconciler: FluentBitConfigReconciler(),
                                              external: nil, matches: matches, sampleYAML: sampleYAML)

    /// A configuration that tails container logs with the Docker parser and prints every record.
    public static let sampleYAML = """
        apiVersion: fluentbit.fluent.io/v1alpha2
        kind: FluentBitConfig
        metadata:
          name: fluent-bit-config
          namespace: default
        spec:
          fluentBitConfig: |
            [Service]
                Parsers_File parsers.conf
            [Input]
                Name tail
                Path /var/log/containers/*.log
                Parser docker
                DB /fluent-bit/tail/pos.db
            [Output]
                Name stdout
                Match *
          parsersConfig: |
            [PARSER]
                Name docker
                Format json
                Time_Key time
        """
}
