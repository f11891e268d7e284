/// The RabbitMQ controller's reconcile, after Anvil's (itself after rabbitmq/cluster-operator).
/// For a RabbitmqCluster `<name>` one reconcile gets, then creates or updates, each of the ten
/// objects of `RabbitmqObjects` in turn: the two services, the Erlang cookie and default user
/// secrets, the plugins and server config maps (remembering the server config map's resource
/// version), the service account, role and role binding, and last the stateful set (made for that
/// resource version, and updated only when this resource owns it); then it is done. Any
/// unexpected response fails the reconcile; the runtime then starts another. The resource has
/// no status.
public struct RabbitmqReconciler: ManagedReconciler {
    /// The seeded bug, if any, and the managed objects built with it.
    public let bug: Bug?
    public let objects: RabbitmqObjects
    public let steps: ManagedSteps

    /// The correct controller, or the mutant with `bug`.
    public init(bug: Bug? = nil) {
        self.bug = bug
        objects = RabbitmqObjects(bug: bug)
        steps = ManagedSteps("Rabbitmq", resources: objects.resources, phases: [],
                             fields: [.init(RabbitmqObjects.serverConfigVersionField, .option(.int))])
    }

    public var name: String { bug.map { "rabbitmq-\($0.rawValue)" } ?? "rabbitmq" }
    public var typeName: String { "rabbitmq" }

    public func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let result = stepResult
        return try .match(state["phase"]) { (phase, fields) throws(SortError) in
            switch phase {
            case "initial": return try steps.get(result, objects.headlessService, cr, state)
            case "afterGet" where bug == .errorTakenForDone:
                return try steps.doneWhenNotFound(result, objects.statefulSet, payload: fields[0], state, response: response,
                                                  otherwise: managedStep(phase, fields[0], cr, state, response))
            case "afterGet", "afterCreate", "afterUpdate": return try managedStep(phase, fields[0], cr, state, response)
            default: return try stays(state)
            }
        }
    }

    /// The generic phases; each successful write goes on to the next object (the stateful set's
    /// to done).
    private func managedStep(_ phase: String, _ payload: Term, _ cr: Term, _ state: Term, _ response: Term) throws(SortError) -> Term {
        let result = stepResult
        return try steps.managedStep(result, phase: phase, payload: payload, cr, state, response: response) {
            (resource, _, local) throws(SortError) in
            switch (resource.id, bug) {
            case ("erlangCookie", .skipsTheDefaultUserSecret): return try steps.get(result, objects.pluginsConfigMap, cr, local)
            case ("defaultUser", .createsThePluginsConfigMapWithoutGet): return try steps.create(result, objects.pluginsConfigMap, cr, local)
            default: return try steps.proceed(result, after: resource, cr, local)
            }
        }
    }
}
