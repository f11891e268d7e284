import Foundation

/// Runs a controller against a real API server, with the very terms that were proved: each
/// reconcile starts with a quorum read (a get) of the custom resource, then evaluates the
/// reconciler's step (`ReconcileDriver`) one step at a time, sending each request and feeding its
/// response to the next step, until the local state is done or failed. Then the resource is
/// requeued: after `requeueAfter` on success, `errorRequeueAfter` on error (Anvil's shim: 60 s
/// and 10 s). A watch of the custom resources makes a changed resource due at once.
///
/// What the model abstracts, made concrete here: the requeue delay (the model's weakly fair
/// `scheduleReconcile`); reconciles of different resources run one at a time (the model
/// interleaves them); a request with no answer reaches the reconciler as a `timeout` error.
public final class ControllerRuntime: @unchecked Sendable {
    /// Delays and limits of the runtime.
    public struct Options: Sendable {
        /// Seconds before a resource whose reconcile succeeded (or whose read failed) is reconciled again.
        public var requeueAfter: TimeInterval = 60
        /// Seconds before a resource whose reconcile failed is reconciled again.
        public var errorRequeueAfter: TimeInterval = 10
        /// The namespace to watch; `nil`: all.
        public var namespace: String?
        /// A pause before each step (to watch a reconcile, or to kill it midway in tests).
        public var stepDelay: TimeInterval = 0
        /// A reconcile taking more steps than this fails (the reconciler did not terminate).
        public var maxSteps = 10_000
        /// Retries of a get-then-update or get-then-delete whose write met a conflict.
        public var transactionRetries = 5
        public init() {}
    }

    /// How a reconcile ended.
    public enum Outcome: Equatable, Sendable {
        /// The local state is done after `steps` steps.
        case done(steps: Int)
        /// The local state failed after `steps` steps, or the reconciler could not be evaluated.
        case failed(steps: Int, reason: String)
        /// The custom resource is gone: wait for a change.
        case resourceGone
        /// The quorum read failed with this error.
        case readFailed(APIServer.ErrorCode)
    }

    public let entry: ControllerEntry
    public let connection: any ClusterConnection
    public let options: Options
    let driver: ReconcileDriver
    let log: RuntimeLog
    let queue = ReconcileQueue()
    private var reconcileCount = 0

    public init(entry: ControllerEntry, connection: any ClusterConnection, options: Options = Options(),
                log: RuntimeLog = RuntimeLog()) throws {
        self.entry = entry
        self.connection = connection
        self.options = options
        self.driver = try ReconcileDriver(entry.reconciler)
        self.log = log
    }

    /// The external system's sorts (`none` when the controller has none).
    var external: ExternalSystem { entry.external ?? .none }

    // MARK: One reconcile

    /// One reconcile of the custom resource under `key`.
    public func reconcile(_ key: Value) -> Outcome {
        reconcileCount += 1
        let number = reconcileCount
        let resource = key.keyDescription
        let get = Value.datatype(APIServer.request, constructor: APIServer.request.constructorIndex("get")!, fields: [key])
        let read = perform(get)
        if let error = read.responseError {
            let outcome: Outcome = error == .objectNotFound ? .resourceGone : .readFailed(error)
            log.reconcileEnded(entry.name, resource, number, outcome)
            return outcome
        }
        guard let cr = read.datatypeFields.first?.datatypeFields.first else {
            return .failed(steps: 0, reason: "the quorum read returned no object")
        }
        log.reconcileStarted(entry.name, resource, number, resourceVersion: cr[field: "metadata"]?[field: "resourceVersion"]?.someValue?.intValue)
        var state = driver.initialState
        var response: Value?
        var steps = 0
        let outcome: Outcome
        do {
            while true {
                if try driver.isDone(state) { outcome = .done(steps: steps); break }
                if try driver.isError(state) { outcome = .failed(steps: steps, reason: "the reconciler's error state"); break }
                guard steps < options.maxSteps else { outcome = .failed(steps: steps, reason: "no end after \(steps) steps"); break }
                if options.stepDelay > 0 { Thread.sleep(forTimeInterval: options.stepDelay) }
                let started = Date()
                let (next, request) = try driver.step(resource: cr, response: response, state: state)
                steps += 1
                state = next
                response = try request.map(send)
                log.step(entry.name, resource, number, step: steps, state: state, request: request, response: response,
                         seconds: Date().timeIntervalSince(started))
            }
        } catch {
            outcome = .failed(steps: steps, reason: "\(error)")
        }
        log.reconcileEnded(entry.name, resource, number, outcome)
        return outcome
    }

    /// Sends a `ControllerRequest` value (an API request or an external one) and returns the
    /// `ControllerResponse` value for the next step.
    /// The model's external system always answers, so an unreachable one ends the reconcile as failed.
    func send(_ request: Value) throws -> Value {
        let payload = request.datatypeFields[0]
        if request.constructorName == "api" {
            return .datatype(external.controllerResponse, constructor: 0, fields: [perform(payload)])
        }
        let answer = try connection.callExternal(payload, sort: external.requestSort, responseSort: external.responseSort)
        return .datatype(external.controllerResponse, constructor: 1, fields: [answer])
    }

    // MARK: The loop

    /// Lists the custom resources and reconciles each; then keeps a watch on them and reconciles
    /// them as they change and as their requeue delay passes. Returns after `duration` seconds
    /// (`nil`: never).
    public func run(for duration: TimeInterval? = nil) {
        let deadline = duration.map { Date().addingTimeInterval($0) } ?? .distantFuture
        let watching = Thread { [self] in watchLoop(until: deadline) }
        watching.start()
        while Date() < deadline {
            guard let key = queue.next(until: deadline) else { continue }
            switch reconcile(key) {
            case .done, .readFailed: queue.schedule(key, after: options.requeueAfter)
            case .failed: queue.schedule(key, after: options.errorRequeueAfter)
            case .resourceGone: break
            }
        }
    }

    /// List, then watch from the list's version; on any failure list again after a second.
    private func watchLoop(until deadline: Date) {
        while Date() < deadline {
            do {
                let (keys, version) = try connection.listKeys(entry.kind, namespace: options.namespace)
                for key in keys { queue.schedule(key, after: 0) }
                try connection.watch(entry.kind, namespace: options.namespace, from: version) { type, key in
                    if type == "ADDED" || type == "MODIFIED" { queue.schedule(key, after: 0) }
                    return Date() < deadline
                }
            } catch {
                log.note("list/watch of \(entry.kind.resource): \(error); listing again")
            }
            Thread.sleep(forTimeInterval: 1)
        }
    }
}
