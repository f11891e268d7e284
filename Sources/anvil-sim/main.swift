import Controllers
import Foundation

/// `anvil-sim`: runs a controller on the executable cluster model, with random scheduling and
/// injected faults, and says whether the cluster reached the desired state and stayed there.
let help = """
USAGE: anvil-sim CONTROLLER [--cr FILE.yaml] [--seed S] [--seeds N] [--steps N] [--faults LIST]
       anvil-sim [CONTROLLER] --serve HOST:PORT [...]   (serve the model over the Kubernetes API; --serve --help)

Runs CONTROLLER (\(ControllerCatalogue.all.map { $0.name }.joined(separator: ", "))) against the executable cluster model:
the same terms the proofs use, evaluated. The custom resource is stored through the model's API
server (so validation applies), then actions are taken at random.

OPTIONS:
  --cr FILE.yaml   The custom resource, as Kubernetes YAML (default: the controller's sample).
  --seed S         First random seed (default 0).
  --seeds N        Runs with seeds S, S+1, ... (default 1).
  --steps N        Steps per run (default 1500).
  --faults LIST    Faults injected during the first 120 steps: crash,drop,api-error,pod-monkey
                   (default none); afterwards each is disabled, as fairness guarantees.
  -h, --help       Show this help.

EXIT STATUS: 0 when every run reached the desired state and kept it for its last 150 steps,
1 when a run did not, 2 for bad input (unknown controller, unreadable or invalid resource).
"""

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    exit(2)
}
func say(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.contains("--serve") { Serve.run(arguments) }
if arguments.isEmpty || arguments.contains("-h") || arguments.contains("--help") { say(help); exit(arguments.isEmpty ? 2 : 0) }
let controllerName = arguments.removeFirst()
guard let entry = ControllerCatalogue.named(controllerName) else {
    fail("unknown controller '\(controllerName)' (known: \(ControllerCatalogue.all.map(\.name).joined(separator: ", ")))")
}
var crPath: String?, seed: UInt64 = 0, seeds = 1, steps = 1_500, faults: Faults = []
while !arguments.isEmpty {
    let flag = arguments.removeFirst()
    guard let value = arguments.first else { fail("\(flag) needs a value") }
    arguments.removeFirst()
    switch flag {
    case "--cr": crPath = value
    case "--seed": guard let n = UInt64(value) else { fail("--seed needs a number, got '\(value)'") }; seed = n
    case "--seeds": guard let n = Int(value), n > 0 else { fail("--seeds needs a positive number, got '\(value)'") }; seeds = n
    case "--steps": guard let n = Int(value), n > 0 else { fail("--steps needs a positive number, got '\(value)'") }; steps = n
    case "--faults": do { faults = try Faults(parsing: value) } catch { fail(error.message) }
    default: fail("unknown option '\(flag)' (see --help)")
    }
}

let yaml: String
if let crPath {
    guard let text = try? String(contentsOfFile: crPath, encoding: .utf8) else { fail("\(crPath): cannot read the file") }
    yaml = text
} else {
    yaml = entry.sampleYAML
}
let source = crPath ?? "the sample resource"
let resource: Term
do { resource = try KubernetesYAML.object(yaml, kind: entry.kind) } catch { fail("\(source): \(error)") }

let simulation: ControllerSimulation
do { simulation = try ControllerSimulation(entry) } catch { fail("cannot build the cluster model: \(error)") }
do { _ = try simulation.start(resource: resource, seed: seed) } catch { fail("\(source): \(error)") }

var failedRuns = 0
for run in 0..<seeds {
    let runSeed = seed + UInt64(run)
    do {
        let outcome = try simulation.run(resource: resource, seed: runSeed, steps: steps, faults: faults, faultSteps: 120) { i in
            if i % 500 == 0 && isatty(1) != 0 { say("  seed \(runSeed): \(i)/\(steps) steps") }
        }
        if !outcome.converged { failedRuns += 1 }
        let summary = outcome.actionCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        say("seed \(runSeed): \(outcome.converged ? "reached the desired state and kept it" : "did NOT keep the desired state")"
            + " (first matched at step \(outcome.firstMatch.map(String.init) ?? "never"), held for the last \(outcome.heldFor) steps)")
        say("  actions: \(summary)")
    } catch {
        fail("seed \(runSeed): \(error)")
    }
}
say("\(seeds - failedRuns) passed, \(failedRuns) failed")
exit(failedRuns == 0 ? 0 : 1)
