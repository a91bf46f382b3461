using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Audit;

/// <summary>
/// Replays the audit trail into the state every participant should be in, and compares it with the tables. A value
/// changed in <c>participants</c>, <c>randomisations</c> or <c>withdrawals</c> without an audit entry (e.g. by someone
/// with database access who disabled the triggers) is named with the participant, the column and both values.
/// </summary>
internal static class StateReplay
{
    public static async Task<IReadOnlyList<AuditProblem>> CompareAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        var replayed = await ReplayAsync(db, cancellationToken);
        var participants = await db.Participants.AsNoTracking().ToDictionaryAsync(p => p.Id, cancellationToken);
        var randomisations = await db.Randomisations.AsNoTracking().ToDictionaryAsync(r => r.ParticipantId, cancellationToken);
        var withdrawals = (await db.Withdrawals.AsNoTracking().ToListAsync(cancellationToken)).ToLookup(w => w.ParticipantId);
        var differences = new List<AuditProblem>();
        foreach (var (id, expected) in replayed.OrderBy(r => r.Value.ResearchId, StringComparer.Ordinal))
        {
            void Compare<T>(string column, T actual, T audited)
            {
                if (!EqualityComparer<T>.Default.Equals(actual, audited))
                {
                    differences.Add(AuditProblem.Of(AuditProblemKind.ColumnDiffers, expected.ResearchId, id, column, actual, audited));
                }
            }
            if (!participants.TryGetValue(id, out var p))
            {
                differences.Add(AuditProblem.Of(AuditProblemKind.ParticipantDeleted, expected.ResearchId, id));
                continue;
            }
            Compare("participants.research_id", p.ResearchId, expected.ResearchId);
            Compare("participants.centre", p.Centre, expected.Centre);
            Compare("participants.eligible", p.Eligible, expected.Eligible);
            Compare("participants.exclusion_reason", p.ExclusionReason, expected.ExclusionReason);
            Compare("participants.screened_on", p.ScreenedOn, expected.ScreenedOn);
            Compare("participants.state", p.State, expected.State);
            Compare("participants.consent_form_version", p.ConsentFormVersion, expected.ConsentFormVersion);
            Compare("participants.consent_on", p.ConsentOn, expected.ConsentOn);
            Compare("participants.died_on", p.DiedOn, expected.DiedOn);
            var r = randomisations.GetValueOrDefault(id);
            if ((r is null) != (expected.Allocation is null))
            {
                differences.Add(AuditProblem.Of(r is null ? AuditProblemKind.RandomisationDeleted : AuditProblemKind.RandomisationInserted, expected.ResearchId, id));
            }
            else if (r is not null && expected.Allocation is { } a)
            {
                Compare("randomisations.arm", r.Arm, a.Arm);
                Compare("randomisations.period", r.Period, a.Period);
                Compare("randomisations.ratio", r.Ratio, a.Ratio);
                Compare("randomisations.stratum", r.Stratum, a.Stratum);
                Compare("randomisations.slot", r.Slot, a.Slot);
                Compare("randomisations.randomised_on", r.RandomisedOn, a.RandomisedOn);
                Compare("randomisations.protocol_sha256", r.ProtocolSha256, a.ProtocolSha256);
                Compare("randomisations.mistaken", r.Mistaken, expected.Mistaken);
            }
            var stored = withdrawals[id].ToDictionary(w => w.Scope, w => w.EffectiveOn);
            foreach (var scope in stored.Keys.Union(expected.Withdrawals.Keys).Distinct().Order())
            {
                var code = WithdrawalEffects.Code(scope);
                Compare($"withdrawals[{code}].effective_on", stored.TryGetValue(scope, out var s) ? s.ToString("R", null) : "(none)",
                    expected.Withdrawals.TryGetValue(scope, out var e) ? e.ToString("R", null) : "(none)");
            }
        }
        foreach (var id in participants.Keys.Where(id => !replayed.ContainsKey(id)))
        {
            differences.Add(AuditProblem.Of(AuditProblemKind.ParticipantInserted, participants[id].ResearchId, id));
        }
        foreach (var id in randomisations.Keys.Where(id => !participants.ContainsKey(id)))
        {
            differences.Add(AuditProblem.Of(AuditProblemKind.RandomisationWithoutParticipant, id));
        }
        return differences;
    }

    private static async Task<Dictionary<Guid, ReplayedParticipant>> ReplayAsync(TrialDbContext db, CancellationToken cancellationToken)
    {
        var people = new Dictionary<Guid, ReplayedParticipant>();
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(e => e.Chain != AuditTrail.TrialChain).OrderBy(e => e.Id).AsAsyncEnumerable()
                           .WithCancellation(cancellationToken))
        {
            if (!Guid.TryParse(entry.Subject, out var id))
            {
                continue;
            }
            using var payload = JsonDocument.Parse(entry.Payload);
            var p = payload.RootElement;
            if (entry.Action == "screening.recorded")
            {
                var eligible = p.GetProperty("eligible").GetBoolean();
                people[id] = new ReplayedParticipant
                {
                    ResearchId = p.GetProperty("researchId").GetString()!,
                    Centre = p.GetProperty("centre").GetString()!,
                    Eligible = eligible,
                    ExclusionReason = p.GetProperty("exclusionReason").GetString(),
                    ScreenedOn = Date(p, "screenedOn"),
                    State = eligible ? ParticipantState.Eligible : ParticipantState.Ineligible,
                };
                continue;
            }
            if (!people.TryGetValue(id, out var person))
            {
                continue;
            }
            switch (entry.Action)
            {
                case "consent.recorded":
                    person.State = p.GetProperty("decision").GetString() == "given" ? ParticipantState.Consented : ParticipantState.DeclinedConsent;
                    person.ConsentFormVersion = p.GetProperty("formVersion").GetString();
                    person.ConsentOn = Date(p, "consentedOn");
                    break;
                case "screening.corrected":
                    var after = p.GetProperty("after");
                    person.Eligible = after.GetProperty("eligible").GetBoolean();
                    person.ExclusionReason = after.GetProperty("exclusionReason").GetString();
                    person.State = Enum.Parse<ParticipantState>(p.GetProperty("state").GetString()!);
                    if (p.GetProperty("consentCleared").GetBoolean())
                    {
                        person.ConsentFormVersion = null;
                        person.ConsentOn = null;
                    }
                    break;
                case "consent.reconsented":
                    person.ConsentFormVersion = p.GetProperty("formVersion").GetString();
                    break;
                case "randomisation.allocated" or "randomisation.paper-entered":
                    person.State = ParticipantState.Randomised;
                    person.Allocation = new ReplayedAllocation(p.GetProperty("arm").GetString()!, p.GetProperty("period").GetString()!,
                        p.GetProperty("ratio").GetString()!, p.GetProperty("stratum").GetString()!,
                        p.GetProperty("slot").ValueKind == JsonValueKind.Number ? p.GetProperty("slot").GetInt32() : null,
                        Date(p, "randomisedOn"), p.GetProperty("protocolSha256").GetString()!);
                    break;
                case "randomisation.marked-mistaken":
                    person.Mistaken = true;
                    break;
                case "withdrawal.recorded":
                    if (WithdrawalEffects.Parse(p.GetProperty("scope").GetString()) is { } scope)
                    {
                        person.Withdrawals[scope] = Date(p, "effectiveOn");
                    }
                    break;
                case "death.recorded":
                    person.DiedOn = Date(p, "diedOn");
                    break;
            }
        }
        return people;
    }

    private static LocalDate Date(JsonElement payload, string property) => LocalDatePattern.Iso.Parse(payload.GetProperty(property).GetString()!).Value;
}
