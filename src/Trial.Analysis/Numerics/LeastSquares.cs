namespace Trial.Analysis.Numerics;

/// <summary>
/// (Weighted) least squares by Householder QR. Columns that are collinear with earlier ones (dqrdc2 rule, relative
/// tolerance) are dropped and reported through <see cref="LeastSquaresSolution.Kept"/>; there is no pseudo-inverse.
/// When the cross-products are already at hand and the design is well conditioned, <see cref="TrySolveFromCrossProducts"/>
/// gives the same R factor by a Cholesky of the normal equations instead.
/// </summary>
public static class LeastSquares
{
    /// <summary>lm's default collinearity tolerance (qr tol = 1e-7).</summary>
    public const double DefaultTolerance = 1e-7;

    public static LeastSquaresSolution Solve(double[][] x, double[] y, double[]? sqrtWeights, double tolerance = DefaultTolerance)
    {
        var augmented = x.Append(y).ToArray();
        return FromFactor(TallSkinnyQr.Factor(augmented, sqrtWeights), x.Length, tolerance, LeastSquaresMethod.HouseholderQr);
    }

    /// <summary>
    /// <see cref="Solve"/> of several outcomes on the same unweighted X with one factorisation of [X y₁ … y_k]: X's
    /// reflections are computed once and applied to every outcome, and each outcome's R is exactly the one
    /// <see cref="Solve"/> gives for it alone (see <see cref="TallSkinnyQr.Factor"/>), so are its estimates.
    /// </summary>
    public static IReadOnlyList<LeastSquaresSolution> SolveMany(double[][] x, IReadOnlyList<double[]> ys, double tolerance = DefaultTolerance)
    {
        var p = x.Length;
        var q = p + 1;
        var r = TallSkinnyQr.Factor([.. x, .. ys], null, ys.Count);
        return [.. ys.Select((_, k) =>
        {
            // [X's R, column of y_k]: the (p + 1)² R of [X y_k].
            var own = new double[q * q];
            Array.Copy(r, own, p * q);
            Array.Copy(r, (p + k) * q, own, p * q, q);
            return FromFactor(own, p, tolerance, LeastSquaresMethod.HouseholderQr);
        })];
    }

    /// <summary>
    /// Largest accepted bound on the condition number of the column-scaled design, κ₂ ≤ ‖R_s‖_F‖R_s⁻¹‖_F with R_s the
    /// Cholesky factor of the correlation-scaled X'X. The normal equations lose accuracy as κ²·ε: at κ ≤ 10³ that is
    /// ≤ 10⁻¹⁰ relative, well inside the 1e-8 agreement with R that the estimators promise, and no column can meet
    /// the collinearity rule (its orthogonal part is ≥ ‖x‖/κ ≫ 10⁻⁷‖x‖), so the kept columns are those QR would keep.
    /// </summary>
    public const double CrossProductConditionLimit = 1e3;

    /// <summary>
    /// The unweighted solution from the cross-products of [X y] (row-major, (p+1)², y last) by Cholesky, or null when
    /// the scaled design's condition bound exceeds <see cref="CrossProductConditionLimit"/> or X'X is not positive
    /// definite (then use <see cref="Solve"/>, which handles collinearity). R'R = [X y]'[X y] is the same R as QR's, up
    /// to the signs of its rows, so everything downstream is shared.
    /// </summary>
    public static LeastSquaresSolution? TrySolveFromCrossProducts(double[] crossProducts, int p, double tolerance = DefaultTolerance)
    {
        var q = p + 1;
        var r = (double[])crossProducts.Clone();
        // Row-major lower Cholesky factor L of the symmetric matrix = column-major upper R = Lᵀ, the layout QR produces.
        if (!DenseTriangular.CholeskyInPlace(r, 0, q))
        {
            return null;
        }
        var inverse = InvertUpper(r, q, p);
        double inverseNorm = 0;
        for (var j = 0; j < p; j++)
        {
            for (var i = 0; i <= j; i++)
            {
                // (R D)⁻¹ = D⁻¹R⁻¹ with D = diag(X'X)^(-1/2): row i of R⁻¹ scaled by ‖x_i‖; ‖R D‖_F² = p exactly.
                var scaled = inverse[j * p + i] * Math.Sqrt(crossProducts[i * q + i]);
                inverseNorm += scaled * scaled;
            }
        }
        return Math.Sqrt(p * inverseNorm) <= CrossProductConditionLimit ? FromFactor(r, p, tolerance, LeastSquaresMethod.CholeskyOfCrossProducts) : null;
    }

    private static LeastSquaresSolution FromFactor(double[] r, int p, double tolerance, LeastSquaresMethod method)
    {
        var (kept, rq) = Householder.RankRevealing(r, p + 1, 1, tolerance);
        var k = kept.Length;
        var q = k + 1;
        var z = new double[k];
        for (var i = 0; i < k; i++)
        {
            z[i] = rq[k * q + i];
        }
        var rss = rq[k * q + k] * rq[k * q + k];
        var rInverse = InvertUpper(rq, q, k);
        var beta = new double[k];
        for (var i = 0; i < k; i++)
        {
            double s = 0;
            for (var j = i; j < k; j++)
            {
                s += rInverse[j * k + i] * z[j];
            }
            beta[i] = s;
        }
        return new LeastSquaresSolution(kept, beta, rInverse, rss, method);
    }

    /// <summary>Inverse of the leading k×k block of column-major upper-triangular <paramref name="r"/> (leading dimension ld).</summary>
    private static double[] InvertUpper(double[] r, int ld, int k)
    {
        var inv = new double[k * k];
        for (var j = 0; j < k; j++)
        {
            inv[j * k + j] = 1.0 / r[j * ld + j];
            for (var i = j - 1; i >= 0; i--)
            {
                double s = 0;
                for (var l = i + 1; l <= j; l++)
                {
                    s += r[l * ld + i] * inv[j * k + l];
                }
                inv[j * k + i] = -s / r[i * ld + i];
            }
        }
        return inv;
    }
}
