import ClusterModel
import VCGen

/// The invariant a controller that alone writes objects of its kind keeps about them.
extension ManagedObject {
    /// The objects of the kind are the controller's: reconciles only read and write their own
    /// object, with objects owned by a resource of its name; an object answered to a reconcile is
    /// of the kind and has no finalizers; every stored object of the kind is owned by a resource of
    /// its name and is not being deleted.
    var belongsToResources: ClusterInvariant {
        let object = self
        typealias I = ClusterInvariants
        return ClusterInvariant(
            "every \(noun), stored, sent or answered, belongs to the resource it is named after",
            uses: [I.objectsMatchKeys, I.ongoingMatchKeys, I.ongoingOfResourceKind, I.pendingFromItsReconcile,
                   I.builtinSendsDeletesAndStatus, I.podMonkeyTouchesPods, I.clientTouchesResources, I.serversSendOnlyResponses,
                   I.messageDirections],
            splits: { model in [try model.senderCases(of: model.input("apiServerHandles"))] }, rlimit: 3
        ) { (model, s) throws(SortError) in
            let requests = try model.everyInFlight(s) { (m) throws(SortError) in
                try .match(m["source"]) { (host, f) throws(SortError) in
                    guard host == "controller" else { return .true }
                    return try model.onAPIRequest(m, otherwise: .false) { (r) throws(SortError) in try object.asksForItsObject(r, f[0]) }
                }
            }
            let answers = try model.everyInFlight(s) { (m) throws(SortError) in
                try .match(m["destination"]) { (host, _) throws(SortError) in
                    guard host == "controller" else { return .true }
                    return try model.onAPIResponse(m) { (response) throws(SortError) in
                        try APIServer.responseObject(response).unwrap(or: .true) { (o) throws(SortError) in
                            try o["kind"] .== object.kind.term && o["metadata"]["finalizers"].length .== 0
                        }
                    }
                }
            }
            let stored = try model.everyEntry(ClusterModel.etcd(s)) { (k, o) throws(SortError) in
                try k["kind"] .== object.kind.term
                    ==> (object.ownedByAResource(o, objectName: k["name"]) && o["metadata"]["deletionTimestamp"].isNone)
            }
            return try .and([requests, answers, stored])
        }
    }
}
