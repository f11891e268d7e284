/// The Kubernetes REST API in terms of the model's requests and responses, both ways: a client
/// turns an `APIRequest` value into an HTTP call and the HTTP answer into an `APIResponse`
/// value; the server turns an HTTP call into an `APIRequest` value and the model's response into
/// an HTTP answer. Objects travel as Kubernetes JSON (`K8s+JSON.swift`); errors as a `Status`
/// whose HTTP status and reason name the model's error (`APIServer+HTTPStatus.swift`).
///
/// Get-then-update and get-then-delete have no REST verb: a client composes them from a get and
/// a conditional write (see `ControllerRuntime`).
public enum KubernetesREST {
    /// A resource URL: `/api/v1[/namespaces/NS]/RESOURCE[/NAME[/status]]`, or the same under
    /// `/apis/GROUP/v1`.
    public struct Resource: Hashable, Sendable, CustomStringConvertible {
        public let kind: K8s.Kind
        /// `nil`: every namespace (lists and watches only).
        public let namespace: String?
        public let name: String?
        /// Whether the URL names the `/status` subresource.
        public let status: Bool

        public init(kind: K8s.Kind, namespace: String?, name: String? = nil, status: Bool = false) {
            self.kind = kind; self.namespace = namespace; self.name = name; self.status = status
        }

        public var path: String {
            var p = kind.apiGroup.isEmpty ? "/api/v1" : "/apis/\(kind.apiVersion)"
            if let namespace { p += "/namespaces/\(percentEncoded(namespace))" }
            p += "/\(kind.resource)"
            if let name { p += "/\(percentEncoded(name))" }
            if status { p += "/status" }
            return p
        }

        public var description: String { path }
    }

    /// What a URL path names.
    public enum Route: Equatable, Sendable {
        /// `/api`, `/apis`, `/api/v1` or `/apis/GROUP[/v1]`, `/version`: discovery.
        case coreVersions, groups, resources(group: String), group(String), version
        /// An object or a collection.
        case resource(Resource)
        /// `/anvil/v1/external`: the external system of the served cluster.
        case external
    }

    /// The route of a URL path, or `nil` when the model serves nothing there.
    public static func route(_ path: String) -> Route? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map { percentDecoded(String($0)) }
        switch parts.count {
        case 0: return nil
        case 1 where parts[0] == "api": return .coreVersions
        case 1 where parts[0] == "apis": return .groups
        case 1 where parts[0] == "version": return .version
        default: break
        }
        if parts == ["anvil", "v1", "external"] { return .external }
        let group: String, rest: ArraySlice<String>
        if parts[0] == "api", parts[1] == "v1" {
            (group, rest) = ("", parts.dropFirst(2))
        } else if parts[0] == "apis", groups.contains(parts[1]) {
            if parts.count == 2 { return .group(parts[1]) }
            guard parts[2] == "v1" else { return nil }
            (group, rest) = (parts[1], parts.dropFirst(3))
        } else {
            return nil
        }
        if rest.isEmpty { return .resources(group: group) }
        var namespace: String?
        var tail = rest
        if tail.first == "namespaces", tail.count >= 3 {
            namespace = tail.dropFirst().first
            tail = tail.dropFirst(2)
        }
        guard let resourceName = tail.first, let kind = K8s.Kind(resource: resourceName, group: group) else { return nil }
        let name = tail.dropFirst().first
        let sub = tail.dropFirst(2).first
        guard tail.count <= 3, sub == nil || sub == "status" else { return nil }
        return .resource(Resource(kind: kind, namespace: namespace, name: name, status: sub == "status"))
    }

    /// The API groups the model serves (`""` is the core group).
    public static var groups: [String] {
        var seen: [String] = []
        for kind in K8s.Kind.allCases where !seen.contains(kind.apiGroup) { seen.append(kind.apiGroup) }
        return seen.filter { !$0.isEmpty }
    }

    /// An error answer: the model's error code and a Kubernetes-style message.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let code: APIServer.ErrorCode
        public let message: String
        public init(_ code: APIServer.ErrorCode, _ message: String) { self.code = code; self.message = message }
        public var description: String { "\(code.http.reason): \(message)" }
    }

    /// A Kubernetes `Status` object.
    public static func status(_ code: APIServer.ErrorCode?, _ message: String, resource: Resource? = nil) -> JSON {
        var details: [(key: String, value: JSON)] = []
        if let name = resource?.name { details.append(("name", .string(name))) }
        if let kind = resource?.kind { details.append(("group", .string(kind.apiGroup))); details.append(("kind", .string(kind.resource))) }
        var pairs: [(key: String, value: JSON)] = [
            ("kind", "Status"), ("apiVersion", "v1"), ("metadata", .object([])),
            ("status", .string(code == nil ? "Success" : "Failure")), ("message", .string(message)),
        ]
        if let code { pairs.append(("reason", .string(code.http.reason))) }
        if !details.isEmpty { pairs.append(("details", .object(details))) }
        pairs.append(("code", .int(code?.http.status ?? 200)))
        return .object(pairs)
    }

    static func percentEncoded(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            let c = Character(UnicodeScalar(b))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) { out.append(c) } else {
                out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// A percent-decoded URL component (`+` stays a plus, as in paths).
    public static func percentDecoded(_ s: String) -> String {
        var bytes: [UInt8] = []
        var i = s.utf8.startIndex
        let u = s.utf8
        while i < u.endIndex {
            if u[i] == UInt8(ascii: "%"), let j = u.index(i, offsetBy: 2, limitedBy: u.endIndex), j < u.endIndex,
               let b = UInt8(String(decoding: u[u.index(after: i)...j], as: UTF8.self), radix: 16) {
                bytes.append(b)
                i = u.index(after: j)
            } else {
                bytes.append(u[i])
                i = u.index(after: i)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
