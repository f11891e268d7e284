import ClusterModel
import VCGen

/// The spec fields an update keeps from the object it finds (immutable ones, such as a daemon
/// set's selector) whose made value depends only on the resource's name: the invariant that every
/// object of the kind, stored, sent or answered, has those of the resource its owner reference
/// names. Without it, "an update writes the made object" does not follow: the update writes the
/// found object's fields.
extension ManagedObject {
    /// The resource named `n`, with nothing else: no namespace, uid, labels or spec.
    func resourceNamed(_ n: Term) throws(SortError) -> Term {
        let spec = try Term.literal(Sort.datatype(resourceKind.specDecl).zeroValue, sort: .datatype(resourceKind.specDecl))
        return try K8s.Object.make(resourceKind, metadata: K8s.meta(name: n), spec: spec)
    }

    /// The spec record the controller makes for the resource `cr` (read off the made term, so a
    /// field of it is that field's term, not a match over the whole made object).
    func madeSpecRecord(for cr: Term) throws(SortError) -> Term {
        let object = try made(cr)
        let spec = try object["spec"]
        if case .apply(.construct(let d, let i), let args) = spec.node, d.constructors[i].name == kind.rawValue { return args[0] }
        let zero = try Term.literal(Sort.datatype(kind.specDecl).zeroValue, sort: .datatype(kind.specDecl))
        return try K8s.Object.withSpec(object, as: kind, otherwise: zero) { $0 }
    }

    /// `o`'s fields fixed by the name are those made for the resource named `n` (true for an
    /// object whose spec is of another kind: an update of one writes the made spec).
    func hasTheFieldsFixed(byName n: Term, _ o: Term) throws(SortError) -> Term {
        let made = try madeSpecRecord(for: resourceNamed(n))
        return try K8s.Object.withSpec(o, as: kind, otherwise: .true) { (spec) throws(SortError) in
            try .and(fieldsFixedByName.map { (field) throws(SortError) in try spec[field] .== made[field] })
        }
    }

    /// `o`, if of the object's kind (and, where several managed objects share the kind, named as
    /// this one is for its owner), has the fields its first owner reference's name fixes (true
    /// without an owner reference).
    func hasTheFieldsItsOwnerFixes(_ o: Term, sharesItsKind: Bool) throws(SortError) -> Term {
        try o["kind"] .== kind.term ==> o["metadata"]["ownerReferences"].element(at: 0).unwrap(or: .true) { (r) throws(SortError) in
            let fixed = try hasTheFieldsFixed(byName: r["name"], o)
            return sharesItsKind ? try o["metadata"]["name"] .== .some(name(r["name"])) ==> fixed : fixed
        }
    }

    /// The invariant over the objects with fields fixed by the name (nil when none has any): every
    /// one, stored, written by a reconcile or answered to one, has the fields its owner's name
    /// fixes. A reconcile's create writes the made object; its update keeps the found object's
    /// fields, and the found object was answered; `ownership` (`belongToResources`), given to the
    /// API server's step on a reconcile's other requests only, says it sends no other writes. `usesAtSOnly` and `reconcileSplits` are as for it.
    static func keepTheFieldsTheirNamesFix(_ objects: [ManagedObject], ownership: ClusterInvariant, controllerRequests: [String],
                                           usesAtSOnly: Set<String> = [],
                                           reconcileSplits: @escaping @Sendable (ClusterModel) throws -> [CaseSplit] = { _ in [] })
        -> ClusterInvariant? {
        let fixing = objects.filter { !$0.fieldsFixedByName.isEmpty }
        guard !fixing.isEmpty else { return nil }
        let nouns = fixing.map { "\($0.noun)'s \($0.fieldsFixedByName.joined(separator: ", "))" }.joined(separator: "; ")
        let shared = Set(fixing.filter { (o) in objects.filter { $0.kind == o.kind }.count > 1 }.map(\.noun))
        @Sendable func fixed(_ o: Term) throws(SortError) -> Term {
            try .and(fixing.map { (object) throws(SortError) in try object.hasTheFieldsItsOwnerFixes(o, sharesItsKind: shared.contains(object.noun)) })
        }
        return keptByEveryObject("every object, stored, sent or answered, has the fields its owner's name fixes (\(nouns))",
                                 ownership: ownership, controllerRequests: controllerRequests, usesAtSOnly: usesAtSOnly,
                                 reconcileSplits: reconcileSplits) { (_, _, o, _) throws(SortError) in try fixed(o) }
    }


    /// An invariant that `body(model, s, o, namespace)` holds of every object a create or update in
    /// flight writes, every object an answer in flight carries and every stored object, `namespace`
    /// being the one the object is (or would be) stored in: the request's for a write (an update's
    /// object may leave its own out), the object's own otherwise; with what its
    /// induction needs: who else sends writes, and `ownership` (`belongToResources`) for the API
    /// server's step on a reconcile's other requests, split by sender and by `reconcileSplits`.
    /// With `ownershipOfWrites`, the step on a reconcile's creates and updates gets `ownership` too,
    /// at the handled request only: what it writes is one of its objects, never its resource.
    static func keptByEveryObject(_ name: String, ownership: ClusterInvariant, controllerRequests: [String], uses more: [ClusterInvariant] = [],
                                  ownershipOfWrites: Bool = false,
                                  usesAtSOnly: Set<String>, reconcileSplits: @escaping @Sendable (ClusterModel) throws -> [CaseSplit],
                                  file: String = #filePath, line: Int = #line,
                                  _ body: @escaping @Sendable (ClusterModel, Term, Term, Term) throws(SortError) -> Term) -> ClusterInvariant {
        typealias I = ClusterInvariants
        return ClusterInvariant(
            name,
            uses: [I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods, I.clientTouchesResources, I.serversSendOnlyResponses,
                   I.messageDirections] + more,
            scopedUses: ownershipOfWrites
                ? [ScopedUse(invariant: ownership, labels: ["sender=controller create", "sender=controller update", "sender=controller other"]) { model in
                    [try model.input("apiServerHandles")]
                }]
                : [ScopedUse(invariant: ownership, labels: ["sender=controller other"])],
            usesAtSOnly: usesAtSOnly,
            splits: { model in
                [try model.senderCases(of: model.input("apiServerHandles"), controllerRequests: controllerRequests)] + (try reconcileSplits(model))
            },
            rlimit: 2, file: file, line: line
        ) { (model, s) throws(SortError) in
            let requests = try model.everyInFlight(s) { (m) throws(SortError) in
                try .match(m["content"]) { (content, request) throws(SortError) in
                    guard content == "apiRequest" else { return .true }
                    return try .match(request[0]) { (ctor, f) throws(SortError) in
                        switch ctor {
                        case "create": return try body(model, s, f[1], f[0])
                        case "update": return try body(model, s, f[2], f[0])
                        default: return .true
                        }
                    }
                }
            }
            let answers = try model.everyInFlight(s) { (m) throws(SortError) in
                try model.onAPIResponse(m) { (response) throws(SortError) in
                    try APIServer.responseObject(response).unwrap(or: .true) { (o) throws(SortError) in try body(model, s, o, namespace(o)) }
                }
            }
            let stored = try model.everyEntry(ClusterModel.etcd(s)) { (_, o) throws(SortError) in try body(model, s, o, namespace(o)) }
            return try .and([requests, answers, stored])
        }
    }
}
