import CKernels

/// Column-major `C = op(A)·op(B)` into `c`, overwriting it, where op(A) is m×k and op(B) is k×n.
/// `op(A)` is A itself (stored m×k) or, with `transposingA`, the transpose of the stored k×m A;
/// likewise `op(B)` is B (stored k×n) or, with `transposingB`, the transpose of the stored n×k B.
/// Transposes are read in place, never formed.
///
/// Small products use plain loops that vectorise along contiguous columns. Larger ones are
/// blocked for the caches (k in panels of `kc`, rows in blocks of `mc`), pack op(A) into row
/// panels, and run a register-tile kernel over them and op(B), which wide tiles read in place
/// (`tile`, by default `RegisterTile.preferred(forRows: m)`), handling ragged edges through zero
/// padding.
@inlinable func matrixMultiply<S: TensorScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                 _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int,
                                                 transposingA: Bool = false, transposingB: Bool = false,
                                                 tile: RegisterTile<S>? = nil) {
    precondition(!(transposingA && transposingB), "matrixMultiply: at most one factor is transposed")
    if m * n * k < 32_768 || m < 8 || n < 4 {
        if transposingA {
            multiplyByTransposeOfLeft(a, b, c, m: k, k: m, n: n)
        } else {
            multiplyColumnByColumn(a, b, brs: transposingB ? n : 1, bcs: transposingB ? 1 : k, c, m: m, k: k, n: n)
        }
        return
    }
    c.update(repeating: 0, count: m * n)
    let tile = tile ?? RegisterTile<S>.preferred(forRows: m)
    let mr = tile.rows, nr = tile.columns, kc = 256, mc = 128
    // op(B)[p, j] is b[p·brs + j·bcs]. Wide tiles read it in place; the portable one reads a copy
    // of each k panel packed by column panels (element (p, j) of panel jp at p·nr + j − jp·nr).
    let (brs, bcs) = transposingB ? (n, 1) : (1, k)
    let nPanels = (n + nr - 1) / nr
    let packedB = tile.packsB ? UnsafeMutablePointer<S>.allocate(capacity: Swift.min(kc, k) * nPanels * nr) : nil
    let packedA = UnsafeMutablePointer<S>.allocate(capacity: Swift.min(kc, k) * ((Swift.min(mc, m) + mr - 1) / mr) * mr)
    defer { packedA.deallocate(); packedB?.deallocate() }
    var p0 = 0
    while p0 < k {
        let kb = Swift.min(kc, k - p0)
        if let packedB { packPanelsOfB(b + p0 * brs, brs: brs, bcs: bcs, into: packedB, kb: kb, n: n, nr: nr) }
        var i0 = 0
        while i0 < m {
            let mb = Swift.min(mc, m - i0)
            packPanelsOfA(a, packedA, m: m, k: k, i0: i0, mb: mb, p0: p0, kb: kb, mr: mr, transposed: transposingA)
            for jp in 0..<nPanels {
                let j0 = jp * nr
                let panel: UnsafePointer<S>, rowStride: Int, columnStride: Int
                if let packedB {
                    (panel, rowStride, columnStride) = (UnsafePointer(packedB + jp * kb * nr), nr, 1)
                } else {
                    (panel, rowStride, columnStride) = (b + p0 * brs + j0 * bcs, brs, bcs)
                }
                var ip = 0
                while ip * mr < mb {
                    tile.multiplyAdd(kb, packedA + ip * kb * mr, panel, rowStride, columnStride,
                                     c + j0 * m + i0 + ip * mr, m, Swift.min(mr, mb - ip * mr), Swift.min(nr, n - j0))
                    ip += 1
                }
            }
            i0 += mb
        }
        p0 += kb
    }
}

/// Packs `kb` rows of op(B) (element (p, j) at `b[p·brs + j·bcs]`, n columns) into panels of `nr`
/// columns: panel `jp` holds, for each `p`, the `nr` values `op(B)[p, jp·nr ..< jp·nr + nr]`,
/// zero-padded past column `n`.
@inlinable func packPanelsOfB<S: TensorScalar>(_ b: UnsafePointer<S>, brs: Int, bcs: Int, into out: UnsafeMutablePointer<S>,
                                                kb: Int, n: Int, nr: Int) {
    for jp in 0..<(n + nr - 1) / nr {
        let panel = out + jp * kb * nr
        for jj in 0..<nr {
            let j = jp * nr + jj
            if j < n {
                let column = b + j * bcs
                for p in 0..<kb { panel[p * nr + jj] = column[p * brs] }
            } else {
                for p in 0..<kb { panel[p * nr + jj] = 0 }
            }
        }
    }
}

