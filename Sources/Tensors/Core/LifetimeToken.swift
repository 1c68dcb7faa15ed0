/// An empty object a tensor owns alone, created on first request, so that something can follow
/// the tensor's lifetime through a weak reference to the token.
///
/// Optimiser state (`IdDict`) is keyed by tensor identity and must notice when a tensor is freed
/// (its `ObjectIdentifier` may then be reused). A Swift weak reference to the tensor itself would
/// move every later retain and release of that tensor — a parameter, touched constantly — onto
/// the slow side-table path; a weak reference to its token costs nothing on the tensor.
public final class LifetimeToken: Sendable {
    /// A new token.
    @inlinable public init() {}
}

extension Tensor {
    /// This tensor's lifetime token (created on first use): it lives exactly as long as the tensor.
    @inlinable public var lifetimeToken: LifetimeToken {
        if let token { return token }
        let new = LifetimeToken()
        token = new
        return new
    }
}
