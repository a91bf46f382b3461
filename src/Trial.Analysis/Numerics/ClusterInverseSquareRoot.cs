using MathNet.Numerics.LinearAlgebra;

namespace Trial.Analysis.Numerics;

/// <summary>
/// A_g·X_g and A_g·e_g for A_g = (I − X_g B X_gᵀ)^{-1/2} without forming the n_g×n_g matrix: with W = X_g B^{1/2} and
/// WᵀW = QΛQᵀ, A_g = I + W Q f(Λ) Qᵀ Wᵀ where f(λ) = ((1−λ)^{-1/2} − 1)/λ, so the cost is O(n_g·k²) instead of O(n_g³).
/// Eigenvalues of I − WWᵀ at or below 1e-12 are treated as zero (their inverse root set to 0), as a dense
/// pseudo-inverse square root would.
/// </summary>
public static class ClusterInverseSquareRoot
{
    public static (Matrix<double> AX, Vector<double> AE) Apply(Matrix<double> xg, Matrix<double> bread, Vector<double> eg)
    {
        var k = xg.ColumnCount;
        var evdB = bread.Evd(Symmetricity.Symmetric);
        var rootValues = evdB.EigenValues.Real().Map(v => Math.Sqrt(Math.Max(v, 0)));
        var bh = evdB.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(rootValues) * evdB.EigenVectors.Transpose();
        var s = xg.TransposeThisAndMultiply(xg);
        var p = bh * s * bh;
        var evd = p.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Real();
        var f = Vector<double>.Build.Dense(k, i =>
        {
            var l = lambda[i];
            var rest = 1 - l;
            return rest <= 1e-12 ? (l > 0 ? -1 / l : 0) : Math.Abs(l) < 1e-12 ? 0.5 : (1 / Math.Sqrt(rest) - 1) / l;
        });
        var c = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(f) * evd.EigenVectors.Transpose();
        var t = bh * c * bh;
        var ax = xg * (Matrix<double>.Build.DenseIdentity(k) + t * s);
        var ae = eg + xg * (t * xg.TransposeThisAndMultiply(eg));
        return (ax, ae);
    }
}
