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

    /// A running reconcile waits on the request its phase expects: none at the start, a get after
    /// a get, a create or an update after those (whatever the object the phase is about).
    var pendingMatchesPhase: ClusterInvariant {
        let phases = self
        return ClusterInvariant("every running reconcile's pending request is the one its phase expects") { (model, s) throws(SortError) in
            try model.everyEntry(s["ongoing"]) { (_, o) throws(SortError) in
                let pending = try o["pendingRequest"]
                func waitsOn(_ kind: String) throws(SortError) -> Term {
                    try pending.unwrap(or: .false) { (p) throws(SortError) in
                        try model.onAPIRequest(p, otherwise: .false) { (r) throws(SortError) in try r.is(kind) }
                    }
                }
                return try .match(phases.phase(o["localState"])) { (phase, _) throws(SortError) in
                    switch phase {
                    case "initial": return try pending.isNone
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
