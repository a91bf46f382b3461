using NodaTime;
using Trial.Analysis.Package;
using Trial.Analysis.Register;

namespace Trial.Analysis.Withdrawals;

/// <summary>
/// Applies the withdrawals scope by scope (protocol/data-package.md): who is analysed at all, which register months may
/// be linked, and which questionnaire answers may be used.
/// </summary>
public sealed class WithdrawalFilter
{
    /// <summary>Dates in the package are on this calendar; a completed_at instant is compared as a date in it.</summary>
    private static readonly DateTimeZone TrialZone = DateTimeZoneProviders.Tzdb["Europe/Oslo"];

    private readonly HashSet<string> dataUse;
    private readonly Dictionary<string, int> registerCutoff;
    private readonly Dictionary<string, LocalDate> collectionCutoff;

    public WithdrawalFilter(IReadOnlyList<Withdrawal> withdrawals)
    {
        dataUse = withdrawals.Where(w => w.Scope == WithdrawalScope.DataUse).Select(w => w.Participant).ToHashSet(StringComparer.Ordinal);
        registerCutoff = withdrawals.Where(w => w.Scope == WithdrawalScope.RegisterLinkage && w.EffectiveOn is not null)
            .ToDictionary(w => w.Participant, w => RegisterExtract.MonthIndex(w.EffectiveOn!.Value.Year, w.EffectiveOn.Value.Month), StringComparer.Ordinal);
        collectionCutoff = withdrawals.Where(w => w.Scope == WithdrawalScope.DataCollection && w.EffectiveOn is not null)
            .ToDictionary(w => w.Participant, w => w.EffectiveOn!.Value, StringComparer.Ordinal);
    }

    public bool WithdrewDataUse(string participant) => dataUse.Contains(participant);

    /// <summary>Whether a register month may be analysed: not after data-use withdrawal, and wholly before a register-linkage withdrawal.</summary>
    public bool KeepRegisterMonth(string participant, int month) =>
        !dataUse.Contains(participant) && (!registerCutoff.TryGetValue(participant, out var cutoff) || month < cutoff);

    /// <summary>
    /// Whether an occasion's answers may be used: completed (as a Europe/Oslo date) before the data-collection withdrawal.
    /// Without a completion time the baseline counts as given at randomisation and a later occasion on its due date; with
    /// neither the answer is dropped, because it cannot be shown to precede the withdrawal.
    /// </summary>
    public bool KeepAnswer(string participant, string occasion, OccasionRecord? record, LocalDate randomisedOn)
    {
        if (dataUse.Contains(participant))
        {
            return false;
        }
        if (!collectionCutoff.TryGetValue(participant, out var cutoff))
        {
            return true;
        }
        LocalDate? answered = record?.CompletedAt is { } at ? at.InZone(TrialZone).Date : occasion == "0m" ? randomisedOn : record?.DueOn;
        return answered is { } date && date < cutoff;
    }

    /// <summary>Answers withdrawn from use, marked on their occasion so CONSORT and the attrition table see them as not available.</summary>
    public const string WithdrawnStatus = "withdrawn";

    public const string WithdrawnReason = "data-collection-withdrawn";
}
