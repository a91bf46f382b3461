namespace Trial.Analysis.Numerics;

/// <summary>
/// (Weighted) least squares by Householder QR — never the normal equations. Columns that are collinear with earlier
/// ones (dqrdc2 rule, relative tolerance) are dropped and reported through <see cref="LeastSquaresSolution.Kept"/>;
/// there is no pseudo-inverse.
/// </summary>
public static class LeastSquares
{
    /// <summary>lm's default collinearity tolerance (qr tol = 1e-7).</summary>
    public const double DefaultTolerance = 1e-7;

    public static LeastSquaresSolution Solve(double[][] x, double[] y, double[]? sqrtWeights, double tolerance = DefaultTolerance)
    {
        var p = x.Length;
        var augmented = x.Append(y).ToArray();
        var r = TallSkinnyQr.Factor(augmented, sqrtWeights);
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
        return new LeastSquaresSolution(kept, beta, rInverse, rss);
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
