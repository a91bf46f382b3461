using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Consort;

/// <summary>
/// CONSORT counts derived by replaying the audit trail (the event log), never typed in: assessed; awaiting (consent or
/// randomisation: still on the way, so not excluded); excluded by reason (ineligible by coded reason, declined consent,
/// died or withdrew before randomisation); randomised; allocated per arm and per arm/period; mistaken randomisations and
/// deaths per arm; withdrawn once per participant by the widest scope, overall and per arm (arm/scope), with the
/// combination of scopes listed.
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
                case "randomisation.allocated" or "randomisation.paper-entered":
                    person.Arm = p.GetProperty("arm").GetString();
                    person.Period = p.GetProperty("period").GetString();
                    break;
                case "randomisation.marked-mistaken":
                    person.Mistaken = true;
                    break;
                case "withdrawal.recorded":
                    if (WithdrawalEffects.Parse(p.GetProperty("scope").GetString()) is { } scope)
                    {
                        person.Withdrawn.Add(scope);
                    }
                    break;
                case "death.recorded":
                    person.Died = true;
                    break;
            }
        }
        var counted = people.Values.Where(p => centres is null || centres.Contains(p.Centre)).ToList();
        var rows = new List<ConsortRow> { new("assessed", "", counted.Count) };
        rows.AddRange(Grouped("awaiting", counted.Select(Awaiting).OfType<string>()));
        rows.AddRange(Grouped("excluded", counted.Select(Exclusion).OfType<string>()));
        var randomised = counted.Where(p => p.Arm is not null).ToList();
        rows.Add(new ConsortRow("randomised", "", randomised.Count));
        rows.AddRange(Grouped("allocated", randomised.Select(p => p.Arm!)));
        rows.AddRange(Grouped("allocated", randomised.Select(p => $"{p.Arm}/{p.Period}")));
        rows.AddRange(Grouped("mistaken", randomised.Where(p => p.Mistaken).Select(p => p.Arm!)));
        rows.AddRange(Grouped("died", randomised.Where(p => p.Died).Select(p => p.Arm!)));
        // Each participant once, by the widest scope; the combinations show what else they withdrew from.
        var withdrawn = counted.Where(p => p.Withdrawn.Count > 0).ToList();
        rows.AddRange(Grouped("withdrawn", withdrawn.Select(p => WithdrawalEffects.Code(WithdrawalEffects.Widest(p.Withdrawn)))));
        rows.AddRange(Grouped("withdrawn-scopes", withdrawn.Select(p => string.Join(';',
            p.Withdrawn.OrderByDescending(s => s == WithdrawalEffects.Widest(p.Withdrawn)).ThenBy(WithdrawalEffects.Code, StringComparer.Ordinal)
                .Select(WithdrawalEffects.Code)))));
        // Per arm as well, for CONSORT's follow-up row: the randomised who withdrew, each once by the widest scope. The
        // scope is the only category a withdrawal has; the participant's reason is their own words and stays in the identity store.
        rows.AddRange(Grouped("withdrawn", withdrawn.Where(p => p.Arm is not null)
            .Select(p => $"{p.Arm}/{WithdrawalEffects.Code(WithdrawalEffects.Widest(p.Withdrawn))}")));
        return rows;
    }

    public Task<IReadOnlyList<ConsortRow>> ComputeForAsync(StaffUser user, CancellationToken cancellationToken) =>
        ComputeAsync(user.Centres.Select(c => c.Value).ToList(), cancellationToken);

    private static IEnumerable<ConsortRow> Grouped(string stage, IEnumerable<string> groups) =>
        groups.GroupBy(g => g).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ConsortRow(stage, g.Key, g.Count()));

    /// <summary>Still on the way to randomisation: not an exclusion (yet).</summary>
    private static string? Awaiting(Person p) => p switch
    {
        { Eligible: false } or { Arm: not null } or { Died: true } => null,
        { Consent: null } => "consent",
        { Consent: "given", Withdrawn.Count: 0 } => "randomisation",
        _ => null,
    };

    private static string? Exclusion(Person p) => p switch
    {
        { Eligible: false } => p.ExclusionReason,
        { Consent: "declined" } => "declined-consent",
        { Arm: not null } => null,
        { Died: true } => "died-before-randomisation",
        { Withdrawn.Count: > 0 } => "withdrew-before-randomisation",
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
        public bool Mistaken { get; set; }
        public bool Died { get; set; }
        public HashSet<WithdrawalScope> Withdrawn { get; } = [];
    }
}
