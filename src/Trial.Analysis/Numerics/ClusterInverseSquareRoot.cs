using MathNet.Numerics.LinearAlgebra;

namespace Trial.Analysis.Numerics;

/// <summary>
/// A_g·X_g for A_g = (I − X_g B X_gᵀ)^{-1/2} as X_g·M_g with a k×k M_g, from the cluster's Gram matrix S_g = X_gᵀX_g
/// alone: with W = X_g B^{1/2} and WᵀW = B^{1/2} S_g B^{1/2} = QΛQᵀ, A_g = I + W Q f(Λ) Qᵀ Wᵀ where
/// f(λ) = ((1−λ)^{-1/2} − 1)/λ, so A_g X_g = X_g (I + T S_g) with T = B^{1/2} Q f(Λ) Qᵀ B^{1/2}. Nothing n_g×n_g (or even
/// n_g×k) is formed. Eigenvalues of I − WWᵀ at or below 1e-12 are treated as zero (their inverse root set to 0), as a
/// dense pseudo-inverse square root would.
/// </summary>
public static class ClusterInverseSquareRoot
{
    /// <summary>B^{1/2} (symmetric square root of the bread), shared by every cluster.</summary>
    public static Matrix<double> RootOf(Matrix<double> bread)
    {
        var evd = bread.Evd(Symmetricity.Symmetric);
        var rootValues = evd.EigenValues.Real().Map(v => Math.Sqrt(Math.Max(v, 0)));
        return evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(rootValues) * evd.EigenVectors.Transpose();
    }

    /// <summary>M_g = I + T S_g, so that A_g X_g = X_g M_g.</summary>
    public static Matrix<double> Factor(Matrix<double> gram, Matrix<double> breadRoot)
    {
        var k = gram.RowCount;
        var p = breadRoot * gram * breadRoot;
        var evd = p.Evd(Symmetricity.Symmetric);
        var lambda = evd.EigenValues.Real();
        var f = Vector<double>.Build.Dense(k, i =>
        {
            var l = lambda[i];
            var rest = 1 - l;
            return rest <= 1e-12 ? (l > 0 ? -1 / l : 0) : Math.Abs(l) < 1e-12 ? 0.5 : (1 / Math.Sqrt(rest) - 1) / l;
        });
        var c = evd.EigenVectors * Matrix<double>.Build.DenseOfDiagonalVector(f) * evd.EigenVectors.Transpose();
        var t = breadRoot * c * breadRoot;
        return Matrix<double>.Build.DenseIdentity(k) + t * gram;
    }
}
