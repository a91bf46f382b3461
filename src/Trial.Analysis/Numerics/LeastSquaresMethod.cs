namespace Trial.Analysis.Numerics;

/// <summary>How a least-squares solution's R factor was obtained. Both give the same R up to row signs; the summary names it.</summary>
public enum LeastSquaresMethod
{
    /// <summary>Householder QR of the (weighted) design, with lm's dqrdc2 collinearity rule.</summary>
    HouseholderQr,

    /// <summary>Cholesky of the cross-products X'X, accepted only when the scaled design's condition bound is ≤ 10³.</summary>
    CholeskyOfCrossProducts,
}
