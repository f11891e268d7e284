import Foundation
import Proofs
import VCGen

// Every proof module is linked in through `Proofs`; ProofDiscovery finds them by name.
// Lines are written unbuffered so progress shows as it happens, also through a pipe.
func emit(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }

do {
    let command = try ProveCommand.parse(Array(CommandLine.arguments.dropFirst()))
    exit(command.run(root: PackageRoot.find(), emit: emit))
} catch {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(2)
}
