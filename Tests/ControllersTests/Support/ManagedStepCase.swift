import Controllers
import Testing

/// One reconcile step of a reconciler built on `ManagedSteps`, on concrete inputs: the local state
/// before, the response the step receives (for the custom resource), the local state after and
/// the request it sends, if any.
struct ManagedStepCase: CustomTestStringConvertible, Sendable {
    let name: String
    let before: @Sendable () throws -> Term
    let response: @Sendable (_ cr: Term) throws -> Term
    let after: @Sendable () throws -> Term
    let request: (@Sendable (_ cr: Term) throws -> Term)?
    var testDescription: String { name }

    /// Evaluates the step of `driver` for `cr` and tells what differs from the expectation.
    func mismatches(_ driver: ReconcileDriver, cr: Term) throws -> [String] {
        let (next, sent) = try driver.step(resource: cr.evaluate(), response: response(cr).evaluate().optionPayload ?? nil,
                                           state: before().evaluate())
        var found: [String] = []
        let expectedState = try after().evaluate(), expectedRequest = try request?(cr).evaluate()
        if next != expectedState { found.append("state \(next), expected \(expectedState)") }
        if sent != expectedRequest { found.append("request \(String(describing: sent)), expected \(String(describing: expectedRequest))") }
        return found
    }

    /// For every managed object of `steps` (in reconcile order): not found, it is created as made;
    /// found, it is updated from the found object; created or updated, the reconcile goes on to
    /// the next object's get (after the last, to done), keeping the written resource version when
    /// the object asks for it; a refused write fails. `local(phase)` is the local state in a phase
    /// (with every kept resource version set, so every object can be made), `found(r)` a stored
    /// object of `r` as made, with resource version 9.
    static func walk(_ steps: ManagedSteps, messages: Messages,
                     local: @escaping @Sendable (_ phase: Term) throws -> Term,
                     found: @escaping @Sendable (_ resource: ManagedResource) throws -> Term) -> [ManagedStepCase] {
        steps.resources.flatMap { (resource) in cases(steps, resource, messages: messages, local: local, found: found) }
    }

    /// The cases of `walk` for one resource.
    private static func cases(_ steps: ManagedSteps, _ resource: ManagedResource, messages: Messages,
                          local: @escaping @Sendable (_ phase: Term) throws -> Term,
                          found: @escaping @Sendable (_ resource: ManagedResource) throws -> Term) -> [ManagedStepCase] {
        let next = steps.resource(after: resource)
        let state: @Sendable (String) -> @Sendable () throws -> Term = { phase in { try local(steps.phase(phase, resource)) } }
        let afterWrite: @Sendable () throws -> Term = {
            var written = try local(next.map { (n) throws(SortError) in try steps.phase("afterGet", n) } ?? steps.phase("done"))
            if let field = resource.resourceVersionField { written = try written.with(field, .some(9)) }
            return written
        }
        var nextRequest: (@Sendable (Term) throws -> Term)? = nil
        if let next { nextRequest = { cr in try messages.get(next, cr) } }
        let id = resource.id, then = next?.id ?? "done"
        return [
            ManagedStepCase(name: "\(id): not found, so created as made", before: state("afterGet"),
                            response: { _ in try messages.err("get", .objectNotFound) }, after: state("afterCreate"), request: { cr in
                                try messages.api(APIServer.Request.create(namespace: ManagedResource.namespace(cr),
                                                                          object: resource.make(cr, local(steps.phase("initial")))))
                            }),
            ManagedStepCase(name: "\(id): found, so updated from the found object", before: state("afterGet"),
                            response: { _ in try messages.ok("get", found(resource)) }, after: state("afterUpdate"), request: { cr in
                                try messages.api(APIServer.Request.update(namespace: ManagedResource.namespace(cr), name: resource.key(cr)["name"],
                                                                          object: resource.update(cr, local(steps.phase("initial")), found: found(resource))))
                            }),
            ManagedStepCase(name: "\(id): created, so on to \(then)", before: state("afterCreate"),
                            response: { _ in try messages.ok("create", found(resource)) }, after: afterWrite, request: nextRequest),
            ManagedStepCase(name: "\(id): updated, so on to \(then)", before: state("afterUpdate"),
                            response: { _ in try messages.ok("update", found(resource)) }, after: afterWrite, request: nextRequest),
            ManagedStepCase(name: "\(id): write refused, so failed", before: state("afterUpdate"),
                            response: { _ in try messages.err("update", .conflict) }, after: { try local(steps.phase("failed")) }, request: nil),
            ManagedStepCase(name: "\(id): an update answered as a create, so failed", before: state("afterUpdate"),
                            response: { _ in try messages.ok("create", found(resource)) }, after: { try local(steps.phase("failed")) },
                            request: nil),
            ManagedStepCase(name: "\(id): get without an answer, so failed", before: state("afterGet"),
                            response: { _ in messages.none }, after: { try local(steps.phase("failed")) }, request: nil),
        ]
    }
}
