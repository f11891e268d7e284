import Controllers
import Foundation

/// `anvil-controller CONTROLLER --check FILE`: the desired-state predicate on objects read back
/// with `kubectl get -o json`.
enum CheckCommand {
    static func run(_ entry: ControllerEntry, file: String) -> Int32 {
        let data = file == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: file)
        guard let data else { fail("\(file): cannot read the file") }
        do {
            let objects = try ControllerEntry.objects(fromKubectlJSON: JSON(parsing: [UInt8](data)))
            let verdicts = try entry.check(objects: objects)
            if verdicts.isEmpty { say("no \(entry.kind.kubernetesName) among the \(objects.count) objects"); return 1 }
            for (key, matches) in verdicts {
                say("\(key.keyDescription): \(matches ? "the cluster matches it" : "the cluster does NOT match it")")
            }
            return verdicts.allSatisfy(\.matches) ? 0 : 1
        } catch { fail("\(file): \(error)") }
    }
}
