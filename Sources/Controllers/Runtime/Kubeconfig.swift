import Foundation

/// What a controller needs from a kubeconfig file: the current context's server, credentials and
/// namespace. Reads `clusters`, `users`, `contexts` and `current-context` as `kubectl` does
/// (`certificate-authority[-data]`, `insecure-skip-tls-verify`, `token`, `tokenFile`,
/// `client-certificate[-data]`, `client-key[-data]`, `username`/`password`).
public struct Kubeconfig: Equatable, Sendable {
    public var server: String
    public var namespace: String?
    public var token: String?
    public var username: String?
    public var password: String?
    /// A PEM file of the certificate authorities to trust (written out when the kubeconfig
    /// carries `certificate-authority-data`).
    public var certificateAuthorityFile: String?
    public var insecureSkipTLSVerify = false
    public var clientCertificateFile: String?
    public var clientKeyFile: String?

    /// Parses a kubeconfig; `path` names the file in errors and anchors relative file paths.
    public init(text: String, path: String, context requested: String? = nil) throws {
        let doc = try JSON(yaml: text)
        func fail(_ message: String) -> JSONError { JSONError(at: path, message) }
        func named(_ list: String, _ name: String, _ field: String) throws -> JSON {
            guard case .array(let items)? = doc[list],
                  let item = items.first(where: { $0["name"]?.stringValue == name })?[field] else {
                throw fail("\(list): no entry named '\(name)'")
            }
            return item
        }
        guard let contextName = requested ?? doc["current-context"]?.stringValue, !contextName.isEmpty else {
            throw fail("current-context: missing (or pass a context)")
        }
        let context = try named("contexts", contextName, "context")
        guard let clusterName = context["cluster"]?.stringValue else { throw fail("contexts[\(contextName)].cluster: missing") }
        let cluster = try named("clusters", clusterName, "cluster")
        guard let server = cluster["server"]?.stringValue, !server.isEmpty else { throw fail("clusters[\(clusterName)].server: missing") }
        self.server = server.hasSuffix("/") ? String(server.dropLast()) : server
        namespace = context["namespace"]?.stringValue
        let base = URL(fileURLWithPath: path).deletingLastPathComponent()
        func file(_ json: JSON?, data: JSON?, _ what: String) throws -> String? {
            if let p = json?.stringValue { return p.hasPrefix("/") ? p : base.appendingPathComponent(p).path }
            guard let encoded = data?.stringValue else { return nil }
            guard let bytes = Data(base64Encoded: encoded) else { throw fail("\(what)-data: not base64") }
            let out = FileManager.default.temporaryDirectory.appendingPathComponent("anvil-\(what)-\(UUID().uuidString).pem")
            try bytes.write(to: out)
            return out.path
        }
        certificateAuthorityFile = try file(cluster["certificate-authority"], data: cluster["certificate-authority-data"], "certificate-authority")
        insecureSkipTLSVerify = cluster["insecure-skip-tls-verify"] == .bool(true)
        if let userName = context["user"]?.stringValue {
            let user = try named("users", userName, "user")
            token = user["token"]?.stringValue
            if token == nil, let tokenFile = try file(user["tokenFile"], data: nil, "token") {
                token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            username = user["username"]?.stringValue
            password = user["password"]?.stringValue
            clientCertificateFile = try file(user["client-certificate"], data: user["client-certificate-data"], "client-certificate")
            clientKeyFile = try file(user["client-key"], data: user["client-key-data"], "client-key")
        }
    }

    /// Reads the kubeconfig at `path`.
    public init(path: String, context: String? = nil) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw JSONError(at: path, "cannot read the file") }
        try self.init(text: text, path: path, context: context)
    }
}
