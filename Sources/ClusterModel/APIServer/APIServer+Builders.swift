extension APIServer {
    /// An API server state; by default etcd is empty and every counter starts at 1.
    public static func makeState(etcd: Term = APIServer.emptyEtcd, resourceVersionCounter: Term = 1,
                                 uidCounter: Term = 1, generateNameCounter: Term = 1) throws(SortError) -> Term {
        try .record(state, [
            "etcd": etcd, "resourceVersionCounter": resourceVersionCounter, "uidCounter": uidCounter,
            "generateNameCounter": generateNameCounter,
        ])
    }

    /// Builders of `APIRequest` terms.
    public enum Request {
        public static func get(_ key: Term) throws(SortError) -> Term { try make("get", [key]) }
        public static func list(_ kind: Term, namespace: Term) throws(SortError) -> Term { try make("list", [kind, namespace]) }
        public static func create(namespace: Term, object: Term) throws(SortError) -> Term {
            try make("create", [namespace, object])
        }
        /// A delete; a given `uid` or `resourceVersion` must match the stored object's.
        public static func delete(_ key: Term, uid: Term? = nil, resourceVersion: Term? = nil) throws(SortError) -> Term {
            let preconditions: Term = uid == nil && resourceVersion == nil
                ? .none(.datatype(APIServer.preconditions))
                : .some(try .record(APIServer.preconditions, [
                    "uid": uid.map(Term.some) ?? .none(.int),
                    "resourceVersion": resourceVersion.map(Term.some) ?? .none(.int),
                ]))
            return try make("delete", [key, preconditions])
        }
        public static func update(namespace: Term, name: Term, object: Term) throws(SortError) -> Term {
            try make("update", [namespace, name, object])
        }
        public static func updateStatus(namespace: Term, name: Term, object: Term) throws(SortError) -> Term {
            try make("updateStatus", [namespace, name, object])
        }
        public static func getThenDelete(_ key: Term, ownerRef: Term) throws(SortError) -> Term {
            try make("getThenDelete", [key, ownerRef])
        }
        public static func getThenUpdate(namespace: Term, name: Term, ownerRef: Term, object: Term) throws(SortError) -> Term {
            try make("getThenUpdate", [namespace, name, ownerRef, object])
        }

        static func make(_ ctor: String, _ args: [Term]) throws(SortError) -> Term {
            try .construct(APIServer.request, ctor, args)
        }
    }

    /// The error of a response: `some(error)` when the request failed, `none` when it succeeded.
    public static func responseError(_ response: Term) throws(SortError) -> Term {
        try .match(response) { (_, fields) throws(SortError) in
            try .match(fields[0]) { (ctor, payload) throws(SortError) in
                ctor == "err" ? .some(payload[0]) : .none(.datatype(error))
            }
        }
    }

    /// The object a response carries: `some(object)` for a successful get, create, update,
    /// update-status or get-then-update, else `none`.
    public static func responseObject(_ response: Term) throws(SortError) -> Term {
        try .match(response) { (_, fields) throws(SortError) in
            guard fields[0].sort == .datatype(objectResult) else { return .none(objectSort) }
            return try .match(fields[0]) { (ctor, payload) throws(SortError) in
                ctor == "ok" ? .some(payload[0]) : .none(objectSort)
            }
        }
    }
}
