import Foundation
import Proofs
import VCGen

// Every proof module is linked in through `Proofs`; ProofDiscovery finds them by name.
setvbuf(stdout, nil, _IOLBF, 0)
let arguments = Array(CommandLine.arguments.dropFirst())
do {
    let command = try ProveCommand.parse(arguments)
    let status = command.run(root: PackageRoot.find()) { print($0) }
    exit(status)
} catch {
    FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
    exit(2)
}
