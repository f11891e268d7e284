extension APIServer {
    /// Whether the garbage collector may delete the object under `key`: it exists, has at least one
    /// owner reference, and every owner is absent from etcd or present with a different uid.
    /// (Exact for objects within `K8s.maxOwnerReferences`, which etcd never exceeds.)
    public static func garbageCollectable(etcd: Term, key: Term) throws(SortError) -> Term {
        try etcd.lookup(key).unwrap(or: .false) { (obj) throws(SortError) in
            let refs = try obj["metadata"]["ownerReferences"]
            let ownersGone = try refs.everyElement(upTo: K8s.maxOwnerReferences) { (ref) throws(SortError) in
                let ownerKey = try K8s.key(kind: ref["kind"], namespace: key["namespace"], name: ref["name"])
                return try etcd.lookup(ownerKey).unwrap(or: .true) { (owner) throws(SortError) in
                    try owner["metadata"]["uid"] .!= .some(ref["uid"])
                }
            }
            return try .and([refs.length >= 1, refs.length <= .int(K8s.maxOwnerReferences), ownersGone])
        }
    }
}
