import ClusterModel
import Controllers
import VCGen

/// The phases and managed objects of a reconciler built on `ManagedSteps`, for its proofs.
extension ReconcilePhases {
    /// The phases of `steps` (the local state's `phase` field), ranked by the resources still to
    /// do: with N resources, `initial` is 3N, and the i-th resource's (from 0) `afterGet` is
    /// 3(N-i)-1 and its `afterCreate`/`afterUpdate` 3(N-i)-2, so going on to the next resource's
    /// get lowers the rank; `done` and `failed` are 0. A controller phase of its own has no rank
    /// here (a `SortError` names it).
    init(managedSteps steps: ManagedSteps) {
        let ids = steps.resources.map(\.id)
        let n = ids.count
        phase = { (local) throws(SortError) in try local["phase"] }
        rank = { (local) throws(SortError) in
            try .match(local["phase"]) { (p, f) throws(SortError) in
                switch p {
                case "initial": return .int(3 * n)
                case "afterGet", "afterCreate", "afterUpdate":
                    return try .match(f[0]) { (id, _) throws(SortError) in
                        guard let i = ids.firstIndex(of: id) else { throw SortError("no managed resource '\(id)'") }
                        return .int(3 * (n - i) - (p == "afterGet" ? 1 : 2))
                    }
                case "done", "failed": return 0
                default: throw SortError("ReconcilePhases(managedSteps:): no rank for the controller phase '\(p)'")
                }
            }
        }
        maxRank = 3 * n
    }
}

extension ManagedObject {
    /// The managed resource `resource` of `steps` for resources of `resourceKind`, named `name(n)`
    /// for the resource named n, made from the initial local state. (A resource whose make reads
    /// the local state, such as a workload that carries a config map's resource version, needs the
    /// local state the reconcile has reached instead; one whose desired state ignores spec fields,
    /// such as a service's cluster IP, needs `isMade` to ignore them too.)
    init(_ resource: ManagedResource, of steps: ManagedSteps, resourceKind: K8s.Kind, noun: String,
         name: @escaping @Sendable (_ n: Term) throws(SortError) -> Term) {
        @Sendable func made(_ cr: Term) throws(SortError) -> Term { try resource.make(cr, steps.localState(phase: steps.phase("initial"))) }
        self.init(resourceKind: resourceKind, kind: resource.kind, noun: noun, name: name, made: made,
                  managedMetadataFields: ManagedResource.managedMetadataFields,
                  updated: { (cr, found) throws(SortError) in try resource.updated(found, made: made(cr)) },
                  isAt: { (local, phase) throws(SortError) in
                      try local["phase"] .== (phase == "initial" ? steps.phase(phase) : steps.phase(phase, resource))
                  })
    }
}
