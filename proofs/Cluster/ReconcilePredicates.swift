import ClusterModel
import VCGen

/// The state predicates of an ESR proof about a reconcile that keeps several objects of `cr` in
/// line, one after another: the resource's (`desired`, `matches`, phases B and C) and each
/// object's (`ManagedObjectPredicates`) conjoined over the objects. With one object every
/// predicate is that object's own, term for term.
struct ReconcilePredicates {
    let model: ClusterModel
    /// Each object's predicates, in reconcile order (at least one).
    let each: [ManagedObjectPredicates]

    init(model: ClusterModel, objects: [ManagedObject], desiredState: @escaping (_ s: Term, _ cr: Term) throws -> Term,
         assumption: DesiredAssumption? = nil) throws {
        guard !objects.isEmpty else { throw KernelError("ReconcilePredicates", "a reconcile keeps at least one object") }
        self.model = model
        each = objects.map { ManagedObjectPredicates(model: model, object: $0, desiredState: desiredState, assumption: assumption) }
    }

    /// The resource-level predicates, which every object's predicates share.
    var resource: ManagedObjectPredicates { each[0] }
    /// The objects, as the predicates name them ("config map", "service account, role").
    var nouns: String { each.map(\.object.noun).joined(separator: ", ") }

    func state(_ name: String, _ body: (Term) throws(SortError) -> Term) throws -> StatePred { try model.predicate(name, body) }

    var desired: StatePred { get throws { try resource.desired } }
    var matches: StatePred { get throws { try resource.matches } }
    var scheduledIsTheResource: StatePred { get throws { try resource.scheduledIsTheResource } }
    var runningIsTheResource: StatePred { get throws { try resource.runningIsTheResource } }

    /// A request of `cr`'s reconcile writes what the controller makes for the object it writes:
    /// a write of an object before the last is checked against that object, any other write
    /// against the last (every write is of one of the objects: `ManagedObject.belongToResources`).
    func writesTheMadeObjects(_ r: Term) throws(SortError) -> Term {
        var out = try each[each.count - 1].writesTheMadeObject(r)
        for p in each.dropLast().reversed() { out = try .ite(p.isAWriteOfTheObject(r), p.writesTheMadeObject(r), out) }
        return out
    }

    /// Every in-flight request of `cr`'s reconcile (with an rpc id of at least `from`) writes the made objects.
    func reconcileRequestsAreRight(_ s: Term, from: Term? = nil) throws(SortError) -> Term {
        let source = try Network.controller(resource.crKey)
        return try model.everyInFlight(s) { (m) throws(SortError) in
            let fresh = try from.map { (n) throws(SortError) in try m["rpcId"] >= n } ?? .true
            return try (m["source"] .== source && fresh) ==> model.onAPIRequest(m) { (r) throws(SortError) in try writesTheMadeObjects(r) }
        }
    }

    /// Phase D: every request of `cr`'s reconcile in flight writes the made objects.
    var requestsAreRight: StatePred {
        get throws { try state("cr's reconcile requests are right") { (s) throws(SortError) in try reconcileRequestsAreRight(s) } }
    }

    /// Phase H's fresh part: no in-flight request with an rpc id of at least `from` deletes one of the objects.
    func noDeleteOfTheObjects(_ s: Term, from: Term? = nil) throws(SortError) -> Term {
        try model.everyInFlight(s) { (m) throws(SortError) in
            let fresh = try from.map { (n) throws(SortError) in try m["rpcId"] >= n } ?? .true
            return try fresh ==> model.onAPIRequest(m) { (r) throws(SortError) in
                try !Term.or(each.map { (p) throws(SortError) in try p.deletesTheObject(r) })
            }
        }
    }

    /// Phase H: no delete of the objects is in flight.
    var noDelete: StatePred {
        get throws { try state("no delete of the \(nouns) in flight") { (s) throws(SortError) in try noDeleteOfTheObjects(s) } }
    }

    /// Phase M's goal: every object has the made spec and managed metadata.
    func made(_ s: Term) throws(SortError) -> Term { try .and(each.map { (p) throws(SortError) in try p.made(s) }) }
    var objectsAreMade: StatePred {
        get throws { try state("\(nouns) \(each.count == 1 ? "is" : "are") made for cr") { (s) throws(SortError) in try made(s) } }
    }

    /// The phases before M at once: every write of cr's reconcile in flight writes a made object
    /// (D), each object is owned by cr or absent (E), no delete of one is in flight (H).
    var phasesBeforeM: StatePred {
        get throws {
            try state("cr's writes right, \(nouns) owned by cr or absent, no delete in flight") { (s) throws(SortError) in
                try .and([reconcileRequestsAreRight(s)] + each.map { (p) throws(SortError) in try p.isOwnedOrAbsent(s) }
                         + [noDeleteOfTheObjects(s)])
            }
        }
    }

    /// The predicate a theorem with `goal` concludes for good.
    func goal(_ goal: ManagedObjectsESR.Goal) throws -> StatePred {
        switch goal {
        case .matches: return try matches
        case .phasesBeforeM: return try phasesBeforeM
        case .objectsMade: return try objectsAreMade
        }
    }
}
