namespace Trial.Analysis.CostBenefit;

/// <summary>What the effect's confidence interval says about the critical wage.</summary>
public enum BoundKind
{
    /// <summary>The effect's CI is above zero: the critical wage lies in a finite interval.</summary>
    Bounded,

    /// <summary>The effect's CI includes zero: no finite upper bound; no wage can be ruled out as too low a requirement.</summary>
    UnboundedAbove,

    /// <summary>The whole CI is at or below zero: no wage breaks even.</summary>
    NoBreakEven,
}
