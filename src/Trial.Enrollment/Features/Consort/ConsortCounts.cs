using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Consort;

/// <summary>
/// CONSORT counts derived by replaying the audit trail (the event log), never typed in: assessed; excluded by reason
/// (ineligible by coded reason, declined consent, not randomised); randomised; allocated per arm and per arm/period;
/// withdrawn per scope.
/// </summary>
internal sealed class ConsortCounts(TrialDbContext db)
{
    public async Task<IReadOnlyList<ConsortRow>> ComputeAsync(IReadOnlyCollection<string>? centres, CancellationToken cancellationToken)
    {
        var people = new Dictionary<string, Person>();
        await foreach (var e in db.AuditEntries.AsNoTracking().Where(e => e.Chain != "trial").OrderBy(e => e.Id).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            using var payload = JsonDocument.Parse(e.Payload);
            var p = payload.RootElement;
            if (e.Action == "screening.recorded")
            {
                people[e.Subject] = new Person(p.GetProperty("centre").GetString()!, p.GetProperty("eligible").GetBoolean(),
                    p.GetProperty("exclusionReason").GetString());
                continue;
            }
            if (!people.TryGetValue(e.Subject, out var person))
            {
                continue;
            }
            switch (e.Action)
            {
                case "consent.recorded":
                    person.Consent = p.GetProperty("decision").GetString();
                    break;
                case "randomisation.allocated":
                    person.Arm = p.GetProperty("arm").GetString();
                    person.Period = p.GetProperty("period").GetString();
                    break;
                case "withdrawal.recorded":
                    person.Withdrawn.Add(p.GetProperty("scope").GetString()!);
                    break;
            }
        }
        var counted = people.Values.Where(p => centres is null || centres.Contains(p.Centre)).ToList();
        var rows = new List<ConsortRow> { new("assessed", "", counted.Count) };
        rows.AddRange(counted.Select(Exclusion).OfType<string>().GroupBy(r => r).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ConsortRow("excluded", g.Key, g.Count())));
        var randomised = counted.Where(p => p.Arm is not null).ToList();
        rows.Add(new ConsortRow("randomised", "", randomised.Count));
        rows.AddRange(Grouped("allocated", randomised.Select(p => p.Arm!)));
        rows.AddRange(Grouped("allocated", randomised.Select(p => $"{p.Arm}/{p.Period}")));
        rows.AddRange(Grouped("withdrawn", counted.SelectMany(p => p.Withdrawn)));
        return rows;
    }

    public Task<IReadOnlyList<ConsortRow>> ComputeForAsync(StaffUser user, CancellationToken cancellationToken) =>
        ComputeAsync(user.Centres.Select(c => c.Value).ToList(), cancellationToken);

    private static IEnumerable<ConsortRow> Grouped(string stage, IEnumerable<string> groups) =>
        groups.GroupBy(g => g).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ConsortRow(stage, g.Key, g.Count()));

    private static string? Exclusion(Person p) => p switch
    {
        { Eligible: false } => p.ExclusionReason,
        { Consent: "declined" } => "declined-consent",
        { Arm: null } => "not-randomised",
        _ => null,
    };

    private sealed class Person(string centre, bool eligible, string? exclusionReason)
    {
        public string Centre { get; } = centre;
        public bool Eligible { get; } = eligible;
        public string? ExclusionReason { get; } = exclusionReason;
        public string? Consent { get; set; }
        public string? Arm { get; set; }
        public string? Period { get; set; }
        public HashSet<string> Withdrawn { get; } = [];
    }
}
