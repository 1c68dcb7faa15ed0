import CKernels

/// The register-tile kernel a matrix product runs over its packed panels, and the tile's shape.
///
/// `multiplyAdd(kb, aPanel, b, brs, bcs, c, ldc, rows, cols)` adds `Apanel·B[0..<kb, 0..<cols]` to
/// the top-left `rows`×`cols` corner of C (column-major, leading dimension `ldc`), where `aPanel`
/// holds the tile's `rows` values of A per step (zero-padded past `rows`) and B's element (p, j)
/// is `b[p·brs + j·bcs]`, so that B can be read in place, by columns or transposed.
///
/// `runnable` lists, found once per process, the tiles the processor runs: the portable 8×4
/// `SIMD8` tile, then AVX2 with FMA (16×6 Float, 8×6 Double) and AVX-512 (32×6, 16×6) from the
/// `CKernels` target, which compiles just those functions for those instruction sets, as far as
/// the processor (and `FLUX_VECTOR_LEVEL`, which can only lower the level) allows. `preferred` is
/// the widest; `preferred(forRows:)` a narrower one for a short product. The wide tiles accumulate
/// with fused multiply-adds, so their sums can differ from the portable tile's in the last bit;
/// each product's terms are still added in the order of k.
@usableFromInline struct RegisterTile<S: TensorScalar>: Sendable {
    /// Rows of C a tile computes (values of A per packed step).
    @usableFromInline let rows: Int
    /// Columns of C a tile computes (values of B per packed step).
    @usableFromInline let columns: Int
    /// Whether the tile runs faster on B packed by column panels (strides `columns` and 1) than on
    /// B in place: true for the portable tile, whose narrow vectors leave time for the copy.
    @usableFromInline let packsB: Bool
    /// `(kb, aPanel, b, brs, bcs, c, ldc, rows, cols)`: accumulates one tile into C.
    @usableFromInline let multiplyAdd: @Sendable (Int, UnsafePointer<S>, UnsafePointer<S>, Int, Int,
                                                  UnsafeMutablePointer<S>, Int, Int, Int) -> Void

    @inlinable init(rows: Int, columns: Int, packsB: Bool = false,
                    multiplyAdd: @escaping @Sendable (Int, UnsafePointer<S>, UnsafePointer<S>, Int, Int,
                                                      UnsafeMutablePointer<S>, Int, Int, Int) -> Void) {
        self.rows = rows
        self.columns = columns
        self.packsB = packsB
        self.multiplyAdd = multiplyAdd
    }

    /// The portable tile: 8×4 on `SIMD8` vectors, whatever the processor.
    @inlinable static var portable: RegisterTile {
        RegisterTile(rows: 8, columns: 4, packsB: true) { kb, a, b, brs, bcs, c, ldc, rows, cols in
            multiplyAddTile8x4(kb: kb, a, b, brs: brs, bcs: bcs, c, ldc: ldc, rows: rows, cols: cols)
        }
    }

    /// Every tile this processor runs for `S`, narrowest first: the portable one, then the wide
    /// ones the processor supports.
    @inlinable static var runnable: [RegisterTile] {
        // When S is Float (Double), RegisterTile<S> is RegisterTile<Float> (<Double>): same layout.
        if S.self == Float.self { return unsafeBitCast(floatTiles, to: [RegisterTile].self) }
        if S.self == Double.self { return unsafeBitCast(doubleTiles, to: [RegisterTile].self) }
        return [portable]
    }

    /// The widest tile this processor runs for `S` (see the type's description).
    @inlinable static var preferred: RegisterTile { runnable[runnable.count - 1] }

    /// The tile for a product with `m` rows: the widest whose rows are at most twice `m`, so that
    /// a short product (the 10 logits of a classifier) does not spend most of a wide tile on the
    /// zero padding.
    @inlinable static func preferred(forRows m: Int) -> RegisterTile {
        let tiles = runnable
        return tiles.last { $0.rows <= 2 * m } ?? tiles[0]
    }
}

/// The processor's vector level as `CKernels` reports it: 0 none, 1 AVX2 + FMA, 2 AVX-512F.
@usableFromInline let vectorLevel = Int(flux_vector_level())

/// The Float tiles this processor runs, narrowest first.
@usableFromInline let floatTiles: [RegisterTile<Float>] = {
    var tiles = [RegisterTile<Float>.portable]
    if vectorLevel >= 1 { tiles.append(RegisterTile(rows: 16, columns: 6) { flux_tile_f32_avx2($0, $1, $2, $3, $4, $5, $6, $7, $8) }) }
    if vectorLevel >= 2 { tiles.append(RegisterTile(rows: 32, columns: 6) { flux_tile_f32_avx512($0, $1, $2, $3, $4, $5, $6, $7, $8) }) }
    return tiles
}()

/// The Double tiles this processor runs, narrowest first.
@usableFromInline let doubleTiles: [RegisterTile<Double>] = {
    var tiles = [RegisterTile<Double>.portable]
    if vectorLevel >= 1 { tiles.append(RegisterTile(rows: 8, columns: 6) { flux_tile_f64_avx2($0, $1, $2, $3, $4, $5, $6, $7, $8) }) }
    if vectorLevel >= 2 { tiles.append(RegisterTile(rows: 16, columns: 6) { flux_tile_f64_avx512($0, $1, $2, $3, $4, $5, $6, $7, $8) }) }
    return tiles
}()
