/// A map keyed by object identity, tuned for the handful of arrays a model has.
///
/// Keys live in insertion order in a flat array searched linearly, which beats hashing for a
/// few keys; past `linearLimit` entries a hash index is built and kept alongside. Keys are
/// `ObjectIdentifier`s, so the map does not keep objects alive: callers that need an identifier
/// to stay unique hold the object themselves.
public struct IdentityMap<Value> {
    /// The keys, in insertion order; the scan for a key reads only these.
    @usableFromInline var keys: [ObjectIdentifier] = []
    /// The values, at the positions of their keys.
    @usableFromInline var storedValues: [Value] = []
    /// Positions in ``keys`` by key, built once the map outgrows linear search.
    @usableFromInline var index: [ObjectIdentifier: Int] = [:]

    /// The size up to which lookups scan ``keys`` instead of hashing.
    @usableFromInline static var linearLimit: Int { 16 }

    /// An empty map with room for `capacity` entries before it reallocates.
    @inlinable public init(capacity: Int = 0) {
        keys.reserveCapacity(capacity)
        storedValues.reserveCapacity(capacity)
    }

    /// The number of entries.
    @inlinable public var count: Int { keys.count }

    /// The values, in insertion order.
    @inlinable public var values: [Value] { storedValues }

    /// The position of `key` in insertion order, if present; read or change its value in place
    /// with ``subscript(position:)``.
    @inlinable public func position(of key: ObjectIdentifier) -> Int? {
        if keys.count <= Self.linearLimit {
            return keys.withUnsafeBufferPointer { k in
                for i in 0..<k.count where k[i] == key { return i }
                return nil
            }
        }
        return index[key]
    }

    /// The value at a position returned by ``position(of:)``, accessed in place.
    @inlinable public subscript(position i: Int) -> Value {
        get { storedValues[i] }
        _modify { yield &storedValues[i] }
    }

    /// The value for `key`; setting `nil` removes the entry, setting a value inserts or replaces it.
    @inlinable public subscript(key: ObjectIdentifier) -> Value? {
        get { position(of: key).map { storedValues[$0] } }
        set {
            switch (position(of: key), newValue) {
            case let (i?, value?): storedValues[i] = value
            case let (i?, nil): remove(at: i)
            case let (nil, value?): append(key, value)
            case (nil, nil): break
            }
        }
    }

    /// Appends a new entry (the key must not be present).
    @inlinable mutating func append(_ key: ObjectIdentifier, _ value: Value) {
        keys.append(key)
        storedValues.append(value)
        if keys.count > Self.linearLimit {
            if index.isEmpty { rebuildIndex() } else { index[key] = keys.count - 1 }
        }
    }

    /// Recomputes ``index`` from ``keys`` (empty while linear search suffices).
    @inlinable mutating func rebuildIndex() {
        index = [:]
        guard keys.count > Self.linearLimit else { return }
        for (i, key) in keys.enumerated() { index[key] = i }
    }

    /// Removes the entry at position `i`, keeping the others in order.
    @inlinable mutating func remove(at i: Int) {
        keys.remove(at: i)
        storedValues.remove(at: i)
        rebuildIndex()
    }

    /// Keeps only the entries whose value satisfies `isIncluded`, in order.
    @inlinable public mutating func filter(_ isIncluded: (Value) -> Bool) {
        let kept = storedValues.indices.filter { isIncluded(storedValues[$0]) }
        keys = kept.map { keys[$0] }
        storedValues = kept.map { storedValues[$0] }
        rebuildIndex()
    }

    /// Removes every entry.
    @inlinable public mutating func removeAll() {
        keys.removeAll()
        storedValues.removeAll()
        index = [:]
    }
}
