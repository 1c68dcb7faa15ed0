/// Column-major `C = A·B` (m×k times k×n) into `c`, overwriting it.
///
/// Small products use a column-axpy loop (`C[:, j] += B[p, j]·A[:, p]`, which vectorises along
/// the contiguous columns). Larger ones are blocked for the caches (k in panels of `kc`, rows in
/// blocks of `mc`), pack A into row panels of 8 and B into column panels of 4, and run an 8×4
/// register-tile micro-kernel on `SIMD8` vectors, handling ragged edges through zero padding.
@inlinable func matrixMultiply<S: TensorScalar>(_ a: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                 _ c: UnsafeMutablePointer<S>, m: Int, k: Int, n: Int) {
    c.update(repeating: 0, count: m * n)
    if m == 0 || n == 0 || k == 0 { return }
    if m < 8 || n < 4 || m * n * k < 32_768 {
        for j in 0..<n {
            let cj = c + j * m
            for p in 0..<k {
                let bpj = b[p + j * k]
                if bpj == 0 { continue }
                let ap = a + p * m
                for i in 0..<m { cj[i] += bpj * ap[i] }
            }
        }
        return
    }
    let mr = 8, nr = 4, kc = 256, mc = 128
    let nPanels = (n + nr - 1) / nr
    let packedB = UnsafeMutablePointer<S>.allocate(capacity: kc * nPanels * nr)
    let packedA = UnsafeMutablePointer<S>.allocate(capacity: kc * ((mc + mr - 1) / mr) * mr)
    defer { packedB.deallocate(); packedA.deallocate() }
    var p0 = 0
    while p0 < k {
        let kb = Swift.min(kc, k - p0)
        packPanelsOfB(b, packedB, k: k, n: n, p0: p0, kb: kb, nr: nr)
        var i0 = 0
        while i0 < m {
            let mb = Swift.min(mc, m - i0)
            packPanelsOfA(a, packedA, m: m, i0: i0, mb: mb, p0: p0, kb: kb, mr: mr)
            for jp in 0..<nPanels {
                let j0 = jp * nr
                let bPanel = packedB + jp * kb * nr
                var ip = 0
                while ip * mr < mb {
                    microKernel8x4(packedA + ip * kb * mr, bPanel, kb: kb, c: c, ldc: m,
                                   row: i0 + ip * mr, rows: Swift.min(mr, mb - ip * mr),
                                   col: j0, cols: Swift.min(nr, n - j0))
                    ip += 1
                }
            }
            i0 += mb
        }
        p0 += kb
    }
}

/// Packs rows `p0..<p0+kb` of B (k×n) into panels of `nr` columns: panel `jp` holds, for each
/// `p`, the `nr` values `B[p, jp·nr ..< jp·nr + nr]`, zero-padded past column `n`.
@inlinable func packPanelsOfB<S: TensorScalar>(_ b: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                                k: Int, n: Int, p0: Int, kb: Int, nr: Int) {
    let panels = (n + nr - 1) / nr
    for jp in 0..<panels {
        let panel = out + jp * kb * nr
        for jj in 0..<nr {
            let j = jp * nr + jj
            if j < n {
                let column = b + j * k + p0
                for p in 0..<kb { panel[p * nr + jj] = column[p] }
            } else {
                for p in 0..<kb { panel[p * nr + jj] = 0 }
            }
        }
    }
}

/// Packs the block `A[i0 ..< i0+mb, p0 ..< p0+kb]` into panels of `mr` rows: panel `ip` holds,
/// for each `p`, the `mr` values `A[i0 + ip·mr ..< …+mr, p]`, zero-padded past the block.
@inlinable func packPanelsOfA<S: TensorScalar>(_ a: UnsafePointer<S>, _ out: UnsafeMutablePointer<S>,
                                                m: Int, i0: Int, mb: Int, p0: Int, kb: Int, mr: Int) {
    let panels = (mb + mr - 1) / mr
    for ip in 0..<panels {
        let panel = out + ip * kb * mr
        let rows = Swift.min(mr, mb - ip * mr)
        for p in 0..<kb {
            let column = a + (p0 + p) * m + i0 + ip * mr
            let dst = panel + p * mr
            for r in 0..<rows { dst[r] = column[r] }
            for r in rows..<mr { dst[r] = 0 }
        }
    }
}

/// `C[row..<row+rows, col..<col+cols] += Apanel·Bpanel` with an 8×4 tile of `SIMD8` accumulators.
@inlinable func microKernel8x4<S: TensorScalar>(_ aPanel: UnsafePointer<S>, _ bPanel: UnsafePointer<S>, kb: Int,
                                                 c: UnsafeMutablePointer<S>, ldc: Int,
                                                 row: Int, rows: Int, col: Int, cols: Int) {
    var c0 = SIMD8<S>(), c1 = SIMD8<S>(), c2 = SIMD8<S>(), c3 = SIMD8<S>()
    let av = UnsafeRawPointer(aPanel)
    for p in 0..<kb {
        let a = av.loadUnaligned(fromByteOffset: p * 8 * MemoryLayout<S>.stride, as: SIMD8<S>.self)
        let bp = bPanel + p * 4
        c0 += a * bp[0]
        c1 += a * bp[1]
        c2 += a * bp[2]
        c3 += a * bp[3]
    }
    for j in 0..<cols {
        let v = j == 0 ? c0 : j == 1 ? c1 : j == 2 ? c2 : c3
        let cj = c + (col + j) * ldc + row
        if rows == 8 {
            let raw = UnsafeMutableRawPointer(cj)
            raw.storeBytes(of: raw.loadUnaligned(as: SIMD8<S>.self) + v, as: SIMD8<S>.self)
        } else {
            for r in 0..<rows { cj[r] += v[r] }
        }
    }
}

/// Column-major `C = G·Bᵀ` for G m×n and B k×n (C is m×k), without forming Bᵀ: for each column
/// j of G, `C[:, p] += B[p, j]·G[:, j]`. For the small products of a backward pass.
@inlinable func multiplyByTransposeOfRight<S: TensorScalar>(_ g: UnsafePointer<S>, _ b: UnsafePointer<S>,
                                                            _ c: UnsafeMutablePointer<S>, m: Int, n: Int, k: Int) {
    c.update(repeating: 0, count: m * k)
    for j in 0..<n {
        let gj = g + j * m
        for p in 0..<k {
            let bpj = b[p + j * k]
            let cp = c + p * m
            for i in 0..<m { cp[i] += bpj * gj[i] }
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
