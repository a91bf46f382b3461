namespace Trial.Analysis.Report;

/// <summary>One arm's column of the CONSORT diagram.</summary>
public sealed record ConsortArm(
    string Label,
    int Allocated,
    IReadOnlyList<(string Period, int Count)> ByPeriod,
    int Died,
    IReadOnlyList<ConsortOccasion> FollowUp,
    int AnalysedRegister,
    int ExcludedNoRegister,
    IReadOnlyDictionary<Withdrawals.WithdrawalScope, int> Withdrawn)
{
    /// <summary>Withdrawn from data use: in the allocated count, left out of every analysis.</summary>
    public int WithdrawnDataUse => Withdrawn.GetValueOrDefault(Withdrawals.WithdrawalScope.DataUse);
}
