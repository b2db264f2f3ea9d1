import Testing
@testable import Tensor

/// Matrix products choose their OpenBLAS thread count by size (issue #14): the training
/// notebooks' small products run on one thread, large products on all.
struct BLASThreadsTests {
    @Test func smallProductsRunOnOneThreadLargeOnesOnAll() {
        // The notebooks' MLP layers: batch 256, hidden 64 (2·256·64·64 ≈ 2.1 MFLOP), and the
        // largest product there, 1000 samples × 64 × 64.
        #expect(BLASThreads.threads(forFlops: 2 * 256 * 64 * 64, available: 2) == 1)
        #expect(BLASThreads.threads(forFlops: 2 * 1000 * 64 * 64, available: 2) == 1)
        #expect(BLASThreads.threads(forFlops: 2 * 256 * 256 * 256, available: 2) == 1)
        #expect(BLASThreads.threads(forFlops: 2 * 512 * 512 * 512, available: 2) == 2)
        #expect(BLASThreads.threads(forFlops: 2 * 2048 * 2048 * 2048, available: 4) == 4)
    }

    @Test func productsStayCorrectAcrossTheSwitch() throws {
        // The same product computed small (1 thread) and inside a large one (all threads).
        let a = try Tensor((0..<(400 * 400)).map { Double($0 % 7) - 3 }, shape: [400, 400])
        let big = try Tensor.matmul(a, a).toArray()
        let row = try Tensor.matmul(try a.subscripted([.slice(start: 0, stop: 1, step: nil)]), a).toArray()
        #expect(row.count == 400)
        #expect(Array(big[0..<400]) == row)
    }
}
