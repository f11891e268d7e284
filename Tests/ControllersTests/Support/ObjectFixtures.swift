import Controllers

/// Helpers every controller's fixture shares: sample resources as stored, stored objects, etcd.
protocol ObjectFixtures {}

extension ObjectFixtures {
    /// The custom resource of `kind` written in `yaml`, as stored: rv 1, uid 1.
    static func stored(yaml: String, kind: K8s.Kind) throws -> Term {
        try stored(KubernetesYAML.object(yaml, kind: kind), rv: 1, uid: 1)
    }

    /// `object` as etcd stores it: with a resource version and a uid.
    static func stored(_ object: Term, rv: Int, uid: Int) throws -> Term {
        try object.with("metadata", object["metadata"].with("resourceVersion", .some(.int(rv))).with("uid", .some(.int(uid))))
    }

    /// `object` with its metadata field `field` set to `value`.
    static func with(_ object: Term, metadata field: String, _ value: Term) throws -> Term {
        try object.with("metadata", object["metadata"].with(field, value))
    }

    /// The custom resource `cr` of `kind` with its spec changed by `change(spec)`.
    static func changing(_ cr: Term, _ kind: K8s.Kind, spec change: (Term) throws -> Term) throws -> Term {
        try cr.with("spec", K8s.spec(kind, change(ManagedResource.spec(cr, kind))))
    }

    /// etcd holding `objects` under their own keys.
    static func etcd(_ objects: [Term]) throws -> Term {
        var etcd = APIServer.emptyEtcd
        for object in objects {
            let meta = try object["metadata"]
            let key = try K8s.key(kind: object["kind"], namespace: meta["namespace"].unwrap(or: "") { $0 },
                                  name: meta["name"].unwrap(or: "") { $0 })
            etcd = try etcd.inserting(key, object)
        }
        return etcd
    }
}

struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
