import Testing
@testable import Tensor

@Suite struct ReduceTests {
    let m = try! Tensor([1, 5, 3, 4, 2, 6], shape: [2, 3])  // test data, literal

    @Test func axisNilReducesToZeroDimensional() throws {
        let s = try Tensor.reduce(.sum, m)
        #expect(s.shape == [])
        #expect(s.scalarValue == 21)
        #expect(try Tensor.reduce(.sum, m, keepdims: true).shape == [1, 1])
    }

    @Test func axesAndNegativeAxes() throws {
        #expect(try Tensor.reduce(.sum, m, axis: 0).toArray() == [5, 7, 9])
        #expect(try Tensor.reduce(.max, m, axis: 1).toArray() == [5, 6])
        #expect(try Tensor.reduce(.max, m, axis: -1).toArray() == [5, 6])
        #expect(try Tensor.reduce(.argmax, m, axis: 1).toArray() == [1, 2])
        #expect(try Tensor.reduce(.mean, m, axis: 0, keepdims: true).shape == [1, 3])
    }

    @Test func outOfRangeAxisIsAnError() {
        #expect(throws: TensorError.invalidArgument("axis 2 is out of bounds for a tensor of rank 2")) {
            try Tensor.reduce(.sum, m, axis: 2)
        }
        #expect(throws: TensorError.invalidArgument("axis -3 is out of bounds for a tensor of rank 2")) {
            try Tensor.cumsum(m, axis: -3)
        }
    }

    @Test func emptyReductions() throws {
        let e = try Tensor(uninitialized: [0])
        #expect(try Tensor.reduce(.sum, e).scalarValue == 0)
        #expect(try Tensor.reduce(.prod, e).scalarValue == 1)
        #expect(try Tensor.reduce(.mean, e).scalarValue?.isNaN == true)
        #expect(throws: TensorError.invalidArgument("zero-size array to reduction operation max which has no identity")) {
            try Tensor.reduce(.max, e)
        }
        #expect(throws: TensorError.invalidArgument("attempt to get argmin of an empty sequence")) {
            try Tensor.reduce(.argmin, e)
        }
        // Reducing a non-empty axis of an empty tensor is fine.
        #expect(try Tensor.reduce(.max, try Tensor(uninitialized: [3, 0]), axis: 0).shape == [0])
    }

    @Test func argmaxTakesFirstTieAndFirstNaN() throws {
        #expect(try Tensor.reduce(.argmax, Tensor([1, 3, 3, 2])).scalarValue == 1)
        #expect(try Tensor.reduce(.argmin, Tensor([1, .nan, 0, .nan])).scalarValue == 1)
        #expect(try Tensor.reduce(.max, Tensor([1, .nan, 5])).scalarValue?.isNaN == true)
        #expect(try Tensor.reduce(.sum, Tensor([1, .nan, 5])).scalarValue?.isNaN == true)
    }

    @Test func populationVarianceAndDdof() throws {
        let x = try Tensor([1, 2, 3, 4])
        #expect(try Tensor.reduce(.var, x).scalarValue == 1.25)
        #expect(try Tensor.reduce(.var, x, ddof: 1).scalarValue == 5.0 / 3.0)
        #expect(try Tensor.reduce(.std, x).scalarValue == 1.25.squareRoot())
    }

    @Test func longSumsAreAccurate() throws {
        // 0.1 added 2^21 + 5 times: naive left-to-right summation is off by ~1e-7 relative.
        let n = (1 << 21) + 5
        let s = try Tensor.reduce(.sum, Tensor(repeating: 0.1, shape: [n])).scalarValue ?? 0
        #expect(Swift.abs(s - 0.1 * Double(n)) / (0.1 * Double(n)) < 1e-14)
        let f = try Tensor.reduce(.mean, Tensor(repeating: 0.1, shape: [n], dtype: .f32)).scalarValue ?? 0
        #expect(Swift.abs(f - Double(Float(0.1))) < 1e-7)
    }

    @Test func parallelLongRowsMatchSerialRows() throws {
        let n = 5 * Parallel.threshold + 3
        var v = (0..<n).map { Double(($0 &* 7919) % 10007) / 10007 }
        v[n - 2] = 42
        let x = try Tensor(v)
        #expect(try Tensor.reduce(.max, x).scalarValue == 42)
        #expect(try Tensor.reduce(.argmax, x).scalarValue == Double(n - 2))
        let two = try Tensor(v + v, shape: [2, n])
        let rowSums = try Tensor.reduce(.sum, two, axis: 1).toArray()
        #expect(rowSums[0] == (try Tensor.reduce(.sum, x).scalarValue))
        #expect(rowSums[0] == rowSums[1])
        v[17] = .nan
        #expect(try Tensor.reduce(.min, Tensor(v)).scalarValue?.isNaN == true)
        #expect(try Tensor.reduce(.argmin, Tensor(v)).scalarValue == 17)
    }

    @Test func offsetViewsAreReadFromTheirOffset() throws {
        let base = try Tensor([9, 9, 3, 1, 2, 4], shape: [3, 2])
        let tail = Tensor(storage: base.storage, shape: [2, 2], strides: [2, 1], offset: 2)  // [[3, 1], [2, 4]]
        #expect(try Tensor.reduce(.sum, tail).scalarValue == 10)
        #expect(try Tensor.reduce(.argmin, tail, axis: 1).toArray() == [1, 0])
        #expect(try Tensor.cumsum(tail, axis: 0).toArray() == [3, 1, 5, 5])
        #expect(try Tensor.sort(tail).toArray() == [1, 3, 2, 4])
        #expect(try Tensor.unary(.square, tail).toArray() == [9, 1, 4, 16])
        #expect(try Tensor.clip(tail, 2, 3).toArray() == [3, 2, 2, 3])
    }

    @Test func stridedInputReducesLikeItsCopy() throws {
        let t = transposed(m)  // [[1, 4], [5, 2], [3, 6]]
        #expect(try Tensor.reduce(.sum, t, axis: 0).toArray() == [9, 12])
        #expect(try Tensor.reduce(.min, t, axis: 1).toArray() == [1, 2, 3])
    }
}

