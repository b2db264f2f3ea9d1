import Testing
import Language
import Notebook
@testable import Sweep

/// `--grid` parsing, the cartesian product and the checks against the notebook's params.
struct GridTests {
    @Test func valuesSplitAtTopLevelCommasOnly() {
        #expect(Grid.splitValues("0.1, 0.2,0.3") == ["0.1", "0.2", "0.3"])
        #expect(Grid.splitValues("[1, 2],[3]") == ["[1, 2]", "[3]"])
        #expect(Grid.splitValues("\"a,b\",\"c\\\",d\"") == ["\"a,b\"", "\"c\\\",d\""])
    }

    @Test func expansionIsTheCartesianProductFirstAxisSlowestSeedFastest() throws {
        let grid = try Grid(arguments: ["beta=0.1,0.2", "alpha=1,2,3"], seeds: 2, seedName: "seed")
        #expect(grid.count == 12)
        let points = grid.points
        #expect(points.count == 12)
        #expect(points[0] == ["beta": "0.1", "alpha": "1", "seed": "0"])
        #expect(points[1] == ["beta": "0.1", "alpha": "1", "seed": "1"])
        #expect(points[2] == ["beta": "0.1", "alpha": "2", "seed": "0"])
        #expect(points[11] == ["beta": "0.2", "alpha": "3", "seed": "1"])
        #expect(Set(points.map { $0.description }).count == 12)
        #expect(grid.seedAxis == "seed")
        #expect(grid.manifestPoints[7].folder == "runs/0007")
        #expect(Grid.folder(of: 12345, count: 20000) == "runs/12345")
    }

    @Test func badArgumentsAreErrorsNamingTheProblem() {
        #expect(throws: SweepError.self) { try Grid(arguments: ["beta"], seeds: nil, seedName: "seed") }
        #expect(throws: SweepError.self) { try Grid(arguments: ["beta=1,,2"], seeds: nil, seedName: "seed") }
        #expect(throws: SweepError.self) { try Grid(arguments: ["beta=1,1"], seeds: nil, seedName: "seed") }
        #expect(throws: SweepError.self) { try Grid(arguments: ["beta=1", "beta=2"], seeds: nil, seedName: "seed") }
        #expect(throws: SweepError.self) { try Grid(arguments: [], seeds: nil, seedName: "seed") }
        #expect(throws: SweepError.self) { try Grid(arguments: [], seeds: 0, seedName: "seed") }
        let huge = (0..<64).map { "p\($0)=1,2" }
        #expect(throws: SweepError.self) { try Grid(arguments: huge, seeds: nil, seedName: "seed") }
    }

    @Test func valuesAreCheckedAgainstTheDeclaredParameters() throws {
        let document = try NotebookDocument(parsing: "---\nparams:\n  beta: 0.5\n  name: \"x\"\n---\n```dtr\nbeta\n```\n")
        try Grid(arguments: ["beta=0.1,-2,1e-3", "name=\"a\",\"b,c\""], seeds: nil, seedName: "seed")
            .check(against: document, notebookFile: "nb.dtrnb")
        do {
            try Grid(arguments: ["gamma=1,2"], seeds: nil, seedName: "seed").check(against: document, notebookFile: "nb.dtrnb")
            Issue.record("an undeclared parameter was accepted")
        } catch {
            #expect(error.message.contains("--grid gamma: no such parameter (declared: beta, name)"))
        }
        do {
            try Grid(arguments: ["beta=1,sqrt(2)"], seeds: nil, seedName: "seed").check(against: document, notebookFile: "nb.dtrnb")
            Issue.record("a non-literal was accepted")
        } catch {
            #expect(error.message.contains("parameter \"beta\" must be a literal"))
        }
        do {
            try Grid(arguments: ["beta=1"], seeds: 2, seedName: "seed").check(against: document, notebookFile: "nb.dtrnb")
            Issue.record("--seeds without a seed parameter was accepted")
        } catch {
            #expect(error.message.contains("--seeds needs the notebook to declare a parameter seed"))
        }
    }

    @Test func slurmArrayListsCompressRuns() {
        #expect(SlurmBackend.arraySpec([0, 1, 2, 3]) == "0-3")
        #expect(SlurmBackend.arraySpec([7, 3, 8, 9, 11]) == "3,7-9,11")
        #expect(SlurmBackend.arraySpec([5]) == "5")
    }
}
