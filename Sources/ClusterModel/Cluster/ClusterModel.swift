/// A Kubernetes cluster running one controller, as a single state machine whose guards and effects
/// are terms: the proof model (lowered to Z3) and the simulator (evaluated) at once.
///
/// The state is `ClusterState<reconciler>`:
/// - `apiServer`: etcd and its counters (`APIServerState`);
/// - `network`: the in-flight messages (`Set<Message<external>>`, see `Network`), and
///   `rpcIdCounter`, the next rpc id;
/// - `scheduled`: the custom resources scheduled for a reconcile (`Map<ObjectKey, Object>`), and
///   `ongoing`: the running reconciles (`Map<ObjectKey, OngoingReconcile<reconciler>>`);
/// - the failure switches `crashEnabled`, `requestDropEnabled`, `apiErrorEnabled`, `podMonkeyEnabled`;
/// - `stableKeys`: objects whose status the built-in controllers no longer write;
/// - `external`: the external system's state.
///
/// The actions, their inputs and their fairness (weakly fair per input, weakly fair, or not fair):
/// `apiServerHandles(message)` WF per input; `scheduleReconcile(key)`, `startReconcile(key)`,
/// `continueReconcile(key, message)`, `endReconcile(key)` WF per input; `restartController`,
/// `dropRequest(message)`, `failRequest(message, error)`, `podMonkey(request)` not fair, each
/// turned off by a weakly fair `disableCrash`, `disableRequestDrop`, `disableAPIErrors`,
/// `disablePodMonkey`; `garbageCollect(key)` WF per input; `writeBuiltinStatus(key, status)` not
/// fair; `stabilize(key)` WF per input; `externalHandles(message)` WF per input; `clientRequest(request)` (a user's write of a
/// custom resource, or of an object of a `userWritable` kind) not fair.
public struct ClusterModel: Sendable {
    /// The controller's reconcile function.
    public let reconciler: any Reconciler
    /// The kind of custom resource the controller reconciles.
    public let resourceKind: K8s.Kind
    /// Kinds besides `resourceKind` that users may also create, update and delete (objects a
    /// controller only reads, such as FluentBit's configuration secret); none by default.
    public let userWritable: [K8s.Kind]
    /// The system the controller talks to besides Kubernetes (`ExternalSystem.none` if none).
    public let external: ExternalSystem
    /// The message datatypes and their builders.
    public let network: Network
    /// `ClusterState<reconciler>`.
    public let state: DatatypeDecl
    /// `OngoingReconcile<reconciler> {triggeringResource, pendingRequest, localState}`.
    public let ongoingReconcile: DatatypeDecl
    /// The closed term of the initial state.
    public let initialState: Term
    /// The cluster as a state machine: initial predicate and actions.
    public let machine: StateMachine

    /// The cluster for `reconciler`, which reconciles custom resources of `resourceKind` and talks
    /// to `external` (no external system when `nil`); users write custom resources of
    /// `resourceKind` and objects of the `userWritable` kinds. The reconciler must read its resource
    /// as an `Object` and use `external`'s `ControllerRequest` and `ControllerResponse` sorts.
    public init(reconciler: any Reconciler, resourceKind: K8s.Kind, userWritable: [K8s.Kind] = [], external: ExternalSystem? = nil) throws {
        guard !userWritable.contains(resourceKind) else {
            throw SortError("userWritable: \(resourceKind) is the controller's resource kind, which users always write")
        }
        let cluster = try Cluster(reconciler: reconciler, resourceKind: resourceKind, userWritable: userWritable, external: external ?? .none)
        let initialState = try cluster.initialState()
        self.reconciler = reconciler
        self.resourceKind = resourceKind
        self.userWritable = userWritable
        self.external = cluster.external
        self.network = cluster.network
        self.state = cluster.state
        self.ongoingReconcile = cluster.ongoingReconcile
        self.initialState = initialState
        let initial = try StatePred("init", state: cluster.stateSort) { (s) throws(SortError) in try s .== initialState }
        machine = try StateMachine("cluster<\(reconciler.name)>", state: cluster.stateSort, initial: initial, actions: [
            cluster.apiServerHandles(),
            cluster.scheduleReconcile(), cluster.startReconcile(), cluster.continueReconcile(), cluster.endReconcile(),
            cluster.restartController(), cluster.disable("disableCrash", "crashEnabled"),
            cluster.dropRequest(), cluster.disable("disableRequestDrop", "requestDropEnabled"),
            cluster.failRequest(), cluster.disable("disableAPIErrors", "apiErrorEnabled"),
            cluster.garbageCollect(), cluster.writeBuiltinStatus(), cluster.stabilize(),
            cluster.externalHandles(), cluster.clientRequest(),
            cluster.podMonkey(), cluster.disable("disablePodMonkey", "podMonkeyEnabled"),
        ])
    }

    /// `request` is one a user may send: a create, update or delete of a custom resource of
    /// `resourceKind` or of an object of a `userWritable` kind.
    public func isUserWrite(_ request: Term) throws(SortError) -> Term {
        try Cluster.isUserWrite(request, kinds: [resourceKind] + userWritable)
    }

    /// `ClusterState<reconciler>` as a sort.
    public var stateSort: Sort { .datatype(state) }

    /// The spec `init ∧ □next ∧ fairness ∧ assumptions`, with each action's fairness.
    public func spec(assuming assumptions: [TempPred] = []) throws -> Spec { try machine.spec(assuming: assumptions) }

    /// A state predicate over the cluster state, for proofs: `body(s)`.
    public func predicate(_ name: String, _ body: (Term) throws(SortError) -> Term) throws(SortError) -> StatePred {
        try StatePred(name, state: stateSort, body)
    }
}
