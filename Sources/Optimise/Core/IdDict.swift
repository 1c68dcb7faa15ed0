import Tensors

/// Per-parameter optimiser state keyed by the parameter's identity (Julia's `IdDict` as Flux
/// optimisers use it), which does not keep its parameters alive.
///
/// Every lookup checks that the entry belongs to this very tensor, not just to its address: an
/// `ObjectIdentifier` is reused as soon as an object is freed, so without the check a new tensor
/// allocated at the same address would silently inherit the old one's momentum. The check uses
/// the tensor's ``LifetimeToken``, held weakly, so the state of a parameter that is gone
/// does not keep it alive, and such dead entries are pruned as the dictionary grows (Flux's
/// strong `IdDict` leaks them).
///
/// A user-defined rule keeps its state the same way:
/// ```swift
/// let v = velocity.get(x, default: x.zerosLike())   // Julia get!(o.velocity, x, zero(x))
/// ```
public final class IdDict {
    @usableFromInline struct Entry {
        @usableFromInline weak var token: LifetimeToken?
        @usableFromInline var value: AnyObject
        @inlinable init(token: LifetimeToken, value: AnyObject) { self.token = token; self.value = value }
    }

    @exclusivity(unchecked) @usableFromInline var entries = IdentityMap<Entry>()
    /// The entry count above which the next insertion prunes dead entries.
    @usableFromInline var pruneThreshold = 64

    /// An empty dictionary.
    public init() {}

    /// The value stored for `key`, or `nil` if there is none (or it belonged to a freed tensor).
    @inlinable public func value<K: TensorProtocol, V: AnyObject>(for key: K, as type: V.Type = V.self) -> V? {
        guard let i = entries.position(of: ObjectIdentifier(key)),
              entries[position: i].token === key.lifetimeToken else { return nil }
        return entries[position: i].value as? V
    }

    /// The value for `key`, inserting `make()` first if there is none (Julia `get!(d, key, default)`).
    @inlinable public func get<K: TensorProtocol, V: AnyObject>(_ key: K, default make: @autoclosure () -> V) -> V {
        let token = key.lifetimeToken
        if let i = entries.position(of: ObjectIdentifier(key)), entries[position: i].token === token {
            return unsafeDowncast(entries[position: i].value, to: V.self)
        }
        let value = make()
        insert(value, for: ObjectIdentifier(key), token: token)
        return value
    }

    /// Stores `value` for `key`, replacing any previous value.
    @inlinable public func set<K: TensorProtocol>(_ value: AnyObject, for key: K) {
        insert(value, for: ObjectIdentifier(key), token: key.lifetimeToken)
    }

    /// Removes the value for `key`, if any.
    public func remove<K: TensorProtocol>(_ key: K) {
        let id = ObjectIdentifier(key)
        if entries[id]?.token === key.lifetimeToken { entries[id] = nil }
    }

    /// Removes every entry.
    public func removeAll() { entries.removeAll() }

    /// The number of entries whose tensor is still alive.
    public var count: Int { entries.values.reduce(0) { $0 + ($1.token == nil ? 0 : 1) } }

    /// The values of the entries whose tensor is still alive, in insertion order.
    public var liveValues: [AnyObject] {
        entries.values.compactMap { $0.token == nil ? nil : $0.value }
    }

    /// Drops the entries of tensors that no longer exist.
    public func prune() {
        entries.filter { $0.token != nil }
        pruneThreshold = Swift.max(64, 2 * entries.count)
    }

    @usableFromInline func insert(_ value: AnyObject, for id: ObjectIdentifier, token: LifetimeToken) {
        if entries.count >= pruneThreshold { prune() }
        entries[id] = Entry(token: token, value: value)
    }
}

/// A mutable box for a value kept per parameter in an ``IdDict`` (counters, β powers).
public final class Box<Value> {
    /// The boxed value.
    public var value: Value
    /// Boxes `value`.
    @inlinable public init(_ value: Value) { self.value = value }
}
