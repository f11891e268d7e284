import Foundation

/// The executable cluster model serving outside clients: its state is a `ClusterState` value,
/// and every change is one of the model's actions, evaluated (`ClusterModel.run`).
///
/// A client's request enters the network as a message from the `client` host; then the API
/// server's `apiServerHandles` action handles it (or, when faults are on, `dropRequest` or
/// `failRequest` answers it), and the response is taken out of the network and returned. The
/// built-in controllers (`runBuiltinControllers`) are the model's `garbageCollect`,
/// `writeBuiltinStatus` and `stabilize` actions, their requests handled the same way. The
/// external system, if the controller has one, handles requests by `externalHandles`.
///
/// Outside the model: responses are taken out of the network when delivered (the model leaves
/// responses to hosts that never read them in flight), and changes of etcd are logged as watch
/// events.
public final class ServedCluster: @unchecked Sendable {
    /// Faults injected into requests, as the model's unfair `dropRequest` and `failRequest` do.
    public struct Faults: Sendable {
        public var drop = false
        public var apiErrors = false
        /// The chance that a request meets a fault (each enabled fault in turn).
        public var rate = 0.1
        /// Faults stop (the model's `disableRequestDrop`, `disableAPIErrors`) after this many
        /// requests; `nil`: never.
        public var requests: Int?
        public var seed: UInt64 = 0
        public init() {}
    }

    /// One change of etcd, for watches.
    public struct Event: Sendable {
        /// `ADDED`, `MODIFIED` or `DELETED`.
        public let type: String
        /// The resource version of the change (the counter value the write took).
        public let resourceVersion: Int
        public let key: Value
        public let object: Value
    }

    /// What `handle` did with a request.
    public struct Outcome: Sendable {
        public let response: Value
        /// The fault that answered the request instead of the API server, if any.
        public let fault: String?
        /// The API server's state before the request.
        public let before: Value
        /// The resource-version counter after the request (a list's resource version).
        public let resourceVersion: Int
    }

    public let model: ClusterModel
    public let faults: Faults
    private let condition = NSCondition()
    private var state: Value
    private var random: SplitMix64
    private var requestsHandled = 0
    private var events: [Event] = []
    /// The oldest resource version whose events are all still logged.
    private var oldestLogged = 0
    /// How many events are kept for watches that start in the past.
    public static let eventHistory = 5_000
    let client: Value, apiServerHost: Value, externalHost: Value

    public init(model: ClusterModel, faults: Faults = Faults()) throws {
        self.model = model
        self.faults = faults
        random = SplitMix64(state: faults.seed)
        client = try Network.client.evaluate()
        apiServerHost = try Network.apiServer.evaluate()
        externalHost = try Network.externalSystem.evaluate()
        state = try model.initialValue()
        // The controller runs outside, so the model's crashes and pod monkey are off for good.
        var off = ["disableCrash", "disablePodMonkey"]
        if !faults.drop || faults.requests == 0 { off.append("disableRequestDrop") }
        if !faults.apiErrors || faults.requests == 0 { off.append("disableAPIErrors") }
        for action in off { state = try runAction(action, []) }
    }

    // MARK: Reading

    /// Evaluates `body` on the current cluster state value (under the lock).
    public func read<T>(_ body: (Value) throws -> T) rethrows -> T {
        condition.lock()
        defer { condition.unlock() }
        return try body(state)
    }

    /// The API server's resource-version counter: a list's resource version.
    public var resourceVersion: Int { read { Self.counter($0) } }

    static func counter(_ state: Value) -> Int { state[field: "apiServer"]?[field: "resourceVersionCounter"]?.intValue ?? 0 }

    // MARK: Requests

