/// The end-to-end example controller: for a `SimpleCR` named `n`, it keeps one ConfigMap `n-data`
/// whose data equals the custom resource's `spec.data`, owned by the custom resource. One reconcile
/// is get, then create (not found) or update (found, from the fetched object so its resource
/// version makes the update conditional), then done; anything else is an error.
public struct SimpleReconciler: Reconciler {
    /// Seeded bugs the proofs must reject.
    public enum Bug: String, CaseIterable, Sendable {
        /// The update step is skipped: an existing config map is never corrected.
        case skipsTheUpdate
        /// The config map gets the wrong data.
        case writesWrongData
        /// The config map is created without an owner reference.
        case omitsTheOwnerReference
    }

    public static let phase = DatatypeDecl.enumeration("SimplePhase", ["initial", "afterGet", "afterCreate", "afterUpdate", "done", "failed"])

    public let bug: Bug?
    public init(bug: Bug? = nil) { self.bug = bug }

    public var name: String { bug.map { "simple-\($0.rawValue)" } ?? "simple" }
    public var typeName: String { "simple" }
    public var resourceSort: Sort { .datatype(K8s.object) }
    public var stateSort: Sort { .datatype(Self.phase) }
    public var requestSort: Sort { .datatype(ExternalSystem.none.controllerRequest) }
    public var responseSort: Sort { .datatype(ExternalSystem.none.controllerResponse) }
    public var initialState: Term { get throws { try .enumCase(Self.phase, "initial") } }

    public func isDone(_ state: Term) throws -> Term { try state .== .enumCase(Self.phase, "done") }
    public func isError(_ state: Term) throws -> Term { try state .== .enumCase(Self.phase, "failed") }

    /// The config map's key for a custom resource: `<name>-data` in its namespace.
    public static func configMapKey(_ cr: Term) throws(SortError) -> Term {
        let meta = try cr["metadata"]
        return try K8s.key(.configMap, namespace: meta["namespace"].unwrap(or: "") { $0 },
                           name: meta["name"].unwrap(or: "") { $0 }.concat("-data"))
    }

    /// The data the config map must hold: the custom resource's `spec.data`.
    public static func desiredData(_ cr: Term) throws(SortError) -> Term {
        try K8s.Object.withSpec(cr, as: .simpleCR, otherwise: .emptyMap(.string, .string)) { spec throws(SortError) in try spec["data"] }
    }

    /// The controller owner reference to the custom resource.
    public static func ownerReference(_ cr: Term) throws(SortError) -> Term {
        let meta = try cr["metadata"]
        return try K8s.ownerRef(kind: cr["kind"], name: meta["name"].unwrap(or: "") { $0 }, uid: meta["uid"].unwrap(or: 0) { $0 })
    }

    public func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let api = ExternalSystem.none
        let key = try Self.configMapKey(cr)
        let namespace = try key["namespace"], name = try key["name"]
        let data = bug == .writesWrongData ? try Self.desiredData(cr).inserting("extra", "entry") : try Self.desiredData(cr)
        let owners: [Term] = bug == .omitsTheOwnerReference ? [] : [try Self.ownerReference(cr)]
        let made = try K8s.Object.make(.configMap, metadata: K8s.meta(name: name, namespace: namespace, ownerReferences: owners),
                                       spec: .record(K8s.configMapSpec, ["data": data]))
        func go(_ phase: String, _ request: Term?) throws(SortError) -> Term {
            try .record(stepResult, ["state": .enumCase(Self.phase, phase),
                                     "request": try request.map { r throws(SortError) in .some(try api.apiRequest(r)) } ?? .none(requestSort)])
        }
        /// `body(apiResponse)` when the response is from the API server, else the error state.
        func onAPIResponse(_ body: (Term) throws(SortError) -> Term) throws(SortError) -> Term {
            try response.unwrap(or: go("failed", nil)) { r throws(SortError) in
                try .match(r) { (ctor, fields) throws(SortError) in ctor == "api" ? try body(fields[0]) : try go("failed", nil) }
            }
        }
        let afterGet = try onAPIResponse { r throws(SortError) in
            try APIServer.responseObject(r).unwrap(or:
                .ite(APIServer.responseError(r) .== .some(APIServer.ErrorCode.objectNotFound.term),
                     go("afterCreate", APIServer.Request.create(namespace: namespace, object: made)),
                     go("failed", nil))) { found throws(SortError) in
                if bug == .skipsTheUpdate { return try go("done", nil) }
                let meta = try found["metadata"].with("ownerReferences", made["metadata"]["ownerReferences"])
                let updated = try found.with("metadata", meta).with("spec", made["spec"])
                return try go("afterUpdate", APIServer.Request.update(namespace: namespace, name: name, object: updated))
            }
        }
        let afterWrite = try onAPIResponse { r throws(SortError) in
            try .ite(APIServer.responseError(r).isNone, go("done", nil), go("failed", nil))
        }
        return try .match(state) { (phase, _) throws(SortError) in
            switch phase {
            case "initial": return try go("afterGet", APIServer.Request.get(key))
            case "afterGet": return afterGet
            case "afterCreate", "afterUpdate": return afterWrite
            default: return try go(phase, nil)
            }
        }
    }
}
