/// The FluentBit controller's reconcile, after Anvil's (itself after fluent/fluent-operator). For a
/// FluentBit `<name>` one reconcile first gets the configuration secret `<fluentBitConfigName>`
/// and fails unless it exists (the daemon set's pods would have no configuration); then it gets,
/// and creates or updates, the service account, the role, the role binding, the service and the
/// daemon set (updated only when this resource owns it), and is done. Any unexpected response
/// fails the reconcile; the runtime then starts another.
public struct FluentBitReconciler: ManagedReconciler {
    /// The seeded bug, if any, and the managed objects built with it.
    public let bug: Bug?
    public let objects: FluentBitObjects
    public let steps: ManagedSteps

    /// The correct controller, or the mutant with `bug`.
    public init(bug: Bug? = nil) {
        self.bug = bug
        objects = FluentBitObjects(bug: bug)
        steps = ManagedSteps("FluentBit", resources: objects.resources, phases: ["afterGetSecret"], fields: [])
    }

    public var name: String { bug.map { "fluentbit-\($0.rawValue)" } ?? "fluentbit" }
    public var typeName: String { "fluentbit" }

    public func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let result = stepResult
        return try .match(state["phase"]) { (phase, fields) throws(SortError) in
            switch phase {
            case "initial":
                return try steps.go(result, state, to: steps.phase("afterGetSecret"),
                                    sending: steps.external.apiRequest(APIServer.Request.get(FluentBitObjects.configSecretKey(cr))))
            case "afterGetSecret":
                let key = try bug == .getsTheRoleKeyAfterTheSecret ? objects.role.key(cr) : objects.serviceAccount.key(cr)
                return try steps.onResult(of: "get", response, otherwise: steps.fail(result, state),
                                          ok: { (_) throws(SortError) in try steps.get(result, objects.serviceAccount, cr, state, key: key) },
                                          err: { (_) throws(SortError) in try steps.fail(result, state) })
            case "afterGet", "afterCreate", "afterUpdate":
                let step = try steps.managedStep(result, phase: phase, payload: fields[0], cr, state, response: response) {
                    (resource, _, local) throws(SortError) in
                    switch (resource.id, bug) {
                    case ("role", .skipsTheRoleBinding): return try steps.get(result, objects.service, cr, local)
                    case ("service", .createsTheDaemonSetWithoutGet): return try steps.create(result, objects.daemonSet, cr, local)
                    default: return try steps.proceed(result, after: resource, cr, local)
                    }
                }
                guard phase == "afterGet" && bug == .errorTakenForDone else { return step }
                return try steps.doneWhenNotFound(result, objects.daemonSet, payload: fields[0], state, response: response, otherwise: step)
            default: return try stays(state)
            }
        }
    }
}
