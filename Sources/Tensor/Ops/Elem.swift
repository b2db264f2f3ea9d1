import CKernels
import Foundation

/// The element types kernels are generic over (`Double` and `Float`). Each requirement maps
/// to the libm function of the right precision, or to the vectorisable versions in FastMath.
protocol Elem: BinaryFloatingPoint, Sendable {
    static var dtype: DType { get }
    static func pointer(_ s: Storage) -> UnsafeMutablePointer<Self>
    static func mexp(_ x: Self) -> Self
    /// `o[i] = exp(x[i])` over a contiguous row with the C kernels (AVX2/AVX-512 when available).
    static func expRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    /// `o[i] = log(x[i])` / `log1p(x[i])` over a contiguous row with the C kernels.
    static func logRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    static func log1pRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    /// `o[i] = tanh / sigmoid / silu (x[i])` over a contiguous row with the C kernels.
    static func tanhRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    static func sigmoidRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    static func siluRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    static func geluRow(_ x: UnsafePointer<Self>, _ o: UnsafeMutablePointer<Self>, _ n: Int)
    /// Pairwise sum / NaN-propagating max / min of a contiguous row with the C kernels.
    static func sumRow(_ x: UnsafePointer<Self>, _ n: Int) -> Self
    static func maxRow(_ x: UnsafePointer<Self>, _ n: Int) -> Self
    static func minRow(_ x: UnsafePointer<Self>, _ n: Int) -> Self
    static func mlog(_ x: Self) -> Self
    static func mlog1p(_ x: Self) -> Self
    static func msin(_ x: Self) -> Self
    static func mcos(_ x: Self) -> Self
    static func mtanh(_ x: Self) -> Self
    /// Exact GELU x·Φ(x) = x/2·erfc(-x/√2) (Float evaluates in Double: erfc's argument is sensitive).
    static func mgelu(_ x: Self) -> Self
    static func mpow(_ x: Self, _ y: Self) -> Self
    static func mfmod(_ x: Self, _ y: Self) -> Self
    init(_ x: Double)
    var double: Double { get }
}

extension Double: Elem {
    static var dtype: DType { .f64 }
    @inline(__always) static func pointer(_ s: Storage) -> UnsafeMutablePointer<Double> { s.f64 }
    @inline(__always) static func mexp(_ x: Double) -> Double { FastMath.exp(x) }
    @inline(__always) static func expRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        dtr_exp_f64(x, o, n)
    }
    @inline(__always) static func tanhRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        dtr_tanh_f64(x, o, n)
    }
    @inline(__always) static func sigmoidRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        dtr_sigmoid_f64(x, o, n)
    }
    @inline(__always) static func siluRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        dtr_silu_f64(x, o, n)
    }
    @inline(__always) static func logRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        dtr_log_f64(x, o, n)
    }
    @inline(__always) static func log1pRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        dtr_log1p_f64(x, o, n)
    }
    @inline(__always) static func sumRow(_ x: UnsafePointer<Double>, _ n: Int) -> Double { dtr_sum_f64(x, n) }
    @inline(__always) static func maxRow(_ x: UnsafePointer<Double>, _ n: Int) -> Double { dtr_max_f64(x, n) }
    @inline(__always) static func minRow(_ x: UnsafePointer<Double>, _ n: Int) -> Double { dtr_min_f64(x, n) }
    @inline(__always) static func mlog(_ x: Double) -> Double { Foundation.log(x) }
    @inline(__always) static func mlog1p(_ x: Double) -> Double { Foundation.log1p(x) }
    @inline(__always) static func msin(_ x: Double) -> Double { Foundation.sin(x) }
    @inline(__always) static func mcos(_ x: Double) -> Double { Foundation.cos(x) }
    @inline(__always) static func mtanh(_ x: Double) -> Double { Foundation.tanh(x) }
    @inline(__always) static func mgelu(_ x: Double) -> Double { 0.5 * x * Foundation.erfc(x * -0.7071067811865476) }
    @inline(__always) static func geluRow(_ x: UnsafePointer<Double>, _ o: UnsafeMutablePointer<Double>, _ n: Int) {
        for i in 0..<n { o[i] = mgelu(x[i]) }
    }
    @inline(__always) static func mpow(_ x: Double, _ y: Double) -> Double { Foundation.pow(x, y) }
    @inline(__always) static func mfmod(_ x: Double, _ y: Double) -> Double { Foundation.fmod(x, y) }
    @inline(__always) var double: Double { self }
}

extension Float: Elem {
    static var dtype: DType { .f32 }
    @inline(__always) static func pointer(_ s: Storage) -> UnsafeMutablePointer<Float> { s.f32 }
    @inline(__always) static func mexp(_ x: Float) -> Float { FastMath.exp(x) }
    @inline(__always) static func expRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_exp_f32(x, o, n)
    }
    @inline(__always) static func tanhRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_tanh_f32(x, o, n)
    }
    @inline(__always) static func sigmoidRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_sigmoid_f32(x, o, n)
    }
    @inline(__always) static func siluRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_silu_f32(x, o, n)
    }
    @inline(__always) static func logRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_log_f32(x, o, n)
    }
    @inline(__always) static func log1pRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_log1p_f32(x, o, n)
    }
    @inline(__always) static func sumRow(_ x: UnsafePointer<Float>, _ n: Int) -> Float { dtr_sum_f32(x, n) }
    @inline(__always) static func maxRow(_ x: UnsafePointer<Float>, _ n: Int) -> Float { dtr_max_f32(x, n) }
    @inline(__always) static func minRow(_ x: UnsafePointer<Float>, _ n: Int) -> Float { dtr_min_f32(x, n) }
    @inline(__always) static func mlog(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) static func mlog1p(_ x: Float) -> Float { Foundation.log1p(x) }
    @inline(__always) static func msin(_ x: Float) -> Float { Foundation.sin(x) }
    @inline(__always) static func mcos(_ x: Float) -> Float { Foundation.cos(x) }
    @inline(__always) static func mtanh(_ x: Float) -> Float { Foundation.tanh(x) }
    /// f32 GELU from the vectorised C kernel (its erfc is a fitted double-precision form, not
    /// libm's), the same for strided and contiguous data.
    @inline(__always) static func mgelu(_ x: Float) -> Float { dtr_gelu_one_f32(x) }
    @inline(__always) static func geluRow(_ x: UnsafePointer<Float>, _ o: UnsafeMutablePointer<Float>, _ n: Int) {
        dtr_gelu_f32(x, o, n)
    }
    @inline(__always) static func mpow(_ x: Float, _ y: Float) -> Float { Foundation.pow(x, y) }
    @inline(__always) static func mfmod(_ x: Float, _ y: Float) -> Float { Foundation.fmod(x, y) }
    @inline(__always) var double: Double { Double(self) }
}
