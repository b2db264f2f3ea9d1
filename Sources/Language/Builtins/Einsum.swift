import Tensor

/// Two-operand `einsum` ("bij,bjk->bik", "bhqd,bhkd->bhqk", …) reduced to a transpose,
/// a reshape and one batched matmul per operand pair, so it is differentiable wherever those
/// are. Letters in both operands and the output are batch axes; in both operands only,
/// contracted; in one operand and the output, free; in one operand only, summed first.
struct EinsumPlan {
    /// Axis permutations putting each operand in (batch, free, contracted) / (batch, contracted, free) order.
    var permA: [Int], permB: [Int]
    /// Axes of each operand summed away before the product (letters in neither the other operand nor the output).
    var sumA: [Int], sumB: [Int]
    /// The 3-D shapes (batch, m, k) and (batch, k, n) for the matmul.
    var shapeA: [Int], shapeB: [Int]
    /// The product's shape with every batch, free-A and free-B axis spelt out.
    var expanded: [Int]
    /// The permutation from that expanded order to the output's letter order.
    var outPerm: [Int]

    /// Parses `spec` for operands of the given shapes; errors are sentences for the user.
    init(_ spec: String, _ sa: [Int], _ sb: [Int]) throws(TensorError) {
        let compact = spec.filter { $0 != " " }
        let sides = compact.components(separatedBy: "->")
        guard sides.count == 2 else {
            throw .invalidArgument("einsum needs an explicit output, e.g. \"ij,jk->ik\", got \"\(spec)\"")
        }
        let inputs = sides[0].split(separator: ",", omittingEmptySubsequences: false).map { Array($0) }
        guard inputs.count == 2 else {
            throw .invalidArgument("einsum takes two operands here (\"ab,bc->ac\"), the spec \"\(spec)\" has \(inputs.count)")
        }
        let la = inputs[0], lb = inputs[1], lo = Array(sides[1])
        for l in la + lb + lo where !(l.isLetter && l.isASCII) {
            throw .invalidArgument("einsum subscripts are ASCII letters; \"\(l)\" is not (no \"...\" either)")
        }
        for (name, ls) in [("first operand", la), ("second operand", lb), ("output", lo)] where Set(ls).count != ls.count {
            throw .invalidArgument("einsum: a letter repeats in the \(name) (\"\(String(ls))\"); diagonals are not supported")
        }
        guard la.count == sa.count else {
            throw .invalidArgument("einsum: \"\(String(la))\" names \(la.count) axes but the first operand has shape \(Shape.describe(sa))")
        }
        guard lb.count == sb.count else {
            throw .invalidArgument("einsum: \"\(String(lb))\" names \(lb.count) axes but the second operand has shape \(Shape.describe(sb))")
        }
        for l in lo where !la.contains(l) && !lb.contains(l) {
            throw .invalidArgument("einsum: output letter \"\(l)\" is in neither operand")
        }
        var size: [Character: Int] = [:]
        for (l, n) in zip(la, sa) { size[l] = n }
        for (l, n) in zip(lb, sb) {
            if let m = size[l], m != n {
                throw .invalidArgument("einsum: \"\(l)\" is \(m) in the first operand but \(n) in the second")
            }
            size[l] = n
        }
        let batch = lo.filter { la.contains($0) && lb.contains($0) }
        let freeA = lo.filter { la.contains($0) && !lb.contains($0) }
        let freeB = lo.filter { lb.contains($0) && !la.contains($0) }
        let contracted = la.filter { lb.contains($0) && !lo.contains($0) }
        let sA = la.indices.filter { !lb.contains(la[$0]) && !lo.contains(la[$0]) }
        let sB = lb.indices.filter { !la.contains(lb[$0]) && !lo.contains(lb[$0]) }
        sumA = sA
        sumB = sB
        let keptA = la.enumerated().filter { !sA.contains($0.offset) }.map(\.element)
        let keptB = lb.enumerated().filter { !sB.contains($0.offset) }.map(\.element)
        func prod(_ ls: [Character]) -> Int { ls.reduce(1) { $0 * (size[$1] ?? 1) } }
        permA = (batch + freeA + contracted).compactMap { keptA.firstIndex(of: $0) }
        permB = (batch + contracted + freeB).compactMap { keptB.firstIndex(of: $0) }
        shapeA = [prod(batch), prod(freeA), prod(contracted)]
        shapeB = [prod(batch), prod(contracted), prod(freeB)]
        let order = batch + freeA + freeB
        expanded = order.map { size[$0] ?? 1 }
        outPerm = lo.compactMap { order.firstIndex(of: $0) }
    }
}

extension Registry {
    /// `einsum(spec, a, b)` on plain or tracked tensors.
    static func einsum(_ a: Args) throws(Unwind) -> Value {
        let spec = a.string(0)
        let x = a.value(1), y = a.value(2)
        if x.isTracked || y.isTracked {
            guard let p = GradDispatch.variable(x), let q = GradDispatch.variable(y) else {
                throw a.fail("einsum needs two tensors")
            }
            return .tracked(try a.run { () throws(TensorError) -> Variable in
                let plan = try EinsumPlan(spec, p.value.shape, q.value.shape)
                var u = p, w = q
                for ax in plan.sumA.reversed() { u = try Variable.reduce(.sum, u, axis: ax) }
                for ax in plan.sumB.reversed() { w = try Variable.reduce(.sum, w, axis: ax) }
                let prod = try Variable.matmul(u.transpose(axes: plan.permA).reshape(plan.shapeA),
                                               w.transpose(axes: plan.permB).reshape(plan.shapeB))
                return try prod.reshape(plan.expanded).transpose(axes: plan.outPerm)
            })
        }
        guard let p = Conversions.asTensor(x), let q = Conversions.asTensor(y) else { throw a.fail("einsum needs two tensors") }
        return Conversions.result(try a.run { () throws(TensorError) -> Tensor in
            let plan = try EinsumPlan(spec, p.shape, q.shape)
            var u = try p.numeric(), w = try q.numeric()
            for ax in plan.sumA.reversed() { u = try Tensor.reduce(.sum, u, axis: ax) }
            for ax in plan.sumB.reversed() { w = try Tensor.reduce(.sum, w, axis: ax) }
            let prod = try Tensor.matmul(u.transpose(axes: plan.permA).reshape(plan.shapeA),
                                         w.transpose(axes: plan.permB).reshape(plan.shapeB))
            return try prod.reshape(plan.expanded).transpose(axes: plan.outPerm).contiguous()
        })
    }
}
