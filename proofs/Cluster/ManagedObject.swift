import ClusterModel
import VCGen

/// One object a controller keeps in line with its custom resource, as an ESR proof sees it: the
/// resource's kind, the object's kind and name, what the correct controller makes of it and how its
/// update rewrites a found one, and how the reconcile's local state says it is working on it.
/// Every predicate over it (`ManagedObject+Predicates`, `ManagedObject+Invariants`) is about this
/// one object of `cr`, so a proof about a reconcile that keeps several objects can conjoin them.
struct ManagedObject: Sendable {
    /// The custom resource the theorem is about: a parameter, so the theorem holds for every one.
    static let cr = Variable("cr", .datatype(K8s.object))

    /// The kind of the controller's custom resources.
    let resourceKind: K8s.Kind
    /// The managed object's kind, and the noun the predicates call it by ("config map").
    let kind: K8s.Kind
    let noun: String
    /// The object's name for the resource named `n` (`<n>-data`).
    let name: @Sendable (_ n: Term) throws(SortError) -> Term
    /// The object the correct controller creates for the resource `cr`.
    let made: @Sendable (_ cr: Term) throws(SortError) -> Term
    /// The metadata fields the controller writes (a found object keeps the rest of its metadata).
    let managedMetadataFields: [String]
    /// An object's spec as "made" compares it: by default the whole spec; without the fields the
    /// desired state ignores (a service's cluster IP, allocated by the API server).
    var comparedSpec: @Sendable (_ o: Term) throws(SortError) -> Term = { (o) throws(SortError) in try o["spec"] }
    /// The object the correct controller's update sends for the found object `found`.
    let updated: @Sendable (_ cr: Term, _ found: Term) throws(SortError) -> Term
    /// Whether the reconcile's local state is at `phase` (`initial`, or `afterGet`, `afterCreate`,
    /// `afterUpdate` of this object).
    let isAt: @Sendable (_ local: Term, _ phase: String) throws(SortError) -> Term
    /// Spec fields an update keeps as found (immutable ones) whose made value depends only on the
    /// resource's name (a selector `{app: <name>}`): see `keepTheFieldsTheirNamesFix`.
    var fieldsFixedByName: [String] = []
    /// Spec fields an update keeps as found whose made value depends on more than the name: on
    /// immutable fields of the owner (ZooKeeper's claim templates, made from `persistence`). Phase
    /// D checks them in creates only; phase M's chain has `keepTheFieldsTheirOwnersFix`.
    var fieldsFixedByOwner: [String] = []
    /// A spec with what the reconcile's reached local state decides blanked (ZooKeeper's stateful
    /// set: its restart annotation's value, the config map's resource version); nil when the made
    /// object does not depend on the local state.
    var withoutLocalState: (@Sendable (_ spec: Term) throws(SortError) -> Term)? = nil
    /// The local-state field a successful write of the object keeps its resource version in
    /// (ZooKeeper's config map, for the stateful set's restart annotation), if any.
    var keptVersionField: String? = nil

    // MARK: The resource and the object

    /// The name and namespace of an object (`""` when it has none).
    static func name(_ o: Term) throws(SortError) -> Term { try o["metadata"]["name"].unwrap(or: "") { $0 } }
    static func namespace(_ o: Term) throws(SortError) -> Term { try o["metadata"]["namespace"].unwrap(or: "") { $0 } }

    /// `cr`'s key, and the key of its object.
    var crKey: Term { get throws(SortError) { try K8s.key(resourceKind, namespace: Self.namespace(Self.cr.term), name: Self.name(Self.cr.term)) } }
    var key: Term {
        get throws(SortError) { try K8s.key(kind, namespace: Self.namespace(Self.cr.term), name: name(Self.name(Self.cr.term))) }
    }

    /// The spec and owner references the controller writes for `cr`.
    var madeSpec: Term { get throws(SortError) { try made(Self.cr.term)["spec"] } }
    var owners: Term { get throws(SortError) { try made(Self.cr.term)["metadata"]["ownerReferences"] } }

    /// `o` has the spec (as compared, the `ignoring` fields aside) and managed metadata the
    /// controller writes for `cr`.
    func isMade(_ o: Term, ignoring: [String] = []) throws(SortError) -> Term {
        let object = try made(Self.cr.term)
        func compared(_ x: Term) throws(SortError) -> Term {
            guard !ignoring.isEmpty else { return try comparedSpec(x) }
            return try K8s.Object.withSpec(x.with("spec", comparedSpec(x)), as: kind, otherwise: comparedSpec(x)) { (spec) throws(SortError) in
                var blanked = spec
                for field in ignoring {
                    let sort = try spec[field].sort
                    blanked = try blanked.with(field, .literal(sort.zeroValue, sort: sort))
                }
                return try K8s.spec(kind, blanked)
            }
        }
        var made = try compared(o) .== compared(object)
        for field in managedMetadataFields { made = try made && o["metadata"][field] .== object["metadata"][field] }
        return made
    }

    /// `x` is the update the correct controller sends for `cr` and the found object `found`, up to
    /// what the reached local state decides (`withoutLocalState`).
    func isTheUpdate(_ x: Term, of cr: Term, found: Term) throws(SortError) -> Term {
        let u = try updated(cr, found)
        guard let blank = withoutLocalState else { return try x .== u }
        return try .and([x["kind"] .== u["kind"], x["metadata"] .== u["metadata"], blank(x["spec"]) .== blank(u["spec"])])
    }

    /// `t` is `cr` as far as the controller can tell: kind, name, namespace, uid and spec.
    static func isTheResource(_ t: Term) throws(SortError) -> Term {
        let meta = try t["metadata"], crMeta = try cr.term["metadata"]
        return try .and([t["kind"] .== cr.term["kind"], meta["name"] .== crMeta["name"], meta["namespace"] .== crMeta["namespace"],
                         meta["uid"] .== crMeta["uid"], t["spec"] .== cr.term["spec"]])
    }

    // MARK: Who writes objects of the kind

    /// An object the controller writes for some resource, to be named `objectName`: no finalizers,
    /// and exactly one owner reference, a controller reference to a resource whose object has that name.
    func ownedByAResource(_ o: Term, objectName: Term) throws(SortError) -> Term {
        let meta = try o["metadata"], refs = try meta["ownerReferences"]
        return try .and([
            meta["finalizers"].length .== 0, refs.length .== 1,
            refs.element(at: 0).unwrap(or: .false) { (r) throws(SortError) in
                try .and([r["kind"] .== resourceKind.term, r["controller"] .== .some(true), r["blockOwnerDeletion"] .== .some(true),
                          name(r["name"]) .== objectName])
            },
        ])
    }

    /// What a reconcile of the resource under `k` may ask: a get of its object, or a create or
    /// update of it with an object it owns.
    func asksForItsObject(_ r: Term, _ k: Term) throws(SortError) -> Term {
        let objectName = try name(k["name"])
        return try .match(r) { (ctor, f) throws(SortError) in
            switch ctor {
            case "get": return try f[0] .== K8s.key(kind, namespace: k["namespace"], name: objectName)
            case "create":
                return try .and([f[0] .== k["namespace"], f[1]["kind"] .== kind.term,
                                 f[1]["metadata"]["name"] .== .some(objectName), f[1]["metadata"]["namespace"] .== .some(k["namespace"]),
                                 ownedByAResource(f[1], objectName: objectName)])
            case "update":
                return try .and([f[0] .== k["namespace"], f[1] .== objectName, f[2]["kind"] .== kind.term,
                                 ownedByAResource(f[2], objectName: objectName)])
            default: return .false
            }
        }
    }
}