@Suite struct ScanSortTests {
    @Test func cumsumFlattensByDefault() throws {
        let m = try Tensor([1, 2, 3, 4], shape: [2, 2])
        let c = try Tensor.cumsum(m)
        #expect(c.shape == [4])
        #expect(c.toArray() == [1, 3, 6, 10])
        #expect(try Tensor.cumsum(m, axis: 0).toArray() == [1, 2, 4, 6])
        #expect(try Tensor.cumprod(m, axis: 1).toArray() == [1, 2, 3, 12])
    }

    @Test func sortIsStableWithNaNLast() throws {
        let x = try Tensor([3, .nan, 1, 3, -1, 1])
        let s = try Tensor.sort(x).toArray()
        #expect(Array(s.prefix(5)) == [-1, 1, 1, 3, 3] && s[5].isNaN)
        #expect(try Tensor.argsort(x).toArray() == [4, 2, 5, 0, 3, 1])
        let m = try Tensor([3, 1, 2, 0], shape: [2, 2])
        #expect(try Tensor.sort(m, axis: 0).toArray() == [2, 0, 3, 1])
    }

    @Test func softmaxIsStableAndSumsToOne() throws {
        let s = try Tensor.softmax(Tensor([1000, 1000, 1000, 1000]))
        #expect(s.toArray() == [0.25, 0.25, 0.25, 0.25])
        let r = try Tensor.softmax(Tensor([1, 2, 3, 4, 5, 6], shape: [2, 3]), axis: 0).toArray()
        #expect(Swift.abs(r[0] + r[3] - 1) < 1e-15)
    }

    @Test func whereBroadcastsAllThree() throws {
        let r = try Tensor.where(Tensor([1, 0], shape: [2, 1]), Tensor([1, 2, 3]), Tensor(scalar: -1))
        #expect(r.shape == [2, 3])
        #expect(r.toArray() == [1, 2, 3, -1, -1, -1])
        #expect(throws: TensorError.shapeMismatch(op: "where", lhs: [2], rhs: [3])) {
            try Tensor.where(Tensor([1, 0]), Tensor([1, 2, 3]), Tensor(scalar: 0))
        }
    }

    @Test func clipOuterNorm() throws {
        #expect(try Tensor.clip(Tensor([-2, 0.5, 3]), 0, 1).toArray() == [0, 0.5, 1])
        let o = try Tensor.outer(Tensor([1, 2]), Tensor([1, 10, 100]))
        #expect(o.shape == [2, 3] && o.toArray() == [1, 10, 100, 2, 20, 200])
        #expect(try Tensor.norm(Tensor([3, 4])).scalarValue == 5)
        #expect(try Tensor.norm(Tensor([3, 4, 6, 8], shape: [2, 2]), axis: 1).toArray() == [5, 10])
    }

    @Test func roundHalfToEven() throws {
        #expect(try Tensor.unary(.round, Tensor([0.5, 1.5, 2.5, -0.5, -2.5])).toArray() == [0, 2, 2, -0, -2])
    }
}

