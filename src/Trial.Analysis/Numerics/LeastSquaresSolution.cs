namespace Trial.Analysis.Numerics;

/// <summary>
/// Result of <see cref="LeastSquares.Solve"/>: kept column indices, coefficients of the kept columns, the inverse of
/// their R factor (k×k upper triangular, column-major; (X'WX)⁻¹ = R⁻¹R⁻ᵀ) and the weighted residual sum of squares.
/// </summary>
/// <param name="Method">How the R factor was obtained, which every fit summary names.</param>
public sealed record LeastSquaresSolution(int[] Kept, double[] Beta, double[] RInverse, double Rss, LeastSquaresMethod Method)
{
    /// <summary>(X'WX)⁻¹ of the kept columns, k×k row-major as [i, j].</summary>
    public double[,] Bread()
    {
        var k = Kept.Length;
        var b = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = i; j < k; j++)
            {
                double s = 0;
                for (var l = Math.Max(i, j); l < k; l++)
                {
                    s += RInverse[l * k + i] * RInverse[l * k + j];
                }
                b[i, j] = s;
                b[j, i] = s;
            }
        }
        return b;
    }
}
