import ClusterModel
import VCGen

/// The spec fields an update keeps from the object it finds whose made value depends on the
/// owner's immutable fields (ZooKeeper's claim templates, made from `persistence`): the invariant
/// that every object of the kind, stored, sent or answered, has the fields made for the resource
/// stored under its owner reference's name, when that resource has the reference's uid. It holds
/// because the resource's transition validation keeps what the fields are made from, and a
/// resource made anew gets a fresh uid, above every uid an owner reference or a reconcile holds.
extension ManagedObject {
    /// The key of the resource an owner reference `r` names, in `namespace`.
    func ownerKey(_ r: Term, namespace: Term) throws(SortError) -> Term {
        try K8s.key(resourceKind, namespace: namespace, name: r["name"])
    }

    /// `o`, if of this object's kind, has the owner-fixed fields made for the resource `cr`.
    func hasTheOwnerFixedFields(_ o: Term, madeFor cr: Term) throws(SortError) -> Term {
        let made = try madeSpecRecord(for: cr)
        return try K8s.Object.withSpec(o, as: kind, otherwise: .true) { (x) throws(SortError) in
            try .and(fieldsFixedByOwner.map { (field) throws(SortError) in try x[field] .== made[field] })
        }
    }

    /// `o`, if of the object's kind and named as this one is for its owner, is owned below the
    /// uid counter and has the fields made for the resource its owner reference names in
    /// `namespace` (where `o` is stored), if stored with the reference's uid.
    func hasTheFieldsItsStoredOwnerFixes(_ model: ClusterModel, _ s: Term, _ o: Term, namespace: Term) throws(SortError) -> Term {
        try o["kind"] .== kind.term ==> o["metadata"]["ownerReferences"].element(at: 0).unwrap(or: .true) { (r) throws(SortError) in
            let fixed = try model.atKey(ownerKey(r, namespace: namespace)) { (key) throws(SortError) in
                try ClusterModel.etcd(s).lookup(key).unwrap(or: .true) { (c) throws(SortError) in
                    try c["metadata"]["uid"] .== .some(r["uid"]) ==> hasTheOwnerFixedFields(o, madeFor: c)
                }
            }
            return try o["metadata"]["name"] .== .some(name(r["name"])) ==> (r["uid"] < s["apiServer"]["uidCounter"] && fixed)
        }
    }

    /// A resource `t` in a reconcile of the key `k` makes the owner-fixed fields the resource stored
    /// under `k` makes, if stored with `t`'s uid; and `t` has a uid, below the uid counter (a
    /// resource without one would own its objects under uid 0).
    func makesTheFieldsOfItsStoredSelf(_ s: Term, _ k: Term, _ t: Term) throws(SortError) -> Term {
        let same = try ClusterModel.etcd(s).lookup(k).unwrap(or: .true) { (c) throws(SortError) in
            let (mt, mc) = (try madeSpecRecord(for: t), try madeSpecRecord(for: c))
            return try c["metadata"]["uid"] .== t["metadata"]["uid"]
                ==> .and(fieldsFixedByOwner.map { (field) throws(SortError) in try mt[field] .== mc[field] })
        }
        return try t["metadata"]["uid"].unwrap(or: .false) { (u) throws(SortError) in try u < s["apiServer"]["uidCounter"] } && same
    }

    /// The invariant over the objects with owner-fixed fields (nil when none has any): every one,
    /// stored, written by a reconcile or answered to one, has the fields its stored owner fixes, and
    /// every scheduled or running reconcile's resource makes those its stored self makes.
    /// `readsAfterGets` are what a reconcile step after a get needs to know of the found object
    /// (`ManagedObjectsESR.afterGetInstances`: it is of the kind got, in cr's namespace).
    static func keepTheFieldsTheirOwnersFix(_ objects: [ManagedObject], ownership: ClusterInvariant, controllerRequests: [String],
                                            readsAfterGets: [ScopedUse] = [], usesAtSOnly: Set<String> = [],
                                            reconcileSplits: @escaping @Sendable (ClusterModel) throws -> [CaseSplit] = { _ in [] })
        -> ClusterInvariant? {
        typealias I = ClusterInvariants
        let fixing = objects.filter { !$0.fieldsFixedByOwner.isEmpty }
        guard !fixing.isEmpty else { return nil }
        let nouns = fixing.map { "\($0.noun)'s \($0.fieldsFixedByOwner.joined(separator: ", "))" }.joined(separator: "; ")
        @Sendable func fixed(_ model: ClusterModel, _ s: Term, _ o: Term, _ namespace: Term) throws(SortError) -> Term {
            try .and(fixing.map { (object) throws(SortError) in try object.hasTheFieldsItsStoredOwnerFixes(model, s, o, namespace: namespace) })
        }
        @Sendable func makesAlike(_ s: Term, _ k: Term, _ t: Term) throws(SortError) -> Term {
            try .and(fixing.map { (object) throws(SortError) in try object.makesTheFieldsOfItsStoredSelf(s, k, t) })
        }
        let objectsKeep = keptByEveryObject("every object, stored, sent or answered, has the fields its stored owner fixes (\(nouns))",
                                            ownership: ownership, controllerRequests: controllerRequests,
                                            uses: [I.uidsBelowCounter, I.objectsMatchKeys, I.scheduledMatchKeys, I.ongoingMatchKeys,
                                                   I.scheduledOfResourceKind, I.ongoingOfResourceKind, I.specsMatchKinds],
                                            ownershipOfWrites: true, usesAtSOnly: usesAtSOnly, reconcileSplits: reconcileSplits) {
            (model, s, o, namespace) throws(SortError) in
            try fixed(model, s, o, namespace)
        }
        return ClusterInvariant(
            "every reconcile's resource makes the fields its stored self fixes (\(nouns)), and so does every object",
            uses: objectsKeep.uses, scopedUses: objectsKeep.scopedUses + readsAfterGets, usesAtSOnly: usesAtSOnly, splits: objectsKeep.splits, rlimit: 2
        ) { (model, s) throws(SortError) in
            let scheduled = try model.everyEntry(s["scheduled"]) { (k, t) throws(SortError) in try makesAlike(s, k, t) }
            let running = try model.everyEntry(s["ongoing"]) { (k, o) throws(SortError) in try makesAlike(s, k, o["triggeringResource"]) }
            // The objects' three parts (writes, answers, stored) as conjuncts of their own, so each
            // is a case of its own in the induction step.
            let objects = try objectsKeep.body(model, s)
            let parts: [Term] = if case .apply(.and, let parts) = objects.node { parts } else { [objects] }
            return try .and(parts + [scheduled, running])
        }
    }
}
