namespace Trial.Analysis.CostBenefit;

/// <summary>How a Table 20 line enters the per-participant cost (seed 001 §6.2).</summary>
public enum CostItemKind
{
    /// <summary>Yearly operating cost of the IPS centres.</summary>
    Operating,

    /// <summary>Start-up cost, charged once in the start year and removed from the operating cost.</summary>
    OneOff,

    /// <summary>Removed from the operating cost, e.g. double counting with NAV measures.</summary>
    Deduction,
}
