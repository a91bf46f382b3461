namespace Trial.Protocol.Package;

/// <summary>A list of codes the trial's protocol declares, which a package column may be restricted to.</summary>
public enum CodeListName
{
    Arms,
    Centres,
    Periods,
    ExclusionReasons,
    /// <summary>Questionnaire occasions in the package spelling (0m, 6m, 12m).</summary>
    Occasions,
    Instruments,
}
