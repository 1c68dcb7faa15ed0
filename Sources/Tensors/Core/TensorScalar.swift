#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

/// The element types a ``Tensor`` can hold: `Float` (Julia `Float32`) and `Double` (Julia `Float64`).
///
/// The protocol adds the elementary functions the tensor kernels need, so generic code can call
/// them without Foundation's overload sets. `Float` and `Double` are the only conforming types.
public protocol TensorScalar: BinaryFloatingPoint, SIMDScalar, Codable, Sendable, CustomStringConvertible, LosslessStringConvertible {
    /// The Julia name of the element type, as printed in array headers (`Float32`, `Float64`).
    static var juliaName: String { get }
    /// Natural exponential.
    static func exp(_ x: Self) -> Self
    /// `exp(x) - 1`, accurate near zero.
    static func expm1(_ x: Self) -> Self
    /// Natural logarithm.
    static func log(_ x: Self) -> Self
    /// `log(1 + x)`, accurate near zero.
    static func log1p(_ x: Self) -> Self
    /// Hyperbolic tangent.
    static func tanh(_ x: Self) -> Self
    /// `x` raised to the power `y`.
    static func pow(_ x: Self, _ y: Self) -> Self
}

extension Float: TensorScalar {
    /// `"Float32"`.
    public static var juliaName: String { "Float32" }
    @inlinable public static func exp(_ x: Float) -> Float { expf(x) }
    @inlinable public static func expm1(_ x: Float) -> Float { expm1f(x) }
    @inlinable public static func log(_ x: Float) -> Float { logf(x) }
    @inlinable public static func log1p(_ x: Float) -> Float { log1pf(x) }
    @inlinable public static func tanh(_ x: Float) -> Float { tanhf(x) }
    @inlinable public static func pow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
}

extension Double: TensorScalar {
    /// `"Float64"`.
    public static var juliaName: String { "Float64" }
    @inlinable public static func exp(_ x: Double) -> Double { _exp(x) }
    @inlinable public static func expm1(_ x: Double) -> Double { _expm1(x) }
    @inlinable public static func log(_ x: Double) -> Double { _log(x) }
    @inlinable public static func log1p(_ x: Double) -> Double { _log1p(x) }
    @inlinable public static func tanh(_ x: Double) -> Double { _tanh(x) }
    @inlinable public static func pow(_ x: Double, _ y: Double) -> Double { _pow(x, y) }
}

// The C library's double-precision functions, reachable from the Double conformance without
// recursing into the static members of the same name.
@inlinable func _exp(_ x: Double) -> Double { exp(x) }
@inlinable func _expm1(_ x: Double) -> Double { expm1(x) }
@inlinable func _log(_ x: Double) -> Double { log(x) }
@inlinable func _log1p(_ x: Double) -> Double { log1p(x) }
@inlinable func _tanh(_ x: Double) -> Double { tanh(x) }
@inlinable func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