/// Column-major `C = A·op(B)` (m×k times k×n) as column axpys, `C[:, j] += op(B)[p, j]·A[:, p]`,
/// for small products, where op(B)'s element (p, j) is `b[p·brs + j·bcs]`: the loop vectorises
/// along the contiguous columns of A and C.
@inlinable func multiplyColumnByColumn<S: TensorScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>, brs: Int, bcs: Int,
                                                        _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int) {
    c.update(repeating: 0, count: m * n)
    for j in 0..<n {
        let cj = c + j * m
        for p in 0..<k {
            let bpj = b[p * brs + j * bcs]
            let ap = a + p * m
            for i in 0..<m { cj[i] += bpj * ap[i] }
        }
    }
}

/// Packs the block `op(A)[i0 ..< i0+mb, p0 ..< p0+kb]` into panels of `mr` rows: panel `ip`
/// holds, for each `p`, the `mr` values `op(A)[i0 + ip·mr ..< …+mr, p]`, zero-padded past the
/// block. op(A) is the stored m×k A, or with `transposed` the transpose of the stored k×m A.
@inlinable func packPanelsOfA<S: TensorScalar>(_ a: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                                m: Int, k: Int, i0: Int, mb: Int, p0: Int, kb: Int, mr: Int,
                                                transposed: Bool) {
    let panels = (mb + mr - 1) / mr
    for ip in 0..<panels {
        let panel = out + ip * kb * mr
        let firstRow = i0 + ip * mr, rows = Swift.min(mr, mb - ip * mr)
        if transposed {
            for r in 0..<rows {
                let row = a + (firstRow + r) * k + p0
                for p in 0..<kb { panel[p * mr + r] = row[p] }
            }
            if rows < mr {
                for p in 0..<kb { (panel + p * mr + rows).update(repeating: 0, count: mr - rows) }
            }
        } else {
            for p in 0..<kb {
                let column = a + (p0 + p) * m + firstRow
                let dst = panel + p * mr
                for r in 0..<rows { dst[r] = column[r] }
                for r in rows..<mr { dst[r] = 0 }
            }
        }
    }
}

/// `C[0..<rows, 0..<cols] += Apanel·B[0..<kb, 0..<cols]` (C column-major with leading dimension
/// `ldc`, B's element (p, j) at `b[p·brs + j·bcs]`) with an 8×4 tile of `SIMD8` accumulators: the
/// portable tile, for processors without wider vectors. Columns past `cols` read the last real
/// column again and are not stored.
@inlinable func multiplyAddTile8x4<S: TensorScalar>(kb: Int, _ aPanel: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                     brs: Int, bcs: Int,
                                                     _ c: UnsafeMutablePointer<S>, ldc: Int, rows: Int, cols: Int) {
    var c0 = SIMD8<S>(), c1 = SIMD8<S>(), c2 = SIMD8<S>(), c3 = SIMD8<S>()
    let av = UnsafeRawPointer(aPanel)
    let b0 = b, b1 = b + Swift.min(1, cols - 1) * bcs, b2 = b + Swift.min(2, cols - 1) * bcs, b3 = b + Swift.min(3, cols - 1) * bcs
    for p in 0..<kb {
        let a = av.loadUnaligned(fromByteOffset: p * 8 * MemoryLayout<S>.stride, as: SIMD8<S>.self)
        let offset = p * brs
        c0 += a * b0[offset]
        c1 += a * b1[offset]
        c2 += a * b2[offset]
        c3 += a * b3[offset]
    }
    for j in 0..<cols {
        let v = j == 0 ? c0 : j == 1 ? c1 : j == 2 ? c2 : c3
        let cj = c + j * ldc
        if rows == 8 {
            let raw = UnsafeMutableRawPointer(cj)
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<S>.self) + v, as: SIMD8<S>.self)
        } else {
            for r in 0..<rows { cj[r] += v[r] }
        }
    }
}

/// Column-major `C = Aᵀ·G` for A m×k and G m×n (C is k×n), without forming Aᵀ: each entry is
/// the dot product of a column of A with a column of G. For the small products of a backward pass.
@inlinable func multiplyByTransposeOfLeft<S: TensorScalar>(_ a: UnsafePointer<S>, _ g: UnsafePointer<S>,
                                                           _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int) {
    for j in 0..<n {
        let gj = g + j * m
        for p in 0..<k {
            let ap = a + p * m
            var dot: S = 0
            for i in 0..<m { dot += ap[i] * gj[i] }
            c[p + j * k] = dot
        }
    }
}
