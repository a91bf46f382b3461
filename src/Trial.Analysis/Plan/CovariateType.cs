namespace Trial.Analysis.Plan;

public enum CovariateType
{
    /// <summary>A numeric column used as is.</summary>
    Number,

    /// <summary>1 when the column equals the given level, else 0.</summary>
    Indicator,

    /// <summary>A categorical column, dummy-coded against the reference level.</summary>
    Factor,
}
