namespace Trial.Analysis.Numerics;

/// <summary>
/// lme4's profiled deviance of a linear mixed model as a function of θ, computed with the blocked Cholesky of
/// MixedModels.jl: the first (largest) term's block of Λ'Z'ZΛ + I is a diagonal of Width×Width blocks, the
/// other terms' blocks are dense (they must be small: centres, plates, samples) and [X y] is appended as the
/// last block, so its Cholesky factor holds R_X, R_X β̂ and √(penalised RSS). Never builds a dense q×q matrix:
/// the first term's off-diagonal blocks are kept per level (only the levels of other terms that co-occur
/// with it) and folded into the Schur complements level by level, so they are never stored whole.
/// Cost per θ: O(levels·(Width³ + (p+1)²·Width)) after an O(n·p²) set-up; for a lone scalar term such as (1|id),
/// O(distinct group sizes · (p+1)²) (see <see cref="InterceptWeightClasses"/>). Not thread-safe (reuses buffers).
/// </summary>
public sealed class ProfiledDeviance
{
    /// <summary>Largest number of columns allowed for a term that is not the first (its block is dense).</summary>
    public const int MaxDenseTermColumns = 4000;

    private readonly RandomEffectsTerm[] _terms;
    private readonly int _blocks;  // number of random-effects terms; block _blocks is [X y]
    private readonly int[] _size;  // rows (= columns) of block i
    private readonly int _w0;
    private readonly double[] _a00;        // per level of term 0: w0 × w0
    private readonly int[][][] _cooccur;   // [i][g]: levels of term i (1 ≤ i < blocks) seen with level g of term 0
    private readonly double[][][] _a0;     // [i][g]: (|cooccur|·w_i) × w0 cross-products, i < blocks
    private readonly double[] _axy0;       // per level g of term 0: (p+1) × w0 block of [X y]'Z_0
    private readonly double[][][] _a;      // _a[i][j], 1 ≤ j ≤ i, dense _size[i] × _size[j]
    private readonly double[][][] _l;      // Schur complements, then Cholesky blocks, for 1 ≤ j ≤ i
    private readonly double[][] _factors;
    private readonly double[][] _b;        // per-level scratch: rows of L[i][0] for one level of term 0
    private readonly double[] _l00;
    private readonly double[] _scratch;
    private readonly double[] _compensation; // Kahan terms for the [X y] Schur complement (summed over many levels)
    private readonly InterceptWeightClasses? _classes; // levels of a lone scalar term grouped by Σz², when few distinct

    /// <summary>Sets up the cross-products; <paramref name="terms"/> must be ordered by decreasing level count.</summary>
    /// <param name="x">Row-major n × p fixed-effects model matrix (full column rank).</param>
    /// <param name="y">Response, length n.</param>
    /// <param name="p">Number of fixed-effects columns.</param>
    /// <param name="terms">Random-effects terms, largest grouping factor first.</param>
    public ProfiledDeviance(double[] x, double[] y, int p, IReadOnlyList<RandomEffectsTerm> terms) : this(x, y, p, terms, groupLevels: true)
    {
    }

