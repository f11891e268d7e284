import ClusterModel
import VCGen

/// How a reconcile built of "get, then create or update" steps shows its progress in its local
/// state: the phase (a datatype whose constructors include `initial`, `afterGet`, `afterCreate`,
/// `afterUpdate`, `done` and `failed`, with or without a payload) and a rank that every step lowers.
struct ReconcilePhases: Sendable {
    /// The phase term of a local state.
    let phase: @Sendable (_ local: Term) throws(SortError) -> Term
    /// How many steps the reconcile may still take: 0 exactly when done or failed, at most `maxRank`.
    let rank: @Sendable (_ local: Term) throws(SortError) -> Term
    let maxRank: Int
    /// The phases a reconcile can be at, when its steps are to be proved one phase at a time
    /// (`stepCases`); empty, they are not split.
    var phaseValues: [Term] = []
    /// The controller's own phases before the first managed object's get, in order (FluentBit's
    /// `afterGetSecret`): each waits on a get of an object the theorem assumes stored.
    var before: [String] = []
    /// The key each `afterGet(resource)` phase waits on a get of, by resource id, for the running
    /// reconcile's resource (its own key, for a reconcile built on `ManagedSteps`); a resource
    /// missing here is only said to wait on some get.
    var getKeys: [String: @Sendable (_ cr: Term) throws(SortError) -> Term] = [:]

    /// Whether the local state is at the phase named `name` (any payload).
    func isAt(_ local: Term, _ name: String) throws(SortError) -> Term {
        try .match(phase(local)) { (ctor, _) throws(SortError) in ctor == name ? .true : .false }
    }

    /// Cases of a reconcile step (`continueReconcile`) by the phase its reconcile is at: what makes
    /// a step of a reconcile through several objects tractable (one case per phase, not the whole
    /// step function at once). The reconcile is the step's own (its input), or the one of `key`
    /// (for a step whose input is given, as in a WF1 progress case). Nil without `phaseValues`.
    func stepCases(_ model: ClusterModel, key given: Term? = nil) throws -> CaseSplit? {
        guard !phaseValues.isEmpty else { return nil }
        let key = try given ?? model.input("continueReconcile")
        let s = Variable.state(model.stateSort).term
        var cases = [NamedTerm("not running", try !s["ongoing"].hasKey(key))]
        for value in phaseValues {
            cases.append(NamedTerm("at \(value)", try s["ongoing"].lookup(key).unwrap(or: .false) { (o) throws(SortError) in
                try phase(o["localState"]) .== value
            }))
        }
        return CaseSplit("phase", cases: cases)
    }

    /// `stepCases` with the step of `crKey`'s reconcile apart: one case per phase of another
    /// key's reconcile, which changes nothing of cr's (split so that Z3 sees one phase's request at
    /// a time, not the whole step function), and one per phase of cr's (the step's key is then cr's,
    /// put in by the one-point rule). The chain's predicates fix the phase of cr's reconcile, so
    /// all of cr's cases but one end at once.
    func stepCases(_ model: ClusterModel, apartFrom crKey: Term) throws -> CaseSplit? {
        guard let byPhase = try stepCases(model) else { return nil }
        let key = try model.input("continueReconcile")
        let others = try byPhase.cases.map { (c) throws(SortError) in NamedTerm("\(Self.anotherKeysCase), \(c.name)", try !(key .== crKey) && c.term) }
        let mine = try byPhase.cases.map { (c) throws(SortError) in NamedTerm("cr's, \(c.name)", try key .== crKey && c.term) }
        return CaseSplit("phase", cases: others + mine)
    }
    /// How `stepCases(_:apartFrom:)` names the cases of another key's step (each followed by its phase).
    static let anotherKeysCase = "another key's"

    /// A running reconcile waits on the request its phase expects: none at the start, a get after
    /// a get (of the object's key, with `getKeys`), a create or an update after those.
    var pendingMatchesPhase: ClusterInvariant {
        let phases = self
        return ClusterInvariant("every running reconcile's pending request is the one its phase expects") { (model, s) throws(SortError) in
            try model.everyEntry(s["ongoing"]) { (_, o) throws(SortError) in
                let pending = try o["pendingRequest"]
                func waitsOn(_ kind: String, key: Term? = nil) throws(SortError) -> Term {
                    try pending.unwrap(or: .false) { (p) throws(SortError) in
                        try model.onAPIRequest(p, otherwise: .false) { (r) throws(SortError) in
                            guard let key else { return try r.is(kind) }
                            return try .match(r) { (ctor, f) throws(SortError) in ctor == kind ? try f[0] .== key : .false }
                        }
                    }
                }
                return try .match(phases.phase(o["localState"])) { (phase, f) throws(SortError) in
                    switch phase {
                    case "initial": return try pending.isNone
                    case "afterGet" where !phases.getKeys.isEmpty:
                        return try .match(f[0]) { (id, _) throws(SortError) in
                            try waitsOn("get", key: phases.getKeys[id].map { (key) throws(SortError) in try key(o["triggeringResource"]) })
                        }
                    case "afterGet": return try waitsOn("get")
                    case "afterCreate": return try waitsOn("create")
                    case "afterUpdate": return try waitsOn("update")
                    default: return .true
                    }
                }
            }
        }
    }
}
