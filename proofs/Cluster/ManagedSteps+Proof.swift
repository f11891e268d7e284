import ClusterModel
import Controllers
import VCGen

/// The phases and managed objects of a reconciler built on `ManagedSteps`, for its proofs.
extension ReconcilePhases {
    /// The phases of `steps` (the local state's `phase` field), ranked by the steps still to do:
    /// with N resources and the controller's own phases `before` the first resource's get (each
    /// one step, in order: FluentBit's `afterGetSecret`), `initial` is 3N + |before|, `before[j]`
    /// is 3N + |before| - 1 - j, and the i-th resource's (from 0) `afterGet` is 3(N-i)-1 and its
    /// `afterCreate`/`afterUpdate` 3(N-i)-2, so going on to the next resource's get lowers the
    /// rank; `done` and `failed` are 0. Any other controller phase has no rank here (a `SortError`
    /// names it). With `splitSteps`, a reconcile step's obligations are split by phase (`stepCases`).
    init(managedSteps steps: ManagedSteps, before: [String] = [], splitSteps: Bool = false) {
        let ids = steps.resources.map(\.id)
        let n = ids.count, b = before.count
        phase = { (local) throws(SortError) in try local["phase"] }
        rank = { (local) throws(SortError) in
            try .match(local["phase"]) { (p, f) throws(SortError) in
                switch p {
                case "initial": return .int(3 * n + b)
                case "afterGet", "afterCreate", "afterUpdate":
                    return try .match(f[0]) { (id, _) throws(SortError) in
                        guard let i = ids.firstIndex(of: id) else { throw SortError("no managed resource '\(id)'") }
                        return .int(3 * (n - i) - (p == "afterGet" ? 1 : 2))
                    }
                case "done", "failed": return 0
                default:
                    guard let j = before.firstIndex(of: p) else {
                        throw SortError("ReconcilePhases(managedSteps:): no rank for the controller phase '\(p)'")
                    }
                    return .int(3 * n + b - 1 - j)
                }
            }
        }
        maxRank = 3 * n + b
        self.before = before
        guard splitSteps else { return }
        phaseValues = steps.phase.constructors.flatMap { (c) -> [Term] in
            (try? c.fields.isEmpty ? [steps.phase(c.name)] : steps.resources.map { try steps.phase(c.name, $0) }) ?? []
        }
    }
}

extension ManagedObject {
    /// The managed resource `resource` of `steps` for resources of `resourceKind`, named `name(n)`
    /// for the resource named n, made from the initial local state. (A resource whose make reads
    /// the local state, such as a workload that carries a config map's resource version, needs the
    /// local state the reconcile has reached instead.) "Made" compares the spec as the desired state
    /// does (`ManagedResource.comparedSpec`: a service's cluster IP aside).
    init(_ resource: ManagedResource, of steps: ManagedSteps, resourceKind: K8s.Kind, noun: String,
         name: @escaping @Sendable (_ n: Term) throws(SortError) -> Term) {
        @Sendable func made(_ cr: Term) throws(SortError) -> Term { try resource.make(cr, steps.localState(phase: steps.phase("initial"))) }
        self.init(resourceKind: resourceKind, kind: resource.kind, noun: noun, name: name, made: made,
                  managedMetadataFields: ManagedResource.managedMetadataFields,
                  comparedSpec: { (o) throws(SortError) in try resource.comparedSpec(o) },
                  updated: { (cr, found) throws(SortError) in try resource.updated(found, made: made(cr)) },
                  isAt: { (local, phase) throws(SortError) in
                      try local["phase"] .== (phase == "initial" ? steps.phase(phase) : steps.phase(phase, resource))
                  })
    }
}
