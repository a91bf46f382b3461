namespace Trial.Analysis.Numerics;

/// <summary>
/// lme4's profiled deviance of a linear mixed model as a function of θ, computed with the blocked Cholesky of
/// MixedModels.jl: the first (largest) term's block of Λ'Z'ZΛ + I is a diagonal of Width×Width blocks, the
/// other terms' blocks are dense (they must be small: centres, plates, samples) and [X y] is appended as the
/// last block, so its Cholesky factor holds R_X, R_X β̂ and √(penalised RSS). Never builds a dense q×q matrix.
/// Cost per θ: O(levels·Width³ + (p+1)²·q₀) after an O(n) set-up. Not thread-safe (reuses buffers).
/// </summary>
public sealed class ProfiledDeviance
{
    /// <summary>Largest number of columns allowed for a term that is not the first (its block is dense).</summary>
    public const int MaxDenseTermColumns = 4000;

    private readonly RandomEffectsTerm[] _terms;
    private readonly int _blocks; // number of random-effects terms; block _blocks is [X y]
    private readonly int[] _size;   // rows (= columns) of block i
    private readonly double[] _a00;
    private readonly double[][][] _a;  // _a[i][j], i ≥ 1, j ≤ i, row-major _size[i] × _size[j]
    private readonly double[] _l00;
    private readonly double[][][] _l;
    private readonly double[][] _factors;
    private readonly double[] _scratch;

    /// <summary>Sets up the cross-products; <paramref name="terms"/> must be ordered by decreasing level count.</summary>
    /// <param name="x">Row-major n × p fixed-effects model matrix (full column rank).</param>
    /// <param name="y">Response, length n.</param>
    /// <param name="p">Number of fixed-effects columns.</param>
    /// <param name="terms">Random-effects terms, largest grouping factor first.</param>
    public ProfiledDeviance(double[] x, double[] y, int p, IReadOnlyList<RandomEffectsTerm> terms)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(terms);
        var n = y.Length;
        if (p < 0 || x.Length != n * p) { throw new ArgumentException($"x has {x.Length} entries; expected n ({n}) × p ({p}).", nameof(x)); }
        if (terms.Count == 0) { throw new ArgumentException("A mixed model needs at least one random-effects term.", nameof(terms)); }
        if (n <= p) { throw new ArgumentException($"There are {n} rows for {p} fixed-effects columns; need more rows than columns.", nameof(y)); }
        for (var i = 0; i < terms.Count; i++)
        {
            if (terms[i].LevelOfRow.Length != n) { throw new ArgumentException($"Term {i} has {terms[i].LevelOfRow.Length} rows; the response has {n}.", nameof(terms)); }
            if (i > 0 && terms[i].LevelCount > terms[i - 1].LevelCount) { throw new ArgumentException("Terms must be ordered by decreasing number of levels (as lme4 orders them).", nameof(terms)); }
            if (i > 0 && terms[i].ColumnCount > MaxDenseTermColumns)
            {
                throw new ArgumentException($"Term {i} has {terms[i].ColumnCount} random-effects columns; a second or later term is dense and may have at most {MaxDenseTermColumns}.", nameof(terms));
            }
        }
        _terms = [.. terms];
        _blocks = terms.Count;
        N = n;
        P = p;
        _size = new int[_blocks + 1];
        for (var i = 0; i < _blocks; i++) { _size[i] = _terms[i].ColumnCount; }
        _size[_blocks] = p + 1;
        ThetaCount = _terms.Sum(t => t.ThetaCount);
        _factors = [.. _terms.Select(t => new double[t.Width * t.Width])];

