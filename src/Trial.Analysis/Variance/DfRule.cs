namespace Trial.Analysis.Variance;

/// <summary>
/// Reference distribution for t and F: <see cref="Residual"/> t(N−K) (lm, coeftest); <see cref="ClustersMinusOne"/>
/// t(G−1), min over cluster dimensions (Stata, fixest); <see cref="Satterthwaite"/> Bell–McCaffrey/Pustejovsky–Tipton
/// per coefficient (CR2 only, clubSandwich); <see cref="Normal"/> z.
/// </summary>
public enum DfRule
{
    Residual,
    ClustersMinusOne,
    Satterthwaite,
    Normal,
}
