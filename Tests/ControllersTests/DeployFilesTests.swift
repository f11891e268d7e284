import Controllers
import Foundation
import Testing

/// `deploy/` is what the model generates (`anvil-controller --write-deploy deploy`), and its
/// samples are objects the model accepts.
@Suite struct DeployFilesTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("deploy")

    @Test func deployMatchesTheModel() throws {
        for (path, text) in DeployFiles.all {
            let file = Self.deploy.appendingPathComponent(path)
            let stored = try? String(contentsOf: file, encoding: .utf8)
            #expect(stored == text, "deploy/\(path) is out of date: run `swift run anvil-controller --write-deploy deploy`")
        }
    }

    @Test(arguments: ControllerCatalogue.all.map(\.name))
    func samplesDecodeAndPassAdmission(controller: String) throws {
        let entry = try #require(ControllerCatalogue.named(controller))
        let sample = try ControllerCatalogue.sampleObject(entry)
        let create = try APIServer.Request.create(namespace: "default", object: .literal(sample, sort: .datatype(K8s.object)))
        let outcome = try APIServer.handle(state: APIServer.makeState(), request: create).evaluate()
        #expect(outcome.datatypeFields[1].responseError == nil)
    }
}
