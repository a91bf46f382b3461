namespace Trial.Followup.Instruments;

/// <summary>How a scale's raw (possibly prorated) sum is reported.</summary>
public enum ScaleTransform
{
    /// <summary>The sum as is.</summary>
    None,
    /// <summary>(sum − lowest possible) / (highest − lowest) × 100, e.g. WHODAS 2.0 12-item simple score on 0–100.</summary>
    PercentOfRange,
}
