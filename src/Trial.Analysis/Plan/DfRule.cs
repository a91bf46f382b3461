namespace Trial.Analysis.Plan;

/// <summary>Degrees of freedom for t-based inference.</summary>
public enum DfRule
{
    /// <summary>Not applicable (bootstrap, χ²).</summary>
    None,

    /// <summary>N − K.</summary>
    Residual,

    /// <summary>G − 1 for G clusters (Stata, fixest).</summary>
    ClustersMinusOne,

    /// <summary>Satterthwaite: Bell–McCaffrey for CR2, lmerTest for mixed models.</summary>
    Satterthwaite,
}
