/// A map keyed by object identity, tuned for the handful of arrays a model has.
///
/// Entries live in insertion order in a flat array searched linearly, which beats hashing for a
/// few keys; past `linearLimit` entries a hash index is built and kept alongside. Keys are
/// `ObjectIdentifier`s, so the map does not keep objects alive: callers that need an identifier
/// to stay unique hold the object themselves.
public struct IdentityMap<Value> {
    /// The entries, in insertion order.
    @usableFromInline var entries: [(key: ObjectIdentifier, value: Value)] = []
    /// Positions in ``entries`` by key, built once the map outgrows linear search.
    @usableFromInline var index: [ObjectIdentifier: Int] = [:]

    /// The size up to which lookups scan ``entries`` instead of hashing.
    @usableFromInline static var linearLimit: Int { 16 }

    /// An empty map with room for `capacity` entries before it reallocates.
    @inlinable public init(capacity: Int = 0) { entries.reserveCapacity(capacity) }

    /// The number of entries.
    @inlinable public var count: Int { entries.count }

    /// The values, in insertion order.
    @inlinable public var values: [Value] { entries.map(\.value) }

    /// The position of `key` in insertion order, if present.
    @inlinable func position(of key: ObjectIdentifier) -> Int? {
        if entries.count <= Self.linearLimit {
            for i in entries.indices where entries[i].key == key { return i }
            return nil
        }
        return index[key]
    }

    /// The value for `key`; setting `nil` removes the entry, setting a value inserts or replaces it.
    @inlinable public subscript(key: ObjectIdentifier) -> Value? {
        get { position(of: key).map { entries[$0].value } }
        set {
            switch (position(of: key), newValue) {
            case let (i?, value?): entries[i].value = value
            case let (i?, nil): remove(at: i)
            case let (nil, value?): append(key, value)
            case (nil, nil): break
            }
        }
    }

    /// Appends a new entry (the key must not be present).
    @inlinable mutating func append(_ key: ObjectIdentifier, _ value: Value) {
        entries.append((key, value))
        if entries.count > Self.linearLimit {
            if index.isEmpty { rebuildIndex() } else { index[key] = entries.count - 1 }
        }
    }

    /// Recomputes ``index`` from ``entries`` (empty while linear search suffices).
    @inlinable mutating func rebuildIndex() {
        index = [:]
        guard entries.count > Self.linearLimit else { return }
        for (i, entry) in entries.enumerated() { index[entry.key] = i }
    }

    /// Removes the entry at position `i`, keeping the others in order.
    @inlinable mutating func remove(at i: Int) {
        entries.remove(at: i)
        rebuildIndex()
    }

    /// Keeps only the entries whose value satisfies `isIncluded`, in order.
    @inlinable public mutating func filter(_ isIncluded: (Value) -> Bool) {
        entries.removeAll { !isIncluded($0.value) }
        rebuildIndex()
    }

    /// Removes every entry.
    @inlinable public mutating func removeAll() {
        entries.removeAll()
        index = [:]
    }
}
