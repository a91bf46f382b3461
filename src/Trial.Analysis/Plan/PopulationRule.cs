namespace Trial.Analysis.Plan;

/// <summary>How a population is selected from the randomised participants.</summary>
public enum PopulationRule
{
    /// <summary>Everyone randomised, analysed by randomised arm (intention to treat).</summary>
    AllRandomised,

    /// <summary>Everyone randomised whose age at randomisation is at least the plan's minimum.</summary>
    MinimumAge,
}
