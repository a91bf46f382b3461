namespace Trial.Analysis.Report;

/// <summary>One arm's column of the CONSORT diagram.</summary>
public sealed record ConsortArm(
    string Label,
    int Allocated,
    IReadOnlyList<(string Period, int Count)> ByPeriod,
    int Died,
    IReadOnlyList<ConsortOccasion> FollowUp,
    int AnalysedRegister,
    int ExcludedNoRegister);
