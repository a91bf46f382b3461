using Trial.Analysis.Run;

namespace Trial.Analysis.Report;

/// <summary>CONSORT 2010 counts derived from the package and register data (never typed in).</summary>
public sealed record ConsortFlow(
    int Assessed,
    IReadOnlyList<(string Reason, int Count)> NotEligible,
    int Declined,
    int Randomised,
    IReadOnlyList<ConsortArm> Arms)
{
    public int Excluded => NotEligible.Sum(e => e.Count) + Declined;

    public static ConsortFlow From(StudyData d)
    {
        var screening = d.Package.Screening;
        var arms = new[] { true, false }.Select(treated =>
        {
            var people = d.Randomised.Where(p => p.Treated == treated).ToList();
            var analysed = d.Participants.Where(p => p.Treated == treated).ToList();
            var ids = people.Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
            var occasions = d.Occasions.Where(o => ids.Contains(o.Participant)).ToList();
            var withdrawals = d.Package.Withdrawals.Where(w => ids.Contains(w.Participant)).ToList();
            var scopes = withdrawals.GroupBy(w => w.Scope)
                .ToDictionary(g => g.Key, g => g.Select(w => w.Participant).Distinct(StringComparer.Ordinal).Count());
            var followup = new[] { "6m", "12m" }.Select(occ => new ConsortOccasion(occ,
                occasions.Count(o => o.Occasion == occ && o.Status == "completed"),
                occasions.Where(o => o.Occasion == occ && o.Status != "completed")
                    .GroupBy(o => o.Status == "cancelled" && o.Reason.Length > 0 ? o.Reason : o.Status, StringComparer.Ordinal)
                    .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList())).ToList();
            return new ConsortArm(d.ArmLabel(treated), people.Count,
                people.GroupBy(p => p.Record.Period, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).ToList(),
                people.Count(p => p.Record.DiedOn is not null),
                followup,
                analysed.Count(p => p.HasRegisterData),
                analysed.Count(p => !p.HasRegisterData),
                scopes,
                withdrawals.Select(w => w.Participant).Distinct(StringComparer.Ordinal).Count());
        }).ToList();
        return new ConsortFlow(
            screening.Count,
            screening.Where(s => !s.Eligible).GroupBy(s => s.ExclusionReason, StringComparer.Ordinal).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList(),
            screening.Count(s => s.Eligible && s.Consent == "declined"),
            d.Randomised.Count,
            arms);
    }
}
