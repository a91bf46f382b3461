namespace Trial.Analysis.Report;

/// <summary>
/// One arm's column of the CONSORT diagram. <see cref="Withdrawn"/> counts the participants per scope (one who withdrew
/// from several scopes is in each); <see cref="WithdrewAny"/> counts each of them once. The scope is the only category
/// a withdrawal has in the package: a participant's reason is their own words and never leaves the identity store.
/// </summary>
public sealed record ConsortArm(
    string Label,
    int Allocated,
    IReadOnlyList<(string Period, int Count)> ByPeriod,
    int Died,
    IReadOnlyList<ConsortOccasion> FollowUp,
    int AnalysedRegister,
    int ExcludedNoRegister,
    IReadOnlyDictionary<Withdrawals.WithdrawalScope, int> Withdrawn,
    int WithdrewAny)
{
    /// <summary>Withdrawn from data use: in the allocated count, left out of every analysis.</summary>
    public int WithdrawnDataUse => Withdrawn.GetValueOrDefault(Withdrawals.WithdrawalScope.DataUse);
}