        var w0 = _terms[0].Width;
        _a00 = new double[_terms[0].LevelCount * w0 * w0];
        _l00 = new double[_a00.Length];
        _a = new double[_blocks + 1][][];
        _l = new double[_blocks + 1][][];
        for (var i = 1; i <= _blocks; i++)
        {
            _a[i] = new double[i + 1][];
            _l[i] = new double[i + 1][];
            for (var j = 0; j <= i; j++)
            {
                _a[i][j] = new double[_size[i] * _size[j]];
                _l[i][j] = new double[_size[i] * _size[j]];
            }
        }
        _scratch = new double[Math.Max(_size.Max(), w0 * w0)];
        Accumulate(x, y);
    }

    public int N { get; }
    public int P { get; }
    public int ThetaCount { get; }
    public IReadOnlyList<RandomEffectsTerm> Terms => _terms;

    /// <summary>Lower bounds of θ as lme4 sets them: 0 on diagonals of T, −∞ elsewhere.</summary>
    public double[] LowerBounds() =>
        [.. _terms.SelectMany(t => t.FreeEntries.Select(e => e.Row == e.Column ? 0.0 : double.NegativeInfinity))];

    /// <summary>lme4's start: 1 on diagonals, 0 elsewhere.</summary>
    public double[] StartingTheta() =>
        [.. _terms.SelectMany(t => t.FreeEntries.Select(e => e.Row == e.Column ? 1.0 : 0.0))];

    /// <summary>
    /// θ with every column of each T flipped so that its diagonal is non-negative; ΛΛ' and the criterion are
    /// unchanged, so this maps an unconstrained optimum onto lme4's feasible region.
    /// </summary>
    public double[] Canonical(ReadOnlySpan<double> theta)
    {
        var result = theta.ToArray();
        var offset = 0;
        foreach (var term in _terms)
        {
            for (var c = 0; c < term.Width; c++)
            {
                var diagonal = offset + IndexOf(term, c, c);
                if (result[diagonal] >= 0) { continue; }
                for (var i = 0; i < term.ThetaCount; i++)
                {
                    if (term.FreeEntries[i].Column == c) { result[offset + i] = -result[offset + i]; }
                }
            }
            offset += term.ThetaCount;
        }
        return result;
    }

    private static int IndexOf(RandomEffectsTerm term, int row, int column)
    {
        for (var i = 0; i < term.FreeEntries.Count; i++)
        {
            if (term.FreeEntries[i] == (row, column)) { return i; }
        }
        return -1;
    }

    /// <summary>Profiled deviance (ML) or REML criterion at θ, as lme4's <c>devfun(theta)</c>.</summary>
    public double Evaluate(ReadOnlySpan<double> theta, LmmCriterion criterion) => Solve(theta).Criterion(criterion);

    /// <summary>Runs the penalised least squares step at θ and returns the pieces of the criterion.</summary>
    public PlsSolution Solve(ReadOnlySpan<double> theta)
    {
        if (theta.Length != ThetaCount) { throw new ArgumentException($"θ has {theta.Length} entries; this model has {ThetaCount}.", nameof(theta)); }
        var offset = 0;
        for (var t = 0; t < _blocks; t++)
        {
            _terms[t].FillFactor(theta.Slice(offset, _terms[t].ThetaCount), _factors[t]);
            offset += _terms[t].ThetaCount;
        }
        var logDetL = FactorFirstBlock();
        for (var i = 1; i <= _blocks; i++) { FactorBelowFirstBlock(i); }
        for (var j = 1; j <= _blocks; j++)
        {
            FactorDiagonal(j);
            if (j < _blocks) { logDetL += DenseTriangular.LogDeterminantSquared(_l[j][j], 0, _size[j]); }
            for (var i = j + 1; i <= _blocks; i++) { FactorOffDiagonal(i, j); }
        }
        var last = _l[_blocks][_blocks];
        var d = last[P * (P + 1) + P];
        var rxt = new double[P * P];
        var c = new double[P];
        for (var r = 0; r < P; r++)
        {
            Array.Copy(last, r * (P + 1), rxt, r * P, r + 1);
            c[r] = last[P * (P + 1) + r];
        }
        return new PlsSolution(N, P, logDetL, DenseTriangular.LogDeterminantSquared(rxt, 0, P), d * d, rxt, c);
    }

    private void Accumulate(double[] x, double[] y)
    {
        var t0 = _terms[0];
        var w0 = t0.Width;
        var p1 = P + 1;
        var xy = new double[p1];
        for (var r = 0; r < N; r++)
        {
            Array.Copy(x, r * P, xy, 0, P);
            xy[P] = y[r];
            var g0 = t0.LevelOfRow[r];
            var z0 = r * w0;
            var block = g0 * w0 * w0;
            for (var a = 0; a < w0; a++)
            {
                for (var b = 0; b < w0; b++) { _a00[block + a * w0 + b] += t0.Values[z0 + a] * t0.Values[z0 + b]; }
            }
            for (var i = 1; i <= _blocks; i++)
            {
                for (var j = 0; j <= i; j++) { AccumulateRow(i, j, r, xy); }
            }
        }
    }

    // Adds the row's contribution z_i z_j' (or [x y] z_j') to _a[i][j].
    private void AccumulateRow(int i, int j, int r, double[] xy)
    {
        var target = _a[i][j];
        var cols = _size[j];
        var (rowStart, rowValues, rowOffset, rowWidth) = Slot(i, r, xy);
        var (colStart, colValues, colOffset, colWidth) = Slot(j, r, xy);
        for (var a = 0; a < rowWidth; a++)
        {
            var va = rowValues[rowOffset + a];
            if (va == 0) { continue; }
            var baseIndex = (rowStart + a) * cols + colStart;
            for (var b = 0; b < colWidth; b++) { target[baseIndex + b] += va * colValues[colOffset + b]; }
        }
    }

    private (int Start, double[] Values, int Offset, int Width) Slot(int block, int r, double[] xy)
    {
        if (block == _blocks) { return (0, xy, 0, P + 1); }
        var t = _terms[block];
        return (t.LevelOfRow[r] * t.Width, t.Values, r * t.Width, t.Width);
    }

    // L00_g = chol(T0' A00_g T0 + I) for every level g; returns log|L00|².
    private double FactorFirstBlock()
    {
        var w = _terms[0].Width;
        var f = _factors[0];
        var ww = w * w;
        var logDet = 0.0;
        for (var g = 0; g < _terms[0].LevelCount; g++)
        {
            var o = g * ww;
            // scratch = A00_g T0
            for (var a = 0; a < w; a++)
            {
                for (var b = 0; b < w; b++)
                {
                    var s = 0.0;
                    for (var c = b; c < w; c++) { s += _a00[o + a * w + c] * f[c * w + b]; }
                    _scratch[a * w + b] = s;
                }
            }
            for (var a = 0; a < w; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    var s = a == b ? 1.0 : 0.0;
                    for (var c = a; c < w; c++) { s += f[c * w + a] * _scratch[c * w + b]; }
                    _l00[o + a * w + b] = s;
                }
            }
            if (!DenseTriangular.CholeskyInPlace(_l00, o, w)) { throw new InvalidOperationException("Λ'Z'ZΛ + I is not positive definite; θ is not finite."); }
            logDet += DenseTriangular.LogDeterminantSquared(_l00, o, w);
        }
        return logDet;
    }

    // L[i][0] = Λi' A[i][0] Λ0 L00^{-T}, level block by level block.
    private void FactorBelowFirstBlock(int i)
    {
        var dst = _l[i][0];
        Array.Copy(_a[i][0], dst, dst.Length);
        RightMultiplyByLambda(dst, _size[i], 0);
        LeftMultiplyByLambdaTransposed(dst, _size[0], i);
        var w = _terms[0].Width;
        var q0 = _size[0];
        for (var r = 0; r < _size[i]; r++)
        {
            for (var g = 0; g < _terms[0].LevelCount; g++)
            {
                DenseTriangular.ForwardSolve(_l00, g * w * w, w, dst, r * q0 + g * w);
            }
        }
    }

    private void FactorDiagonal(int j)
    {
        var dst = _l[j][j];
        var n = _size[j];
        Array.Copy(_a[j][j], dst, dst.Length);
        RightMultiplyByLambda(dst, n, j);
        LeftMultiplyByLambdaTransposed(dst, n, j);
        if (j < _blocks)
        {
            for (var d = 0; d < n; d++) { dst[d * n + d] += 1; }
        }
        for (var k = 0; k < j; k++) { SubtractProduct(dst, _l[j][k], _l[j][k], n, n, _size[k], symmetricLower: true); }
        if (!DenseTriangular.CholeskyInPlace(dst, 0, n))
        {
            throw new InvalidOperationException(j == _blocks
                ? "The fixed-effects model matrix is rank deficient given the random effects (R_X is singular)."
                : "A random-effects block is not positive definite; θ is not finite.");
        }
    }

    private void FactorOffDiagonal(int i, int j)
    {
        var dst = _l[i][j];
        var cols = _size[j];
        Array.Copy(_a[i][j], dst, dst.Length);
        RightMultiplyByLambda(dst, _size[i], j);
        LeftMultiplyByLambdaTransposed(dst, cols, i);
        for (var k = 0; k < j; k++) { SubtractProduct(dst, _l[i][k], _l[j][k], _size[i], cols, _size[k], symmetricLower: false); }
        for (var r = 0; r < _size[i]; r++) { DenseTriangular.ForwardSolve(_l[j][j], 0, cols, dst, r * cols); }
    }

    // C -= A B' for row-major A (rows × inner) and B (cols × inner).
    private static void SubtractProduct(double[] c, double[] a, double[] b, int rows, int cols, int inner, bool symmetricLower)
    {
        for (var r = 0; r < rows; r++)
        {
            var ar = r * inner;
            var last = symmetricLower ? r + 1 : cols;
            for (var s = 0; s < last; s++)
            {
                var bs = s * inner;
                var sum = 0.0;
                for (var k = 0; k < inner; k++) { sum += a[ar + k] * b[bs + k]; }
                c[r * cols + s] -= sum;
            }
        }
    }

    // M (rows × size[block]) := M Λ_block; identity for the [X y] block.
    private void RightMultiplyByLambda(double[] m, int rows, int block)
    {
        if (block == _blocks) { return; }
        var w = _terms[block].Width;
        var f = _factors[block];
        var cols = _size[block];
        for (var r = 0; r < rows; r++)
        {
            for (var start = r * cols; start < (r + 1) * cols; start += w)
            {
                for (var b = 0; b < w; b++)
                {
                    var s = 0.0;
                    for (var a = b; a < w; a++) { s += m[start + a] * f[a * w + b]; }
                    _scratch[b] = s;
                }
                Array.Copy(_scratch, 0, m, start, w);
            }
        }
    }

    // M (size[block] × cols) := Λ_block' M; identity for the [X y] block.
    private void LeftMultiplyByLambdaTransposed(double[] m, int cols, int block)
    {
        if (block == _blocks) { return; }
        var w = _terms[block].Width;
        var f = _factors[block];
        for (var level = 0; level < _terms[block].LevelCount; level++)
        {
            var top = level * w;
            for (var col = 0; col < cols; col++)
            {
                for (var a = 0; a < w; a++)
                {
                    var s = 0.0;
                    for (var c = a; c < w; c++) { s += f[c * w + a] * m[(top + c) * cols + col]; }
                    _scratch[a] = s;
                }
                for (var a = 0; a < w; a++) { m[(top + a) * cols + col] = _scratch[a]; }
            }
        }
    }
}
