import Controllers

/// Terms the FluentBit and FluentBitConfig tests share: the samples as stored and the local states.
enum FluentBitFixture: ObjectFixtures {
    static let objects = FluentBitObjects()
    static let reconciler = FluentBitReconciler()
    static let steps = reconciler.steps
    static let configReconciler = FluentBitConfigReconciler()

    /// The catalogue's sample FluentBit (`default/fluent-bit`), as stored: rv 1, uid 1.
    static func sample() throws -> Term { try stored(yaml: FluentBitController.sampleYAML, kind: .fluentBit) }

    /// The sample with its spec changed by `change(spec)`.
    static func sample(changingSpec change: (Term) throws -> Term) throws -> Term { try changing(sample(), .fluentBit, spec: change) }

    /// The catalogue's sample FluentBitConfig (`default/fluent-bit-config`), as stored: rv 1, uid 1.
    static func configSample() throws -> Term { try stored(yaml: FluentBitConfigController.sampleYAML, kind: .fluentBitConfig) }

    /// The local state in `phase`.
    static func local(_ phase: Term) throws -> Term { try steps.localState(phase: phase) }
}
