namespace Trial.Analysis.Numerics;

/// <summary>Which profiled criterion a linear mixed model optimises.</summary>
public enum LmmCriterion
{
    /// <summary>Restricted maximum likelihood (lme4 <c>REML = TRUE</c>, the default).</summary>
    Reml,

    /// <summary>Maximum likelihood (lme4 <c>REML = FALSE</c>); needed for likelihood-ratio tests of fixed effects.</summary>
    MaximumLikelihood,
}
