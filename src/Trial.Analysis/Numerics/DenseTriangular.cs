namespace Trial.Analysis.Numerics;

/// <summary>Small dense kernels on row-major square blocks used by the blocked mixed-model Cholesky.</summary>
internal static class DenseTriangular
{
    /// <summary>In-place lower Cholesky of the n×n row-major block at <paramref name="offset"/>; upper part is zeroed.
    /// Returns false when the block is not positive definite.</summary>
    public static bool CholeskyInPlace(double[] a, int offset, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var rowJ = offset + j * n;
            var d = a[rowJ + j];
            for (var k = 0; k < j; k++) { d -= a[rowJ + k] * a[rowJ + k]; }
            if (!(d > 0)) { return false; }
            d = Math.Sqrt(d);
            a[rowJ + j] = d;
            for (var i = j + 1; i < n; i++)
            {
                var rowI = offset + i * n;
                var s = a[rowI + j];
                for (var k = 0; k < j; k++) { s -= a[rowI + k] * a[rowJ + k]; }
                a[rowI + j] = s / d;
            }
            for (var k = j + 1; k < n; k++) { a[rowJ + k] = 0; }
        }
        return true;
    }

    /// <summary>Solves L x = b in place (x overwrites b[bOffset..bOffset+n)) for lower-triangular row-major L.</summary>
    public static void ForwardSolve(double[] l, int lOffset, int n, double[] b, int bOffset)
    {
        for (var i = 0; i < n; i++)
        {
            var s = b[bOffset + i];
            var row = lOffset + i * n;
            for (var k = 0; k < i; k++) { s -= l[row + k] * b[bOffset + k]; }
            b[bOffset + i] = s / l[row + i];
        }
    }

    /// <summary>2 Σ log diag of the lower-triangular block.</summary>
    public static double LogDeterminantSquared(double[] l, int offset, int n)
    {
        var s = 0.0;
        for (var i = 0; i < n; i++) { s += Math.Log(l[offset + i * n + i]); }
        return 2 * s;
    }
}
