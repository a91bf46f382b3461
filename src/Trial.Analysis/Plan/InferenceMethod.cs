namespace Trial.Analysis.Plan;

public enum InferenceMethod
{
    /// <summary>An analytic variance estimator (HC or CR family) with a stated df rule.</summary>
    Sandwich,

    /// <summary>Wild cluster bootstrap (restricted), p-value and CI by test inversion.</summary>
    WildClusterBootstrap,

    Welch,
    Student,
    ChiSquare,

    /// <summary>Linear mixed model with its estimation method and df rule.</summary>
    MixedModel,
}
