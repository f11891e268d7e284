import Controllers
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// The served cluster over real HTTP (the socket server, keep-alive, chunked watches), with
/// URLSession as the client.
@Suite struct ServedClusterHTTPTests {
    /// A served cluster of the simple controller on a free port, with a token.
    static let server: (cluster: ServedCluster, base: String) = {
        let entry = ControllerCatalogue.named("simple")!
        let cluster = try! ServedCluster(model: ClusterModel(reconciler: entry.reconciler, resourceKind: entry.kind))
        let endpoint = ServedCluster.Endpoint(token: "t")
        let server = try! HTTPServer(host: "127.0.0.1", port: 0) { cluster.respond(to: $0, endpoint: endpoint) }
        Thread.detachNewThread { server.serveForever() }
        return (cluster, "http://127.0.0.1:\(server.port)")
    }()

    /// One exchange: status and body text.
    static func call(_ method: String, _ path: String, _ body: String? = nil, token: String? = "t",
                     contentType: String = "application/json") throws -> (Int, String) {
        var request = URLRequest(url: URL(string: server.base + path)!, timeoutInterval: 10)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body { request.httpBody = Data(body.utf8); request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String) = (0, "")
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    @Test func createGetUpdatePatchDeleteAndWatch() throws {
        let path = "/api/v1/namespaces/http/configmaps"
        #expect(try Self.call("GET", path, token: nil).0 == 401)
        #expect(try Self.call("GET", "/version", token: nil).0 == 200)
        let created = try Self.call("POST", path, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}"#)
        #expect(created.0 == 201)
        let rv = try #require(try JSON(parsing: created.1)["metadata"]?["resourceVersion"]?.stringValue)
        let list = try JSON(parsing: Self.call("GET", path).1)
        #expect(list["kind"] == "ConfigMapList")
        let update = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","resourceVersion":"RV"},"data":{"a":"2"}}"#
        #expect(try Self.call("PUT", path + "/c", update.replacingOccurrences(of: "RV", with: rv)).0 == 200)
        let stale = try Self.call("PUT", path + "/c", update.replacingOccurrences(of: "RV", with: rv))
        #expect(stale.0 == 409 && stale.1.contains(#""reason":"Conflict""#))
        let patched = try Self.call("PATCH", path + "/c", #"{"data":{"b":"3"}}"#, contentType: "application/merge-patch+json")
        #expect(patched.0 == 200)
        #expect(try JSON(parsing: patched.1)["data"] == .members(["a": "2", "b": "3"]))
        let malformed = try Self.call("POST", path, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"d","labels":[1]}}"#)
        #expect(malformed.0 == 400 && malformed.1.contains("metadata.labels: expected an object"))
        let watch = try Self.call("GET", path + "?watch=true&resourceVersion=0&timeoutSeconds=1")
        #expect(watch.0 == 200 && watch.1.hasPrefix(#"{"type":"ADDED","object":{"apiVersion":"v1","kind":"ConfigMap""#))
        #expect(try Self.call("DELETE", path + "/c").0 == 200)
        #expect(try Self.call("GET", path + "/c").0 == 404)
        #expect(try Self.call("GET", "/api/v1/namespaces/http/deployments").0 == 404)
    }

    @Test func aWatchFromAListSeesTheLaterChanges() throws {
        let path = "/api/v1/namespaces/watch/configmaps"
        let rv = try #require(try JSON(parsing: Self.call("GET", path).1)["metadata"]?["resourceVersion"]?.stringValue)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            _ = try? Self.call("POST", path, #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"w"}}"#)
            _ = try? Self.call("DELETE", path + "/w")
        }
        let events = try Self.call("GET", path + "?watch=1&resourceVersion=\(rv)&timeoutSeconds=2").1
            .split(separator: "\n").map { try JSON(parsing: String($0))["type"]?.stringValue }
        #expect(events == ["ADDED", "DELETED"])
    }
}
