import ClusterModel
import Controllers
import VCGen

/// The phases and managed objects of a reconciler built on `ManagedSteps`, for its proofs.
extension ReconcilePhases {
    /// The phases of `steps` (the local state's `phase` field), ranked by the steps still to do.
    /// `order` lists, in the order a reconcile passes them, the managed resources (by id) and the
    /// controller's own phases (by name; each one step): by default the resources alone, or
    /// `before` (FluentBit's `afterGetSecret`) then the resources. Ranks fall along it: from the
    /// end, `done` and `failed` are 0, a resource's `afterCreate`/`afterUpdate` is one more than
    /// whatever follows it and its `afterGet` two more, a controller phase one more; `initial` is
    /// `maxRank`. A step may skip ahead (ZooKeeper's `afterExistsZKNode` to `afterUpdateZKNode`):
    /// the rank still falls. A phase not in `order` has no rank (a `SortError` names it). With
    /// `splitSteps`, a reconcile step's obligations are split by phase (`stepCases`).
    init(managedSteps steps: ManagedSteps, before: [String] = [], order: [String]? = nil, splitSteps: Bool = false) {
        let ids = steps.resources.map(\.id)
        let slots = order ?? before + ids
        var ranks: [String: Int] = [:], next = 0
        for slot in slots.reversed() {
            if ids.contains(slot) {
                ranks["afterWrite " + slot] = next + 1
                ranks["afterGet " + slot] = next + 2
                next += 2
            } else {
                ranks[slot] = next + 1
                next += 1
            }
        }
        let known = ranks, top = next + 1
        phase = { (local) throws(SortError) in try local["phase"] }
        rank = { (local) throws(SortError) in
            try .match(local["phase"]) { (p, f) throws(SortError) in
                switch p {
                case "initial": return .int(top)
                case "afterGet", "afterCreate", "afterUpdate":
                    return try .match(f[0]) { (id, _) throws(SortError) in
                        guard let r = known[(p == "afterGet" ? "afterGet " : "afterWrite ") + id] else {
                            throw SortError("ReconcilePhases(managedSteps:): the managed resource '\(id)' is not in the order")
                        }
                        return .int(r)
                    }
                case "done", "failed": return 0
                default:
                    guard let r = known[p] else {
                        throw SortError("ReconcilePhases(managedSteps:): no rank for the controller phase '\(p)'")
                    }
                    return .int(r)
                }
            }
        }
        maxRank = top
        self.before = before
        // The key got matters only when objects of several kinds are got in turn (see `getKeys`).
        if Set(steps.resources.map(\.kind.rawValue)).count > 1 {
            getKeys = Dictionary(uniqueKeysWithValues: steps.resources.map { (r) in
                (r.id, { @Sendable (cr: Term) throws(SortError) -> Term in try r.key(cr) })
            })
        }
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
    /// does (`ManagedResource.comparedSpec`: a service's cluster IP aside). `fieldsFixedByName` are
    /// the kept spec fields the resource's name alone makes.
    init(_ resource: ManagedResource, of steps: ManagedSteps, resourceKind: K8s.Kind, noun: String,
         name: @escaping @Sendable (_ n: Term) throws(SortError) -> Term, fieldsFixedByName: [String] = []) {
        @Sendable func made(_ cr: Term) throws(SortError) -> Term { try resource.make(cr, steps.localState(phase: steps.phase("initial"))) }
        self.init(resourceKind: resourceKind, kind: resource.kind, noun: noun, name: name, made: made,
                  managedMetadataFields: ManagedResource.managedMetadataFields,
                  comparedSpec: { (o) throws(SortError) in try resource.comparedSpec(o) },
                  updated: { (cr, found) throws(SortError) in try resource.updated(found, made: made(cr)) },
                  isAt: { (local, phase) throws(SortError) in
                      try local["phase"] .== (phase == "initial" ? steps.phase(phase) : steps.phase(phase, resource))
                  }, fieldsFixedByName: fieldsFixedByName)
    }
}
