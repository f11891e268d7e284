import Controllers
import Foundation

/// `anvil-sim [CONTROLLER] --serve HOST:PORT`: the executable cluster model served as a
/// Kubernetes API endpoint, for real clients (`kubectl`, the `kubernetes` Python client,
/// `anvil-controller`).
enum Serve {
    static let help = """
    USAGE: anvil-sim [CONTROLLER] --serve HOST:PORT [--token T [--anonymous-auth]] [--faults drop,api-error] [--fault-rate P]
                     [--fault-requests N] [--fault-seed S]

    Serves the executable cluster model of CONTROLLER's cluster (default: simple) over the Kubernetes
    REST API on http://HOST:PORT (port 0 picks a free port): every request is handled by the model's
    API server actions, evaluated; the garbage collector and the stateful-set and daemon-set status
    writers run in the background; CONTROLLER's external system, if any, answers POST /anvil/v1/external.
    The first line printed is `serving http://HOST:PORT`.

    OPTIONS:
      --token T           Require `Authorization: Bearer T` on every request (but /version and health checks).
      --anonymous-auth    With --token, serve requests that carry no credentials too (wrong ones get 401);
                          kubectl sends none to an http:// server.
      --faults LIST       Inject the model's faults into requests: drop (answered by a timeout), api-error
                          (answered by a random API error), both leaving etcd unchanged.
      --fault-rate P      The chance that a request meets each enabled fault (default 0.1).
      --fault-requests N  Faults stop after N requests, as the model's disable actions guarantee (default: never).
      --fault-seed S      Seed of the fault choices (default 0).
    """

    static func run(_ arguments: [String]) -> Never {
        var args = arguments
        if args.contains("-h") || args.contains("--help") { say(help); exit(0) }
        var controller = "simple", address: String?, faults = ServedCluster.Faults(), endpoint = ServedCluster.Endpoint()
        if let first = args.first, !first.hasPrefix("-") { controller = first; args.removeFirst() }
        while !args.isEmpty {
            let flag = args.removeFirst()
            if flag == "--anonymous-auth" { endpoint.anonymousAuth = true; continue }
            guard let value = args.first else { fail("\(flag) needs a value") }
            args.removeFirst()
            switch flag {
            case "--serve": address = value
            case "--token": endpoint.token = value
            case "--faults":
                for part in value.split(separator: ",") {
                    switch part {
                    case "drop": faults.drop = true
                    case "api-error": faults.apiErrors = true
                    default: fail("--faults: unknown fault '\(part)' for a served cluster (drop, api-error)")
                    }
                }
            case "--fault-rate":
                guard let p = Double(value), (0...1).contains(p) else { fail("--fault-rate needs a number from 0 to 1, got '\(value)'") }
                faults.rate = p
            case "--fault-requests":
                guard let n = Int(value), n >= 0 else { fail("--fault-requests needs a number, got '\(value)'") }
                faults.requests = n
            case "--fault-seed":
                guard let n = UInt64(value) else { fail("--fault-seed needs a number, got '\(value)'") }
                faults.seed = n
            default: fail("unknown option '\(flag)' (see --serve --help)")
            }
        }
        guard let address, let colon = address.lastIndex(of: ":"), let port = Int(address[address.index(after: colon)...]),
              (0...65_535).contains(port) else { fail("--serve needs HOST:PORT, got '\(address ?? "")'") }
        let host = String(address[..<colon])
        guard let entry = ControllerCatalogue.named(controller) else {
            fail("unknown controller '\(controller)' (known: \(ControllerCatalogue.all.map(\.name).joined(separator: ", ")))")
        }
        let cluster: ServedCluster
        do {
            cluster = try ServedCluster(model: ClusterModel(reconciler: entry.reconciler, resourceKind: entry.kind, external: entry.external),
                                        faults: faults)
        } catch { fail("cannot build the cluster model: \(error)") }
        let server: HTTPServer
        let served = endpoint
        do {
            server = try HTTPServer(host: host, port: port) { request in
                let started = Date()
                let response = cluster.respond(to: request, endpoint: served)
                if case .full(let status, _, _, _) = response {
                    let ms = Int(Date().timeIntervalSince(started) * 1000)
                    log("\(request.method) \(request.path) \(status) \(ms)ms")
                }
                return response
            }
        } catch { fail("\(error)") }
        say("serving http://\(host):\(server.port) (the cluster of \(entry.name); faults: \(faults.drop ? "drop " : "")\(faults.apiErrors ? "api-error" : "")\(faults.drop || faults.apiErrors ? "" : "none"))")
        Thread.detachNewThread {
            while true {
                do {
                    for action in try cluster.runBuiltinControllers() { log("built-in: \(action)") }
                } catch { log("built-in controllers: \(error)") }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
        server.serveForever()
    }

    static func log(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