    /// Handles one API request value (`APIRequest`) as the model does, and returns its response.
    public func handle(_ request: Value) throws -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        return try handleLocked(request)
    }

    /// Handles a request built from the stored object under `key` while no other request can run
    /// in between: `make(response to get)` gives the request to send next, or `nil` to answer
    /// with the get's response. (A patch: get, then update the patched object.)
    public func handleAfterGet(_ key: Value, _ make: (Value) throws -> Value?) throws -> Outcome {
        condition.lock()
        defer { condition.unlock() }
        let get = Value.datatype(APIServer.request, constructor: APIServer.request.constructorIndex("get")!, fields: [key])
        let first = try handleLocked(get)
        guard first.response.responseError == nil, let next = try make(first.response) else { return first }
        return try handleLocked(next)
    }

    /// Handles one request of the external system and returns its response.
    public func handleExternal(_ request: Value) throws -> Value {
        condition.lock()
        defer { condition.unlock() }
        let content = Value.datatype(model.network.content, constructor: 2, fields: [request])
        let message = try send(content, from: client, to: externalHost)
        return try deliver(message, by: "externalHandles", [message])
    }

    private func handleLocked(_ request: Value) throws -> Outcome {
        let before = state[field: "apiServer"]!
        let content = Value.datatype(model.network.content, constructor: 0, fields: [request])
        let message = try send(content, from: client, to: apiServerHost)
        requestsHandled += 1
        let fault = chooseFault()
        let response: Value
        switch fault {
        case "drop": response = try deliver(message, by: "dropRequest", [message])
        case "api-error":
            let code = random.below(APIServer.ErrorCode.allCases.count)
            response = try deliver(message, by: "failRequest", [message, .datatype(APIServer.error, constructor: code, fields: [])])
        default: response = try deliver(message, by: "apiServerHandles", [message])
        }
        if let limit = faults.requests, requestsHandled == limit { try stopFaults() }
        return Outcome(response: response, fault: fault, before: before, resourceVersion: Self.counter(state))
    }

    private func chooseFault() -> String? {
        func roll() -> Bool { Double(random.next() % 1_000_000) / 1_000_000 < faults.rate }
        let active = faults.requests.map { requestsHandled <= $0 } ?? true
        guard active else { return nil }
        if faults.drop && roll() { return "drop" }
        if faults.apiErrors && roll() { return "api-error" }
        return nil
    }

    private func stopFaults() throws {
        if faults.drop { state = try runAction("disableRequestDrop", []) }
        if faults.apiErrors { state = try runAction("disableAPIErrors", []) }
    }

    // MARK: Built-in controllers

    /// One round of Kubernetes' own controllers: the garbage collector deletes each object whose
    /// owners are gone; the stateful-set and daemon-set controllers write each unstable object's
    /// status as if all its pods were ready, and it becomes stable. Returns the actions taken.
    @discardableResult
    public func runBuiltinControllers() throws -> [String] {
        condition.lock()
        defer { condition.unlock() }
        var taken: [String] = []
        guard case .map(let etcd, _)? = state[field: "apiServer"]?[field: "etcd"] else { return [] }
        for key in etcd.keys.sorted(by: { $0.description < $1.description }) {
            if try model.isEnabled("garbageCollect", at: state, inputs: [key]) {
                state = try runAction("garbageCollect", [key])
                try deliverBuiltinRequest()
                taken.append("garbageCollect(\(key.keyDescription))")
                continue
            }
            guard let object = etcd[key], let status = readyStatus(of: object) else { continue }
            if try model.isEnabled("writeBuiltinStatus", at: state, inputs: [key, status]) {
                state = try runAction("writeBuiltinStatus", [key, status])
                try deliverBuiltinRequest()
                state = try runAction("stabilize", [key])
                taken.append("writeBuiltinStatus(\(key.keyDescription))")
            }
        }
        return taken
    }

    /// The status a stateful set (all `replicas` ready) or daemon set (one node, ready) gets.
    func readyStatus(of object: Value) -> Value? {
        guard let kind = object.objectKind, let spec = object[field: "spec"]?.datatypeFields.first else { return nil }
        switch kind {
        case .statefulSet:
            let replicas = spec[field: "replicas"]?.someValue?.intValue ?? 1
            return .datatype(K8s.objectStatus, constructor: K8s.objectStatus.constructorIndex("statefulSet")!, fields: [
                .datatype(K8s.statefulSetStatus, constructor: 0, fields: [.int(replicas), .option(.int(replicas), of: .int)]),
            ])
        case .daemonSet:
            return .datatype(K8s.objectStatus, constructor: K8s.objectStatus.constructorIndex("daemonSet")!, fields: [
                .datatype(K8s.daemonSetStatus, constructor: 0, fields: [.int(1), .int(1)]),
            ])
        default:
            return nil
        }
    }

    /// The API server handles the request a built-in controller just sent (the newest message).
    private func deliverBuiltinRequest() throws {
        let id = (state[field: "rpcIdCounter"]?.intValue ?? 1) - 1
        guard case .set(let members, _)? = state[field: "network"],
              let message = members.first(where: { $0[field: "rpcId"]?.intValue == id }) else { return }
        _ = try deliver(message, by: "apiServerHandles", [message])
    }

    // MARK: Messages

    /// The state with `content` sent under a fresh rpc id; returns the message.
    private func send(_ content: Value, from source: Value, to destination: Value) throws -> Value {
        let id = state[field: "rpcIdCounter"]?.intValue ?? 0
        let message = Value.datatype(model.network.message, constructor: 0, fields: [source, destination, .int(id), content])
        guard case .set(var members, let complemented)? = state[field: "network"] else { throw EvaluationError("no network in the state") }
        members.insert(message)
        state = state.setting("network", .set(members: members, complemented: complemented)).setting("rpcIdCounter", .int(id + 1))
        return message
    }

    /// Runs `action` on the in-flight `message`, then takes its reply out of the network and
    /// returns the reply's content payload (the response). Logs the change of etcd.
    private func deliver(_ message: Value, by action: String, _ inputs: [Value]) throws -> Value {
        let before = state
        state = try runAction(action, inputs)
        guard case .set(var members, let complemented)? = state[field: "network"],
              let reply = members.first(where: { $0[field: "rpcId"] == message[field: "rpcId"] && $0[field: "destination"] == message[field: "source"] })
        else { throw EvaluationError("\(action) left no reply to rpc \(message[field: "rpcId"]!)") }
        members.remove(reply)
        state = state.setting("network", .set(members: members, complemented: complemented))
        recordEvents(from: before, to: state)
        return reply[field: "content"]!.datatypeFields[0]
    }

    private func runAction(_ action: String, _ inputs: [Value]) throws -> Value {
        guard let next = try model.run(action, at: state, inputs: inputs) else {
            throw EvaluationError("the model's action \(action) is not enabled")
        }
        return next
    }

    // MARK: The event log

    func appendEvents(_ new: [Event]) {
        guard !new.isEmpty else { return }
        events += new
        if events.count > Self.eventHistory {
            let cut = events[events.count - Self.eventHistory].resourceVersion + 1
            events.removeAll { $0.resourceVersion < cut }
            oldestLogged = cut
        }
        condition.broadcast()
    }

    /// Waits (under the lock) until `body(log, oldest logged version)` gives a non-empty list,
    /// `nil`, or `deadline` passes (then the empty list).
    func waitForEvents(until deadline: Date, _ body: ([Event], Int) -> [Event]?) -> [Event]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            guard let found = body(events, oldestLogged) else { return nil }
            if !found.isEmpty || !condition.wait(until: deadline) { return found }
        }
    }

}

extension Value {
    /// A record value with the field `name` replaced (unchanged when there is no such field).
    public func setting(_ name: String, _ value: Value) -> Value {
        guard case .datatype(let d, let c, var fields) = self,
              let i = d.constructors[c].fields.firstIndex(where: { $0.name == name }) else { return self }
        fields[i] = value
        return .datatype(d, constructor: c, fields: fields)
    }
}
