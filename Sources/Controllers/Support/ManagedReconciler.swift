/// A reconciler built on `ManagedSteps`: it reads its custom resource as an `Object`, its local
/// state, requests and responses are the steps' sorts, it starts in `initial` and ends in `done`
/// or `failed`. A conforming type gives its name, its steps and its `step`.
public protocol ManagedReconciler: Reconciler {
    /// The datatypes and generated steps over the managed objects.
    var steps: ManagedSteps { get }
}

/// The sorts, initial state and end states every `ManagedReconciler` shares.
extension ManagedReconciler {
    public var resourceSort: Sort { .datatype(K8s.object) }
    public var stateSort: Sort { steps.localSort }
    public var requestSort: Sort { steps.requestSort }
    public var responseSort: Sort { steps.responseSort }
    public var initialState: Term { get throws { try steps.localState(phase: steps.phase("initial")) } }

    public func isDone(_ state: Term) throws -> Term { try state["phase"].is("done") }
    public func isError(_ state: Term) throws -> Term { try state["phase"].is("failed") }

    /// The step result that leaves `local` as it is and sends nothing (for `done` and `failed`,
    /// which the runtime never steps).
    public func stays(_ local: Term) throws(SortError) -> Term {
        try .record(stepResult, ["state": local, "request": .none(requestSort)])
    }
}
