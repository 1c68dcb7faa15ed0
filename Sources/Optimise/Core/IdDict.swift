import Tensors

/// Per-parameter optimiser state keyed by the parameter's identity (Julia's `IdDict` as Flux
/// optimisers use it), holding each parameter **weakly**.
///
/// Every lookup checks the stored parameter with `===`: an `ObjectIdentifier` is reused as soon
/// as an object is freed, so without the check a new tensor allocated at the same address would
/// silently inherit the old one's momentum. Because the key is weak, the state of a parameter
/// that is gone does not keep it alive, and such dead entries are pruned as the dictionary grows
/// (Flux's strong `IdDict` leaks them).
///
/// A user-defined rule keeps its state the same way:
/// ```swift
/// let v = velocity.get(x, default: x.zerosLike())   // Julia get!(o.velocity, x, zero(x))
/// ```
public final class IdDict {
    @usableFromInline struct Entry {
        @usableFromInline weak var key: AnyObject?
        @usableFromInline var value: AnyObject
        @inlinable init(key: AnyObject, value: AnyObject) { self.key = key; self.value = value }
    }

    @exclusivity(unchecked) @usableFromInline var entries: [ObjectIdentifier: Entry] = [:]
    /// The entry count above which the next insertion prunes dead entries.
    @usableFromInline var pruneThreshold = 64

    /// An empty dictionary.
    public init() {}

    /// The value stored for `key`, or `nil` if there is none (or the stored parameter is gone).
    @inlinable public func value<V: AnyObject>(for key: AnyObject, as type: V.Type = V.self) -> V? {
        guard let entry = entries[ObjectIdentifier(key)], entry.key === key else { return nil }
        return entry.value as? V
    }

    /// The value for `key`, inserting `make()` first if there is none (Julia `get!(d, key, default)`).
    @inlinable public func get<V: AnyObject>(_ key: AnyObject, default make: @autoclosure () -> V) -> V {
        let id = ObjectIdentifier(key)
        if let entry = entries[id], entry.key === key {
            return unsafeDowncast(entry.value, to: V.self)
        }
        let value = make()
        insert(value, for: key)
        return value
    }

    /// Stores `value` for `key`, replacing any previous value.
    @inlinable public func set(_ value: AnyObject, for key: AnyObject) { insert(value, for: key) }

    /// Removes the value for `key`, if any.
    public func remove(_ key: AnyObject) {
        let id = ObjectIdentifier(key)
        if entries[id]?.key === key { entries[id] = nil }
    }

    /// Removes every entry.
    public func removeAll() { entries.removeAll() }

    /// The number of entries whose parameter is still alive.
    public var count: Int { entries.values.reduce(0) { $0 + ($1.key == nil ? 0 : 1) } }

    /// The live `(parameter, value)` pairs, in no particular order.
    public var liveEntries: [(key: AnyObject, value: AnyObject)] {
        entries.values.compactMap { e in e.key.map { ($0, e.value) } }
    }

    /// Drops the entries of parameters that no longer exist.
    public func prune() {
        entries = entries.filter { $0.value.key != nil }
        pruneThreshold = Swift.max(64, 2 * entries.count)
    }

    @usableFromInline func insert(_ value: AnyObject, for key: AnyObject) {
        if entries.count >= pruneThreshold { prune() }
        entries[ObjectIdentifier(key)] = Entry(key: key, value: value)
    }
}

/// A mutable box for a value kept per parameter in an ``IdDict`` (counters, β powers).
public final class Box<Value> {
    /// The boxed value.
    public var value: Value
    /// Boxes `value`.
    @inlinable public init(_ value: Value) { self.value = value }
}
