@testable import Render
import Testing

/// Tick positions are nice numbers and their labels are short and exact.
@Suite struct TicksTests {
    @Test("steps are 1, 2 or 5 × 10^k")
    func steps() {
        #expect(Ticks.niceStep(10, target: 5) == 2)
        #expect(Ticks.niceStep(1, target: 5) == 0.2)
        #expect(Ticks.niceStep(1000, target: 4) == 200)
        #expect(Ticks.niceStep(7, target: 7) == 1)
    }

    @Test("linear ticks cover the range, including zero")
    func linear() {
        let t = Ticks.linear(-3.4, 3.3, target: 7)
        #expect(t.map(\.label) == ["-3", "-2", "-1", "0", "1", "2", "3"])
        #expect(Ticks.linear(-1, 1, target: 4).map(\.label) == ["-1.0", "-0.5", "0.0", "0.5", "1.0"])
        #expect(Ticks.linear(-2, 4, target: 2).count >= 2, "never a lone tick")
        #expect(Ticks.linear(0, 1000, target: 5, integer: true).map(\.label) == ["0", "200", "400", "600", "800", "1000"])
    }

    @Test("ranges extend outward to the step")
    func extend() {
        #expect(Ticks.extend(0.03, 2.3) == (0, 2.5))
        #expect(Ticks.extend(-0.98, 0.99) == (-1, 1))
    }

    @Test("log axes label whole decades")
    func logAxis() {
        #expect(Ticks.log10Axis(-3, 2, target: 5).map(\.label) == ["0.001", "0.01", "0.1", "1", "10", "100"])
        // One format per axis: an axis that needs 1e-8 writes every decade that way.
        #expect(Ticks.log10Axis(-8, 0, target: 4).map(\.label) == ["1e-8", "1e-6", "1e-4", "1e-2", "1e0"])
    }

    @Test("numbers print compactly")
    func plain() {
        #expect(Ticks.plain(3) == "3")
        #expect(Ticks.plain(0.25) == "0.25")
        #expect(Ticks.plain(-1.5e-7) == "-1.500e-7")
        #expect(Ticks.plain(.nan) == "NaN")
        #expect(Ticks.format(1.5e-5, step: 5e-6) == "1.5e-5")
    }
}
