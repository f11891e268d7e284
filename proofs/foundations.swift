import VCGen

/// Lemmas about an etcd-like store: object keys mapped to stored objects, with a resource-version
/// counter and a uid counter. They check the term language and the solver end to end.
public enum foundations: ProofModule {
    static let kind = DatatypeDecl.enumeration("StoreKind", ["configMap", "secret", "statefulSet"])
    static let objectKey = DatatypeDecl.record("StoreKey", [.init("kind", .datatype(kind)), .init("namespace", .string), .init("name", .string)])
    static let storedObject = DatatypeDecl.record("StoreEntry", [.init("resourceVersion", .int), .init("uid", .int)])
    static let store = Sort.map(.datatype(objectKey), .datatype(storedObject))

    /// Every stored object's field is below `bound`.
    static func everyStored(_ field: String, in m: Term, isBelow bound: Term) throws -> Term {
        try Term.forall("k", .datatype(objectKey), triggers: { k throws(SortError) in [[try m.lookup(k)]] }) { k throws(SortError) in
            try m.lookup(k).unwrap(or: .true) { obj throws(SortError) in try obj[field] < bound }
        }
    }

    /// The object stored under `key` has the field value `v`.
    static func stored(_ m: Term, _ key: Term, _ field: String, is v: Term) throws -> Term {
        try m.lookup(key).unwrap(or: .false) { obj throws(SortError) in try obj[field] .== v }
    }

    public static let proofs: [any Proof] = [
        Lemma("a create keeps every stored resourceVersion below the counter") {
            let m = Term.variable("etcd", store), c = Term.variable("rvCounter", .int), uid = Term.variable("uidCounter", .int)
            let key = Term.variable("key", .datatype(objectKey))
            let created = try Term.record(storedObject, ["resourceVersion": c, "uid": uid])
            return try everyStored("resourceVersion", in: m, isBelow: c)
                ==> everyStored("resourceVersion", in: m.inserting(key, created), isBelow: c + 1)
        },
        Lemma("a create with a fresh uid keeps uids distinct from the uid counter") {
            let m = Term.variable("etcd", store), c = Term.variable("rvCounter", .int), uid = Term.variable("uidCounter", .int)
            let key = Term.variable("key", .datatype(objectKey))
            let created = try Term.record(storedObject, ["resourceVersion": c, "uid": uid])
            return try everyStored("uid", in: m, isBelow: uid) ==> everyStored("uid", in: m.inserting(key, created), isBelow: uid + 1)
        },
        Lemma("a delete keeps every other key's object") {
            let m = Term.variable("etcd", store)
            let deleted = Term.variable("deleted", .datatype(objectKey)), other = Term.variable("other", .datatype(objectKey))
            return try deleted .!= other ==> (m.removing(deleted).lookup(other) .== m.lookup(other))
        },
        Lemma("a get after an update returns the updated object") {
            let m = Term.variable("etcd", store), key = Term.variable("key", .datatype(objectKey))
            let obj = Term.variable("obj", .datatype(storedObject))
            return try m.inserting(key, obj).lookup(key) .== .some(obj)
        },
        Lemma("an update that changes nothing leaves the store equal") {
            let m = Term.variable("etcd", store), key = Term.variable("key", .datatype(objectKey))
            let obj = Term.variable("obj", .datatype(storedObject))
            return try m.lookup(key) .== .some(obj) ==> (m.inserting(key, obj) .== m)
        },
        Lemma("keys of different kinds never collide") {
            let a = Term.variable("a", .datatype(objectKey)), b = Term.variable("b", .datatype(objectKey))
            return try a["kind"] .!= b["kind"] ==> (a .!= b)
        },
        Lemma("a resourceVersion rendered as text is non-empty") {
            let rv = Term.variable("rv", .int)
            return try rv >= 0 ==> (rv.decimalString.length > 0)
        },
    ]
}
