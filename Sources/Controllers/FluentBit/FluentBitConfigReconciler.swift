/// The FluentBitConfig controller's reconcile, after Anvil's: for a FluentBitConfig `<name>` it
/// gets, then creates or updates, the secret `<name>` holding `fluent-bit.conf` and
/// `parsers.conf`, and is done. Any unexpected response fails the reconcile.
public struct FluentBitConfigReconciler: ManagedReconciler {
    /// Seeded bugs the proofs must reject; `FluentBitMutantTests` shows each wrong in the model.
    public enum Bug: String, CaseIterable, Sendable {
        /// Wrong data: the two files are swapped.
        case swapsTheFiles
        /// The secret gets no owner reference.
        case omitsTheOwnerReference
        /// An update that keeps the found secret's data: a change of the resource never reaches it.
        case updateKeepsTheData
    }

    /// The seeded bug, if any.
    public let bug: Bug?
    public let steps: ManagedSteps

    /// The correct controller, or the mutant with `bug`.
    public init(bug: Bug? = nil) {
        self.bug = bug
        steps = ManagedSteps("FluentBitConfig", resources: [Self.secret(bug: bug)], phases: [], fields: [])
    }

    public var name: String { bug.map { "fluentbitconfig-\($0.rawValue)" } ?? "fluentbitconfig" }
    public var typeName: String { "fluentbitconfig" }

    /// The secret `<name>`: the resource's `fluentBitConfig` as `fluent-bit.conf` and its
    /// `parsersConfig` as `parsers.conf`, owned by the resource.
    public var secret: ManagedResource { steps.resources[0] }

    static func secret(bug: Bug?) -> ManagedResource {
        ManagedResource("secret", kind: .secret, managedSpecFields: bug == .updateKeepsTheData ? [] : ["data"],
                        name: { (cr) throws(SortError) in try ManagedResource.name(cr) }) { (cr, _) throws(SortError) in
            let spec = try ManagedResource.spec(cr, .fluentBitConfig)
            let (main, parsers) = try bug == .swapsTheFiles ? (spec["parsersConfig"], spec["fluentBitConfig"])
                : (spec["fluentBitConfig"], spec["parsersConfig"])
            let metadata = try ManagedResource.metadata(cr, name: ManagedResource.name(cr), labels: ManagedResource.baseLabels(cr),
                                                        annotations: .emptyMap(.string, .string),
                                                        owners: bug == .omitsTheOwnerReference ? [] : nil)
            return try ManagedResource.dataObject(.secret, metadata: metadata, data: .stringMap(["fluent-bit.conf": main, "parsers.conf": parsers]))
        }
    }

    public func step(resource cr: Term, response: Term, state: Term) throws -> Term {
        let result = stepResult
        return try .match(state["phase"]) { (phase, fields) throws(SortError) in
            switch phase {
            case "initial": return try steps.get(result, secret, cr, state)
            case "afterGet", "afterCreate", "afterUpdate":
                return try steps.managedStep(result, phase: phase, payload: fields[0], cr, state, response: response) {
                    (resource, _, local) throws(SortError) in try steps.proceed(result, after: resource, cr, local)
                }
            default: return try stays(state)
            }
        }
    }
}
