import Controllers
import Testing

/// Each step of the RabbitMQ reconcile on concrete inputs, evaluated as the runtime runs it.
@Suite struct RabbitmqStepTests {
    typealias F = RabbitmqFixture
    typealias M = APIMessages
    static let steps = F.steps

    /// The local state in `phase` with the server config map's resource version 17 (or none).
    static func local(_ phase: String, version: Int? = 17) -> @Sendable () throws -> Term {
        { try F.local(steps.phase(phase), serverConfigVersion: version) }
    }
    static func local(_ phase: String, _ resource: String, version: Int? = 17) -> @Sendable () throws -> Term {
        { try F.local(steps.phase(phase, steps.resource(resource)), serverConfigVersion: version) }
    }
    /// A stored object of `resource` as made for the sample (rv 9, uid 20), owned by the resource with `owner`.
    static func found(_ resource: ManagedResource, owner uid: Int = 1) throws -> Term {
        let cr = try F.with(F.sample(), metadata: "uid", .some(.int(uid)))
        return try F.stored(resource.make(cr, F.initial(serverConfigVersion: 4)), rv: 9, uid: 20)
    }

    static let walk = ManagedStepCase.walk(steps, messages: M.messages, local: { phase in try F.local(phase, serverConfigVersion: 17) },
                                           found: { resource in try found(resource) })

    static let others: [ManagedStepCase] = [
        ManagedStepCase(name: "initial: get the headless service", before: local("initial"), response: { _ in M.none },
                        after: local("afterGet", "headlessService"), request: { cr in try M.get(F.objects.headlessService, cr) }),
        ManagedStepCase(name: "get fails otherwise: failed", before: local("afterGet", "role"), response: { _ in try M.err("get", .timeout) },
                        after: local("failed"), request: nil),
        ManagedStepCase(name: "server config map written without a version: failed", before: local("afterCreate", "serverConfigMap"),
                        response: { _ in try M.ok("create", F.objects.serverConfigMap.make(F.sample(), F.initial())) }, after: local("failed"),
                        request: nil),
        ManagedStepCase(name: "no server config map version: the stateful set is not made", before: local("afterGet", "statefulSet", version: nil),
                        response: { _ in try M.err("get", .objectNotFound) }, after: local("failed", version: nil), request: nil),
        ManagedStepCase(name: "stateful set of a namesake resource (another uid), RMQ-1: failed", before: local("afterGet", "statefulSet"),
                        response: { _ in try M.ok("get", found(F.objects.statefulSet, owner: 2)) }, after: local("failed"), request: nil),
        ManagedStepCase(name: "done stays done", before: local("done"), response: { _ in M.none }, after: local("done"), request: nil),
        ManagedStepCase(name: "failed stays failed", before: local("failed"), response: { _ in try M.err("get", .objectNotFound) },
                        after: local("failed"), request: nil),
    ]

    static let driver = Result { try ReconcileDriver(RabbitmqReconciler()) }

    @Test(arguments: walk + others)
    func step(_ c: ManagedStepCase) throws {
        #expect(try c.mismatches(Self.driver.get(), cr: F.sample()) == [])
    }
}
