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
    /// the kept spec fields the resource's name alone makes, `fieldsFixedByOwner` those
    /// the owner's immutable fields make. `withoutLocalState` blanks what the reached local state
    /// decides in a spec (ZooKeeper's stateful set: the value of its restart annotation), which
    /// "made" and the chain's update then leave aside.
    init(_ resource: ManagedResource, of steps: ManagedSteps, resourceKind: K8s.Kind, noun: String,
         name: @escaping @Sendable (_ n: Term) throws(SortError) -> Term, fieldsFixedByName: [String] = [],
         fieldsFixedByOwner: [String] = [],
         withoutLocalState: (@Sendable (_ spec: Term) throws(SortError) -> Term)? = nil) {
        @Sendable func made(_ cr: Term) throws(SortError) -> Term { try resource.make(cr, steps.localState(phase: steps.phase("initial"))) }
        self.init(resourceKind: resourceKind, kind: resource.kind, noun: noun, name: name, made: made,
                  managedMetadataFields: ManagedResource.managedMetadataFields,
                  comparedSpec: { (o) throws(SortError) in
                      let spec = try resource.comparedSpec(o)
                      return try withoutLocalState.map { (blank) throws(SortError) in try blank(spec) } ?? spec
                  },
                  updated: { (cr, found) throws(SortError) in try resource.updated(found, made: made(cr)) },
                  isAt: { (local, phase) throws(SortError) in
                      try local["phase"] .== (phase == "initial" ? steps.phase(phase) : steps.phase(phase, resource))
                  }, fieldsFixedByName: fieldsFixedByName, fieldsFixedByOwner: fieldsFixedByOwner, withoutLocalState: withoutLocalState,
                  keptVersionField: resource.resourceVersionField)
    }
}

extension ManagedObject {
    /// A workload's compared spec (`spec`, of `kind`, with a pod `template`) with the value of its
    /// pod template's restart annotation blanked where the annotation is present: the value is
    /// the config map's resource version the reconcile has reached, which no made object for the
    /// initial local state knows. An object without the annotation still differs from the made one.
    static func restartValueBlanked(_ spec: Term, kind: K8s.Kind) throws(SortError) -> Term {
        try .match(spec) { (name, fields) throws(SortError) in
            guard name == kind.rawValue else { return spec }
            let record = fields[0]
            let annotations = try record["template"]["annotations"], key = Term.string(ManagedResource.restartAnnotation)
            let blanked = try Term.ite(annotations.hasKey(key), annotations.inserting(key, ""), annotations)
            return try K8s.spec(kind, record.with("template", record["template"].with("annotations", blanked)))
        }
    }
}
