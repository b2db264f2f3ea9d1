import Testing
import Language
@testable import Sweep

/// The local back end's progress line: counts, bar and ETA.
struct ProgressTests {
    @Test func barCountsAndEstimatesTheRemainingTime() {
        let p = ProgressDisplay(total: 8, parallel: 2, interactive: false)
        #expect(p.eta == nil)
        p.running = 2
        p.finished("runs/0000", status: .ok, seconds: 2)
        p.finished("runs/0001", status: .failed, seconds: 4)
        // 6 points left, 2 at a time, 3 s each on average: 9 s.
        #expect(p.eta == 9)
        #expect(p.bar(width: 8) == "[██░░░░░░] 2/8  ok 1  failed 1  running 2  left 4  ETA 9 s")
    }

    @Test func durationsReadLikeAClock() {
        #expect(ProgressDisplay.duration(0.25) == "0.3 s")
        #expect(ProgressDisplay.duration(42) == "0:42")
        #expect(ProgressDisplay.duration(725) == "12:05")
        #expect(ProgressDisplay.duration(3723) == "1:02:03")
    }
}