@Suite struct ReduceKernelTests {
    /// The C row kernels (widest vectors available) agree bit for bit with the Swift ones.
    @Test(arguments: [0, 1, 7, 8, 127, 128, 129, 1000, 4097, 70_001])
    func cKernelsMatchSwiftKernels(n: Int) {
        let v = (0..<n).map { Double(($0 &* 7919) % 10007) / 997 - 5 }
        v.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return }
            #expect(Double.sumRow(p, n) == ReduceKernels.sum(p, n) { $0 })
            if n > 0 {
                #expect(Double.maxRow(p, n) == ReduceKernels.extreme(p, n, isMax: true))
                #expect(Double.minRow(p, n) == ReduceKernels.extreme(p, n, isMax: false))
            }
        }
        let f = v.map { Float($0) }
        f.withUnsafeBufferPointer { b in
            guard let p = b.baseAddress else { return }
            #expect(Float.sumRow(p, n) == ReduceKernels.sum(p, n) { $0 })
        }
    }

    @Test func cMaxPropagatesNaNAnywhere() {
        for at in [0, 5, 16, 33] {
            var v = [Double](repeating: 1, count: 40)
            v[at] = .nan
            v.withUnsafeBufferPointer { b in
                guard let p = b.baseAddress else { return }
                #expect(Double.maxRow(p, 40).isNaN && Double.minRow(p, 40).isNaN)
            }
        }
    }
}

@Suite struct InnerAxisReduceTests {
    /// Reducing a leading axis in place (no transpose) equals reducing the transposed copy.
    @Test(arguments: [ReduceOp.sum, .mean, .max, .min, .prod])
    func leadingAxisMatchesTransposedLastAxis(op: ReduceOp) throws {
        var v = (0..<(300 * 700)).map { Double(($0 &* 7919) % 10007) / 5003 }
        v[5 * 700 + 3] = .nan
        let m = try Tensor(v, shape: [300, 700])
        let lead = try Tensor.reduce(op, m, axis: 0).toArray()
        let viaLast = try Tensor.reduce(op, transposed(m), axis: 1).toArray()
        #expect(lead.count == 700)
        for i in 0..<700 {
            let ok = lead[i].isNaN ? viaLast[i].isNaN : Swift.abs(lead[i] - viaLast[i]) <= 1e-12 * Swift.abs(viaLast[i])
            #expect(ok, "column \(i): \(lead[i]) vs \(viaLast[i])")
        }
        #expect(lead[3].isNaN)  // the NaN in column 3 propagates
        let t3 = try Tensor((0..<24).map(Double.init), shape: [2, 3, 4])
        let k = try Tensor.reduce(op, t3, axis: 1, keepdims: true)
        #expect(k.shape == [2, 1, 4])
    }
}

@Suite struct LongSortTests {
    /// Rows longer than one block go through the blocked merge sort: same order as a plain sort.
    @Test func longRowsSortStablyWithNaNLast() throws {
        let n = 5 * SortKernels.block + 123
        var v = (0..<n).map { Double(($0 &* 7919) % 1009) }  // many ties
        v[77] = .nan
        v[n - 5] = .nan
        let x = try Tensor(v)
        let idx = try Tensor.argsort(x).toArray().map { Int($0) }
        let expected = (0..<n).sorted { a, b in
            if v[a].isNaN || v[b].isNaN { return !v[a].isNaN && v[b].isNaN || (v[a].isNaN && v[b].isNaN && a < b) }
            return v[a] < v[b] || (v[a] == v[b] && a < b)
        }
        #expect(idx == expected)
        let s = try Tensor.sort(x).toArray()
        #expect(s[n - 1].isNaN && s[n - 2].isNaN && s[0] == 0 && s[n - 3] == 1008)
    }
}