    /// <param name="groupLevels">False folds a lone scalar term level by level even where grouping by Σz² applies, so
    /// that tests can compare the two routes at the same θ.</param>
    internal ProfiledDeviance(double[] x, double[] y, int p, IReadOnlyList<RandomEffectsTerm> terms, bool groupLevels)
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
        _w0 = _terms[0].Width;
        var levels0 = _terms[0].LevelCount;
        _a00 = new double[levels0 * _w0 * _w0];
        _l00 = new double[_w0 * _w0];
        _axy0 = new double[levels0 * (p + 1) * _w0];
        _cooccur = new int[_blocks][][];
        _a0 = new double[_blocks][][];
        _b = new double[_blocks + 1][];
        _a = new double[_blocks + 1][][];
        _l = new double[_blocks + 1][][];
        for (var i = 1; i <= _blocks; i++)
        {
            _a[i] = new double[i + 1][];
            _l[i] = new double[i + 1][];
            for (var j = 1; j <= i; j++)
            {
                _a[i][j] = new double[_size[i] * _size[j]];
                _l[i][j] = new double[_size[i] * _size[j]];
            }
        }
        var maxWidth = _terms.Max(t => t.Width);
        _scratch = new double[Math.Max(Math.Max(_size.Max(), maxWidth * maxWidth), p + 1)];
        _compensation = new double[(p + 1) * (p + 1)];
        Accumulate(x, y);
        if (groupLevels && _w0 == 1 && _blocks == 1) { _classes = InterceptWeightClasses.TryBuild(_a00, _axy0, p + 1); }
        _b[_blocks] = new double[(p + 1) * _w0];
        for (var i = 1; i < _blocks; i++)
        {
            var longest = _cooccur[i].Max(c => c.Length);
            _b[i] = new double[longest * _terms[i].Width * _w0];
        }
    }

    /// <summary>Whether each evaluation works on classes of levels with equal Σz² rather than level by level.</summary>
    internal bool GroupsLevels => _classes is not null;

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
        for (var i = 1; i <= _blocks; i++)
        {
            for (var j = 1; j <= i; j++) { InitialiseSchur(i, j); }
        }
        var logDetL = FoldFirstTerm();
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
        var p1 = P + 1;
        var xy = new double[p1];
        var slot = new Dictionary<long, int>[_blocks];
        for (var i = 1; i < _blocks; i++)
        {
            var term = _terms[i];
            var pairs = new HashSet<long>();
            for (var r = 0; r < N; r++) { pairs.Add((long)t0.LevelOfRow[r] * term.LevelCount + term.LevelOfRow[r]); }
            var lists = new List<int>[t0.LevelCount];
            for (var g = 0; g < lists.Length; g++) { lists[g] = []; }
            foreach (var pair in pairs) { lists[pair / term.LevelCount].Add((int)(pair % term.LevelCount)); }
            _cooccur[i] = new int[t0.LevelCount][];
            _a0[i] = new double[t0.LevelCount][];
            slot[i] = [];
            for (var g = 0; g < lists.Length; g++)
            {
                lists[g].Sort();
                _cooccur[i][g] = [.. lists[g]];
                _a0[i][g] = new double[lists[g].Count * term.Width * _w0];
                for (var k = 0; k < lists[g].Count; k++) { slot[i][(long)g * term.LevelCount + lists[g][k]] = k; }
            }
        }
        for (var r = 0; r < N; r++)
        {
            Array.Copy(x, r * P, xy, 0, P);
            xy[P] = y[r];
            var g0 = t0.LevelOfRow[r];
            var z0 = r * _w0;
            var block = g0 * _w0 * _w0;
            for (var a = 0; a < _w0; a++)
            {
                var za = t0.Values[z0 + a];
                for (var b = 0; b < _w0; b++) { _a00[block + a * _w0 + b] += za * t0.Values[z0 + b]; }
                var xyBlock = g0 * p1 * _w0;
                for (var c = 0; c < p1; c++) { _axy0[xyBlock + c * _w0 + a] += xy[c] * za; }
            }
            for (var i = 1; i < _blocks; i++)
            {
                var term = _terms[i];
                var k = slot[i][(long)g0 * term.LevelCount + term.LevelOfRow[r]];
                var target = _a0[i][g0];
                for (var a = 0; a < term.Width; a++)
                {
                    var va = term.Values[r * term.Width + a];
                    for (var b = 0; b < _w0; b++) { target[(k * term.Width + a) * _w0 + b] += va * t0.Values[z0 + b]; }
                }
            }
            for (var i = 1; i < _blocks; i++)
            {
                for (var j = 1; j <= i; j++) { AccumulateRow(i, j, r, xy); }
            }
            for (var j = 1; j < _blocks; j++) { AccumulateRow(_blocks, j, r, xy); }
            var xx = _a[_blocks][_blocks];
            for (var a = 0; a < p1; a++)
            {
                var va = xy[a];
                if (va == 0) { continue; }
                for (var b = 0; b <= a; b++) { xx[a * p1 + b] += va * xy[b]; }
            }
        }
        var full = _a[_blocks][_blocks];
        for (var a = 0; a < p1; a++)
        {
            for (var b = a + 1; b < p1; b++) { full[a * p1 + b] = full[b * p1 + a]; }
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

    // _l[i][j] := Λi' A[i][j] Λj (+ I on random-effects diagonal blocks).
    private void InitialiseSchur(int i, int j)
    {
        var dst = _l[i][j];
        Array.Copy(_a[i][j], dst, dst.Length);
        RightMultiplyByLambda(dst, _size[i], _size[j], j);
        LeftMultiplyByLambdaTransposed(dst, _size[j], i);
        if (i == j && i < _blocks)
        {
            for (var d = 0; d < _size[i]; d++) { dst[d * _size[i] + d] += 1; }
        }
    }

    // For every level g of term 0: L00_g = chol(T0' A00_g T0 + I), the rows of L[i][0] for that level, and
    // their products subtracted from the Schur complements. Returns log|L00|².
    private double FoldFirstTerm()
    {
        // [X y]'[X y] minus Σ over (possibly 10⁵+) levels cancels heavily (pwrss ≪ y'y); compensated sums keep
        // the criterion smooth in θ to ~1e-12 relative instead of ~1e-10, which the optimiser needs.
        Array.Clear(_compensation);
        if (_w0 == 1 && _blocks == 1) { return FoldScalarIntercepts(); }
        var w = _w0;
        var f = _factors[0];
        var logDet = 0.0;
        var blockXy = (P + 1) * w;
        for (var g = 0; g < _terms[0].LevelCount; g++)
        {
            var o = g * w * w;
            if (w == 1)
            {
                _l00[0] = Math.Sqrt(f[0] * f[0] * _a00[g] + 1);
            }
            else
            {
                FirstBlock(o, f);
            }
            logDet += DenseTriangular.LogDeterminantSquared(_l00, 0, w);
            var bx = _b[_blocks];
            Array.Copy(_axy0, g * blockXy, bx, 0, blockXy);
            ToLowerFactorRows(bx, P + 1, f);
            for (var i = 1; i < _blocks; i++)
            {
                var bi = _b[i];
                var rows = _cooccur[i][g].Length * _terms[i].Width;
                Array.Copy(_a0[i][g], bi, rows * w);
                ToLowerFactorRows(bi, rows, f);
                LeftMultiplyCompact(bi, i, _cooccur[i][g].Length);
            }
            SubtractLevelProducts(g);
        }
        return logDet;
    }

    // Fast path for a single scalar term (y ~ ... + (1|id)): each level's L00 is √(θ²a_g + 1); no copies.
    private double FoldScalarIntercepts()
    {
        var theta = _factors[0][0];
        if (_classes is not null) { return _classes.Subtract(theta, _l[1][1], _compensation, P + 1); }
        var theta2 = theta * theta;
        var p1 = P + 1;
        var dst = _l[1][1];
        var b = _b[1];
        var logDet = 0.0;
        var product = 1.0;
        for (var g = 0; g < _a00.Length; g++)
        {
            var l2 = theta2 * _a00[g] + 1;
            product *= l2;
            if (product > 1e280) { logDet += Math.Log(product); product = 1; }
            var scale = theta / Math.Sqrt(l2);
            var o = g * p1;
            for (var r = 0; r < p1; r++) { b[r] = _axy0[o + r] * scale; }
            SubtractCompensated(dst, b, p1);
        }
        return logDet + Math.Log(product);
    }

    private void FirstBlock(int o, double[] f)
    {
        var w = _w0;
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
                _l00[a * w + b] = s;
            }
        }
        if (!DenseTriangular.CholeskyInPlace(_l00, 0, w)) { throw new InvalidOperationException("Λ'Z'ZΛ + I is not positive definite; θ is not finite."); }
    }

    // Each row x (length w0) := x T0 L00_g^{-T}.
    private void ToLowerFactorRows(double[] m, int rows, double[] f)
    {
        var w = _w0;
        if (w == 1)
        {
            var scale = f[0] / _l00[0];
            for (var r = 0; r < rows; r++) { m[r] *= scale; }
            return;
        }
        for (var r = 0; r < rows; r++)
        {
            var start = r * w;
            for (var b = 0; b < w; b++)
            {
                var s = 0.0;
                for (var a = b; a < w; a++) { s += m[start + a] * f[a * w + b]; }
                _scratch[b] = s;
            }
            Array.Copy(_scratch, 0, m, start, w);
            DenseTriangular.ForwardSolve(_l00, 0, w, m, start);
        }
    }

    // Compact rows of term i (w_i per co-occurring level) := T_i' applied per level.
    private void LeftMultiplyCompact(double[] m, int i, int levels)
    {
        var wi = _terms[i].Width;
        var f = _factors[i];
        for (var level = 0; level < levels; level++)
        {
            for (var col = 0; col < _w0; col++)
            {
                for (var a = 0; a < wi; a++)
                {
                    var s = 0.0;
                    for (var c = a; c < wi; c++) { s += f[c * wi + a] * m[(level * wi + c) * _w0 + col]; }
                    _scratch[a] = s;
                }
                for (var a = 0; a < wi; a++) { m[(level * wi + a) * _w0 + col] = _scratch[a]; }
            }
        }
    }

    // Schur complements -= B_i B_j' for this level of term 0 (only co-occurring rows are non-zero).
    private void SubtractLevelProducts(int g)
    {
        var w = _w0;
        SubtractFixedEffectsProducts();
        for (var i = 1; i <= _blocks; i++)
        {
            var (rowsI, startsI, widthI) = Rows(i, g);
            for (var j = 1; j <= i; j++)
            {
                if (i == _blocks && j == _blocks) { continue; }
                var (rowsJ, startsJ, widthJ) = Rows(j, g);
                var dst = _l[i][j];
                var cols = _size[j];
                var bi = _b[i];
                var bj = _b[j];
                for (var ri = 0; ri < rowsI; ri++)
                {
                    for (var ai = 0; ai < widthI; ai++)
                    {
                        var rowI = ri * widthI + ai;
                        var targetRow = (startsI is null ? rowI : startsI[ri] * widthI + ai) * cols;
                        for (var rj = 0; rj < rowsJ; rj++)
                        {
                            for (var aj = 0; aj < widthJ; aj++)
                            {
                                var rowJ = rj * widthJ + aj;
                                var targetCol = startsJ is null ? rowJ : startsJ[rj] * widthJ + aj;
                                if (i == j && targetCol > targetRow / cols) { continue; }
                                var s = 0.0;
                                for (var c = 0; c < w; c++) { s += bi[rowI * w + c] * bj[rowJ * w + c]; }
                                dst[targetRow + targetCol] -= s;
                            }
                        }
                    }
                }
            }
        }
    }

    // The [X y] diagonal block: lower triangle of B B' for this level (the hot loop of a random-intercept model).
    private void SubtractFixedEffectsProducts()
    {
        var w = _w0;
        var p1 = P + 1;
        var b = _b[_blocks];
        var dst = _l[_blocks][_blocks];
        if (w == 1)
        {
            SubtractCompensated(dst, b, p1);
            return;
        }
        var comp = _compensation;
        for (var r = 0; r < p1; r++)
        {
            for (var c = 0; c <= r; c++)
            {
                var sum = 0.0;
                for (var k = 0; k < w; k++) { sum += b[r * w + k] * b[c * w + k]; }
                CompensatedSum.Add(dst, comp, r * p1 + c, -sum);
            }
        }
    }

    // dst -= b b' (lower triangle) with Kahan compensation.
    private void SubtractCompensated(double[] dst, double[] b, int p1)
    {
        var comp = _compensation;
        for (var r = 0; r < p1; r++)
        {
            var br = b[r];
            if (br == 0) { continue; }
            var row = r * p1;
            for (var c = 0; c <= r; c++)
            {
                CompensatedSum.Add(dst, comp, row + c, -(br * b[c]));
            }
        }
    }

    // Non-zero rows of L[i][0] for level g: (groups, level index of each group or null for [X y], rows per group).
    private (int Groups, int[]? Starts, int Width) Rows(int i, int g) =>
        i == _blocks ? (1, null, P + 1) : (_cooccur[i][g].Length, _cooccur[i][g], _terms[i].Width);

    private void FactorDiagonal(int j)
    {
        var dst = _l[j][j];
        var n = _size[j];
        for (var k = 1; k < j; k++) { SubtractProduct(dst, _l[j][k], _l[j][k], n, n, _size[k], symmetricLower: true); }
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
        for (var k = 1; k < j; k++) { SubtractProduct(dst, _l[i][k], _l[j][k], _size[i], cols, _size[k], symmetricLower: false); }
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

    // M (rows × cols) := M Λ_block; identity for the [X y] block.
    private void RightMultiplyByLambda(double[] m, int rows, int cols, int block)
    {
        if (block == _blocks) { return; }
        var w = _terms[block].Width;
        var f = _factors[block];
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
