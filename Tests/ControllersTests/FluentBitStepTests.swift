import Controllers
import Testing

/// Each step of the FluentBit and FluentBitConfig reconciles on concrete inputs, evaluated as the
/// runtime runs them.
@Suite struct FluentBitStepTests {
    typealias F = FluentBitFixture
    typealias M = APIMessages
    static let steps = F.steps, configSteps = F.configReconciler.steps

    static func local(_ phase: String) -> @Sendable () throws -> Term { { try F.local(steps.phase(phase)) } }
    static func local(_ phase: String, _ resource: String) -> @Sendable () throws -> Term {
        { try F.local(steps.phase(phase, steps.resource(resource))) }
    }
    /// A stored object of `resource` as made for `cr` (rv 9, uid 20).
    static func found(_ resource: ManagedResource, for cr: Term, local: Term) throws -> Term {
        try F.stored(resource.make(cr, local), rv: 9, uid: 20)
    }

    static let walk = ManagedStepCase.walk(steps, messages: M.messages, local: { phase in try F.local(phase) },
                                           found: { resource in try found(resource, for: F.sample(), local: F.local(steps.phase("initial"))) })

    static let others: [ManagedStepCase] = [
        ManagedStepCase(name: "initial: get the configuration secret", before: local("initial"), response: { _ in M.none },
                        after: local("afterGetSecret"), request: { cr in try M.api(APIServer.Request.get(FluentBitObjects.configSecretKey(cr))) }),
        ManagedStepCase(name: "the secret exists: get the service account", before: local("afterGetSecret"),
                        response: { _ in try M.ok("get", F.stored(F.configReconciler.secret.make(F.configSample(), F.configReconciler.initialState),
                                                                  rv: 3, uid: 3)) },
                        after: local("afterGet", "serviceAccount"), request: { cr in try M.get(F.objects.serviceAccount, cr) }),
        ManagedStepCase(name: "no secret: failed", before: local("afterGetSecret"), response: { _ in try M.err("get", .objectNotFound) },
                        after: local("failed"), request: nil),
        ManagedStepCase(name: "the secret's get unanswered: failed", before: local("afterGetSecret"), response: { _ in M.none },
                        after: local("failed"), request: nil),
        ManagedStepCase(name: "daemon set of a namesake resource (another uid): failed", before: local("afterGet", "daemonSet"), response: { _ in
            try M.ok("get", found(F.objects.daemonSet, for: F.with(F.sample(), metadata: "uid", .some(2)), local: F.local(steps.phase("initial"))))
        }, after: local("failed"), request: nil),
        ManagedStepCase(name: "done stays done", before: local("done"), response: { _ in M.none }, after: local("done"), request: nil),
    ]

    static let configWalk = ManagedStepCase.walk(configSteps, messages: M.messages, local: { phase in try configSteps.localState(phase: phase) },
                                                 found: { resource in
                                                     try found(resource, for: F.configSample(), local: F.configReconciler.initialState)
                                                 })

    static let driver = Result { try ReconcileDriver(FluentBitReconciler()) }
    static let configDriver = Result { try ReconcileDriver(FluentBitConfigReconciler()) }

    @Test(arguments: walk + others)
    func step(_ c: ManagedStepCase) throws {
        #expect(try c.mismatches(Self.driver.get(), cr: F.sample()) == [])
    }

    @Test(arguments: configWalk + [
        ManagedStepCase(name: "initial: get the secret", before: { try configSteps.localState(phase: configSteps.phase("initial")) },
                        response: { _ in M.none }, after: { try configSteps.localState(phase: configSteps.phase("afterGet", F.configReconciler.secret)) },
                        request: { cr in try M.get(F.configReconciler.secret, cr) }),
    ])
    func configStep(_ c: ManagedStepCase) throws {
        #expect(try c.mismatches(Self.configDriver.get(), cr: F.configSample()) == [])
    }
}
