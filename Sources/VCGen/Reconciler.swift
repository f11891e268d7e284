/// A controller's reconcile function, written once as terms: the same terms are evaluated to run the
/// controller and lowered to Z3 to prove it.
///
/// A reconcile starts in `initialState`, and each `step` takes the custom resource, the response to
/// the previous request (if any) and the local state, and returns the next local state and at most
/// one request. It ends when `isDone` or `isError` holds.
public protocol Reconciler: Sendable {
    /// A short name (`zookeeper`, `simple-skipsTheUpdate`).
    var name: String { get }
    /// The name of the datatypes built for the reconciler (`ReconcileStep<typeName>`, the cluster
    /// state): by default `name`; seeded bugs of a controller keep their controller's, so their
    /// proofs put the same queries to Z3 wherever the bug does not matter (and share the cache).
    var typeName: String { get }
    /// The custom resource's sort as the reconciler reads it.
    var resourceSort: Sort { get }
    /// The local state carried between steps.
    var stateSort: Sort { get }
    /// What a step may send, and what comes back.
    var requestSort: Sort { get }
    var responseSort: Sort { get }

    var initialState: Term { get throws }
    /// `(cr, response: Option<responseSort>, state)` ↦ `ReconcileStep(state', Option<requestSort>)`.
    func step(resource: Term, response: Term, state: Term) throws -> Term
    func isDone(_ state: Term) throws -> Term
    func isError(_ state: Term) throws -> Term
}

extension Reconciler {
    public var typeName: String { name }

    /// The record a step returns: the next local state and at most one request.
    public var stepResult: DatatypeDecl {
        .record("ReconcileStep<\(typeName)>", [.init("state", stateSort), .init("request", .option(requestSort))])
    }
}

/// Runs a reconciler concretely by evaluating its terms: the step is built once over variables and
/// then evaluated for each concrete input, so what runs is exactly what was proved.
public struct ReconcileDriver: Sendable {
    public let reconciler: any Reconciler
    let resource: Variable, response: Variable, state: Variable
    let stepTerm: Term, doneTerm: Term, errorTerm: Term
    public let initialState: Value

    public init(_ reconciler: any Reconciler) throws {
        self.reconciler = reconciler
        resource = Variable("cr", reconciler.resourceSort)
        response = Variable("response", .option(reconciler.responseSort))
        state = Variable("state", reconciler.stateSort)
        stepTerm = try reconciler.step(resource: resource.term, response: response.term, state: state.term)
        guard stepTerm.sort == .datatype(reconciler.stepResult) else {
            throw SortError("reconciler '\(reconciler.name)': step returns \(stepTerm.sort), expected \(reconciler.stepResult.name)")
        }
        doneTerm = try reconciler.isDone(state.term)
        errorTerm = try reconciler.isError(state.term)
        initialState = try reconciler.initialState.evaluate()
    }

    /// One step: the next local state and the request to send, if any.
    public func step(resource cr: Value, response: Value?, state: Value) throws(EvaluationError) -> (state: Value, request: Value?) {
        let env: [Variable: Value] = [
            resource: cr,
            self.response: .option(response, of: reconciler.responseSort),
            self.state: state,
        ]
        guard case .datatype(_, _, let fields) = try stepTerm.evaluate(env), fields.count == 2,
              let payload = fields[1].optionPayload else {
            throw EvaluationError("reconciler '\(reconciler.name)': step did not evaluate to a ReconcileStep")
        }
        return (fields[0], payload)
    }

    public func isDone(_ state: Value) throws(EvaluationError) -> Bool { try truth(doneTerm, state) }
    public func isError(_ state: Value) throws(EvaluationError) -> Bool { try truth(errorTerm, state) }

    private func truth(_ t: Term, _ s: Value) throws(EvaluationError) -> Bool {
        guard case .bool(let b) = try t.evaluate([state: s]) else { throw EvaluationError("expected a Bool") }
        return b
    }
}
