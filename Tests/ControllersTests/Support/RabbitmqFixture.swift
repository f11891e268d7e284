import Controllers

/// Terms the RabbitMQ tests share: the sample custom resource as stored, the local states, and
/// scripted runs checking scale-down safety.
enum RabbitmqFixture: ObjectFixtures {
    static let objects = RabbitmqObjects()
    static let reconciler = RabbitmqReconciler()
    static let steps = reconciler.steps

    /// The catalogue's sample RabbitmqCluster (`default/rabbit`), as stored: rv 1, uid 1.
    static func sample() throws -> Term { try stored(yaml: RabbitmqController.sampleYAML, kind: .rabbitmqCluster) }

    /// The sample with its spec changed by `change(spec)`.
    static func sample(changingSpec change: (Term) throws -> Term) throws -> Term { try changing(sample(), .rabbitmqCluster, spec: change) }

    /// The local state in `phase`, with the server config map's resource version when given.
    static func local(_ phase: Term, serverConfigVersion: Int? = nil) throws -> Term {
        try steps.localState(phase: phase, [
            RabbitmqObjects.serverConfigVersionField: serverConfigVersion.map { Term.some(.int($0)) } ?? .none(.int),
        ])
    }

    /// The initial local state, with the server config map's resource version when given.
    static func initial(serverConfigVersion: Int? = nil) throws -> Term {
        try local(steps.phase("initial"), serverConfigVersion: serverConfigVersion)
    }

    /// A scripted run of the controller with `bug` (or the correct one) from `resource`, checking
    /// scale-down safety (`RabbitmqController.neverScalesDown`) at every step.
    static func scenario(_ bug: RabbitmqReconciler.Bug?, seed: UInt64, resource: Term) throws -> ClusterScenario {
        try ClusterScenario(RabbitmqController.entry, reconciler: RabbitmqReconciler(bug: bug), seed: seed, resource: resource,
                            safety: RabbitmqController.neverScalesDown)
    }
}
