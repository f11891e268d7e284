import Controllers
import Foundation

/// `anvil-controller`: runs a controller of the catalogue against a Kubernetes API server, with
/// the reconciler terms that were proved, evaluated.
let names = ControllerCatalogue.all.map(\.name).joined(separator: ", ")
let help = """
USAGE: anvil-controller CONTROLLER [--kubeconfig FILE] [OPTIONS]   run the controller
       anvil-controller CONTROLLER --sample                        print its sample custom resource (YAML)
       anvil-controller CONTROLLER --crd                           print its CustomResourceDefinition (YAML)
       anvil-controller CONTROLLER --check FILE                    do the objects in FILE match its custom resources?
       anvil-controller --write-deploy DIR                         write every CRD and sample under DIR

CONTROLLER is one of: \(names).

Running: lists and watches the custom resources; for each, reconciles: a quorum read (get) of the
resource, then the reconciler's steps one at a time, each request sent to the API server and its
response fed to the next step; requeued after --requeue-after when done, --error-requeue-after when
failed. One JSON line per reconcile start, step and end on standard error.

OPTIONS:
  --kubeconfig FILE          Server and credentials (default: $KUBECONFIG, else ~/.kube/config).
  --context NAME             The kubeconfig context (default: its current-context).
  --namespace NS             Watch one namespace (default: all).
  --requeue-after D          Delay after a successful reconcile (default 60s).
  --error-requeue-after D    Delay after a failed reconcile (default 10s).
  --step-delay D             Pause before each step (default 0s), e.g. to interrupt a reconcile.
  --timeout D                A request unanswered after D reaches the reconciler as a timeout (default 10s).
  --external URL             The external system's server (default: the API server, at /anvil/v1/external).
  --duration D               Stop after D (default: run until killed).
Durations: 60, 60s, 500ms, 2m.

--check FILE (or - for standard input) reads `kubectl get -o json` output (a List or one object)
and evaluates the controller's desired-state predicate on those objects for each of its custom
resources among them: exit 0 when every one matches, 1 when one does not (or there is none).

EXIT STATUS: 2 for bad input (unknown controller or option, unreadable kubeconfig or file).
"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(2)
}
func say(_ text: String) { FileHandle.standardOutput.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8)) }

func seconds(_ text: String, _ flag: String) -> TimeInterval {
    let scaled: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in scaled where text.hasSuffix(suffix) {
        if let n = Double(text.dropLast(suffix.count)), n >= 0 { return n * scale }
    }
    guard let n = Double(text), n >= 0 else { fail("\(flag) needs a duration such as 60s, got '\(text)'") }
    return n
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") { say(help); exit(arguments.isEmpty ? 2 : 0) }

if arguments.first == "--write-deploy" {
    guard arguments.count == 2 else { fail("--write-deploy needs a directory") }
    do {
        for (path, text) in DeployFiles.all { try DeployFiles.write(text, to: arguments[1] + "/" + path) }
        say("wrote \(DeployFiles.all.count) files under \(arguments[1])")
        exit(0)
    } catch { fail("\(error)") }
}

let controllerName = arguments.removeFirst()
guard let entry = ControllerCatalogue.named(controllerName) else { fail("unknown controller '\(controllerName)' (known: \(names))") }

var kubeconfigPath = ProcessInfo.processInfo.environment["KUBECONFIG"]?.split(separator: ":").first.map(String.init)
    ?? NSHomeDirectory() + "/.kube/config"
var context: String?, external: String?, duration: TimeInterval?, timeout: TimeInterval = 10
var options = ControllerRuntime.Options()
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    switch flag {
    case "--sample": say(entry.sampleYAML); exit(0)
    case "--crd": say(K8s.customResourceDefinition(entry.kind).yamlText); exit(0)
    default: break
    }
    guard let value = arguments.first else { fail("\(flag) needs a value") }
    arguments.removeFirst()
    switch flag {
    case "--kubeconfig": kubeconfigPath = value
    case "--context": context = value
    case "--namespace": options.namespace = value
    case "--requeue-after": options.requeueAfter = seconds(value, flag)
    case "--error-requeue-after": options.errorRequeueAfter = seconds(value, flag)
    case "--step-delay": options.stepDelay = seconds(value, flag)
    case "--timeout": timeout = seconds(value, flag)
    case "--external": external = value
    case "--duration": duration = seconds(value, flag)
    case "--check": exit(CheckCommand.run(entry, file: value))
    default: fail("unknown option '\(flag)' (see --help)")
    }
}

let connection: RESTConnection
do {
    let config = try Kubeconfig(path: kubeconfigPath, context: context)
    connection = try RESTConnection(config, external: external, timeout: timeout)
} catch { fail("\(kubeconfigPath): \(error)") }

let runtime: ControllerRuntime
do { runtime = try ControllerRuntime(entry: entry, connection: connection, options: options) } catch {
    fail("cannot evaluate the reconciler '\(entry.name)': \(error)")
}
say("running \(entry.name) on \(connection.server) (\(entry.kind.resource) in \(options.namespace ?? "all namespaces"); "
    + "requeue \(options.requeueAfter)s, on error \(options.errorRequeueAfter)s)")
runtime.run(for: duration)
exit(0)
