import Controllers
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A connection to a Kubernetes API server over HTTP(S) with URLSession: requests become REST
/// calls (`KubernetesREST`), objects Kubernetes JSON. Authentication: a bearer token or basic
/// auth. Over https, the server is checked against the system's certificate authorities only:
/// FoundationNetworking on Linux can neither trust a kubeconfig's own CA, skip verification, nor
/// present a client certificate, so a kubeconfig asking for those is refused at start.
final class RESTConnection: ClusterConnection, @unchecked Sendable {
    let server: String
    let externalServer: String
    let authorization: String?
    let session: URLSession
    /// Seconds a request may take before it counts as unanswered.
    let timeout: TimeInterval

    init(_ config: Kubeconfig, external: String?, timeout: TimeInterval = 10) throws {
        if config.clientCertificateFile != nil || config.clientKeyFile != nil {
            throw ConnectionFailure("the kubeconfig's user has a client certificate, which URLSession on Linux cannot present; use a token")
        }
        if config.server.hasPrefix("https://"), config.certificateAuthorityFile != nil || config.insecureSkipTLSVerify {
            throw ConnectionFailure("the kubeconfig names its own certificate authority or skips verification, which URLSession on "
                + "Linux cannot do; use http:// or a server whose certificate the system trusts")
        }
        server = config.server
        externalServer = external ?? config.server
        if let token = config.token {
            authorization = "Bearer \(token)"
        } else if let user = config.username, let password = config.password {
            authorization = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        } else {
            authorization = nil
        }
        self.timeout = timeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        session = URLSession(configuration: configuration)
    }

    /// One HTTP exchange: the status and the JSON body (`nil` when empty or not JSON).
    func exchange(_ call: KubernetesREST.Call, base: String) throws -> (Int, JSON?) {
        var components = URLComponents(string: base + call.path)
        if !call.query.isEmpty { components?.queryItems = call.query.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } }
        guard let url = components?.url else { throw ConnectionFailure("not a URL: \(base)\(call.path)") }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = call.method
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        if let body = call.body {
            request.httpBody = Data(body.text.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<(Int, Data), Error> = .failure(ConnectionFailure("no answer"))
        session.dataTask(with: request) { data, response, error in
            if let error { result = .failure(ConnectionFailure("\(call.method) \(url): \(error.localizedDescription)")) } else {
                result = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }
            done.signal()
        }.resume()
        done.wait()
        let (status, data) = try result.get()
        return (status, data.isEmpty ? nil : try? JSON(parsing: [UInt8](data)))
    }

    func send(_ request: Value) throws -> Value {
        let call: KubernetesREST.Call
        switch Result(catching: { () throws(KubernetesREST.Failure) in try KubernetesREST.call(for: request) }) {
        case .success(let c): call = c
        case .failure(let failure): return APIServer.responseValue(request.constructorName ?? "get", error: failure.code)
        }
        let (status, body) = try exchange(call, base: server)
        return KubernetesREST.response(to: request, status: status, body: body)
    }

    func callExternal(_ request: Value, sort: Sort, responseSort: Sort) throws -> Value {
        let body = ValueJSONCodec.plain.encode(request, sort, alwaysWritten: true) ?? .null
        let (status, answer) = try exchange(KubernetesREST.Call("POST", "/anvil/v1/external", body: body), base: externalServer)
        guard status == 200, let answer else { throw ConnectionFailure("the external system answered \(status): \(answer?.text ?? "")") }
        var reading = ValueJSONCodec.Reading(strict: true)
        return try ValueJSONCodec.plain.decode(answer, responseSort, at: "", &reading)
    }

    func listKeys(_ kind: K8s.Kind, namespace: String?) throws -> (keys: [Value], resourceVersion: String) {
        let (status, body) = try exchange(KubernetesREST.Call("GET", KubernetesREST.Resource(kind: kind, namespace: namespace).path), base: server)
        guard status == 200, case .array(let items)? = body?["items"] else {
            throw ConnectionFailure("listing \(kind.resource) answered \(status): \(body?["message"]?.stringValue ?? "")")
        }
        let keys = items.compactMap { item -> Value? in
            guard let name = item["metadata"]?["name"]?.stringValue, let ns = item["metadata"]?["namespace"]?.stringValue else { return nil }
            return .objectKey(kind, namespace: ns, name: name)
        }
        return (keys, body?["metadata"]?["resourceVersion"]?.stringValue ?? "0")
    }

    func watch(_ kind: K8s.Kind, namespace: String?, from resourceVersion: String, _ event: (String, Value) -> Bool) throws {
        let path = KubernetesREST.Resource(kind: kind, namespace: namespace).path
        guard var components = URLComponents(string: server + path) else { throw ConnectionFailure("not a URL: \(server)\(path)") }
        components.queryItems = [URLQueryItem(name: "watch", value: "true"), URLQueryItem(name: "resourceVersion", value: resourceVersion),
                                 URLQueryItem(name: "timeoutSeconds", value: "300")]
        var request = URLRequest(url: components.url!, timeoutInterval: 330)
        if let authorization { request.setValue(authorization, forHTTPHeaderField: "Authorization") }
        let stream = WatchStream()
        let watchSession = URLSession(configuration: .ephemeral, delegate: stream, delegateQueue: nil)
        defer { watchSession.invalidateAndCancel() }
        watchSession.dataTask(with: request).resume()
        while let line = stream.nextLine() {
            guard let json = try? JSON(parsing: line), let type = json["type"]?.stringValue else { continue }
            if type == "ERROR" { throw ConnectionFailure("watch: \(json["object"]?["message"]?.stringValue ?? "error")") }
            guard let name = json["object"]?["metadata"]?["name"]?.stringValue,
                  let ns = json["object"]?["metadata"]?["namespace"]?.stringValue else { continue }
            guard event(type, .objectKey(kind, namespace: ns, name: name)) else { return }
        }
        if let error = stream.failure { throw ConnectionFailure("watch: \(error)") }
    }
}

/// The lines of a streamed response, as they arrive.
private final class WatchStream: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var ended = false
    var failure: String?

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        condition.lock()
        buffer += data
        condition.broadcast()
        condition.unlock()
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        condition.lock()
        ended = true
        if let error { failure = error.localizedDescription }
        if let status = (task.response as? HTTPURLResponse)?.statusCode, status != 200 { failure = "the server answered \(status)" }
        condition.broadcast()
        condition.unlock()
    }

    /// The next complete line; `nil` once the stream has ended.
    func nextLine() -> [UInt8]? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = Array(buffer[..<newline])
                buffer.removeFirst(newline + 1)
                return line
            }
            if ended { return nil }
            condition.wait()
        }
    }
}
