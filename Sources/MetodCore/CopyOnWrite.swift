/// A value kept behind one reference and copied only when written while shared: for large
/// records (a document, a search entry) that a build passes through caches, sorts and tables,
/// where copying each field of each one showed in profiles. Inlinable, so that reading one
/// field from another module reads that field, not a copy of the whole value.
public struct CopyOnWrite<Value: Sendable>: Sendable {
    @usableFromInline
    final class Box: @unchecked Sendable {
        @usableFromInline var value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var box: Box

    @inlinable
    public init(_ value: Value) {
        box = Box(value)
    }

    /// The same for copies of this value until one of them is written.
    @inlinable
    public var identity: ObjectIdentifier { ObjectIdentifier(box) }

    @inlinable
    public var value: Value {
        _read { yield box.value }
        _modify {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.value) }
            yield &box.value
        }
    }
}
