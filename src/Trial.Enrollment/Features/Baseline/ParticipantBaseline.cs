using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Baseline;

/// <summary>
/// Records the protocol's baseline form for a consented participant (before or after randomisation, e.g. typed in
/// later from paper). Every submission stores each field anew, so the history of corrections is kept. Each user records
/// and sees only the fields the protocol's fieldAccess gives their kind of organisation.
/// </summary>
internal sealed class ParticipantBaseline(TrialDbContext db, TrialProtocol protocol, TrialCalendar calendar, AuditTrail audit, IClock clock, OrganisationAccess access)
{
    public async Task RecordAsync(ParticipantId id, BaselineRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        // Only the fields the user's organisation may record are parsed and stored; the others keep their values.
        foreach (var field in (request.Values ?? []).Keys.Where(k => protocol.Baseline.Field(k) is not null))
        {
            access.RequireRecord(user, "baseline." + field, "values." + field);
        }
        var answers = BaselineRequestValues.Parse(protocol.Baseline, request.Values, f => access.MayRecord(user, "baseline." + f.Code));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, access, id, user, cancellationToken);
        await TrialLocks.RequireAsync(db, LockedChange.DataEntry, cancellationToken);
        if (!Accepts(participant.State))
        {
            throw RejectedException.Conflict("not-consented", $"The baseline form is recorded for consented participants; this one is {participant.State}.");
        }
        var on = RequestFields.DateBetween(request.RecordedOn, "recordedOn", participant.ScreenedOn, calendar.Today, "the screening date");
        var now = clock.GetCurrentInstant();
        db.BaselineAnswers.AddRange(answers.Select(a => new BaselineAnswerRecord
        {
            ParticipantId = id.Value, Field = a.Key, Value = a.Value, RecordedOn = on, RecordedBy = user.UserId, RecordedAt = now,
        }));
        await db.SaveChangesAsync(cancellationToken);
        // The audit names the fields, not the answers: health data stay in one table.
        await audit.AppendAsync(db, participant.Centre, user.UserId, "baseline.recorded", id.ToString(),
            new { recordedOn = on.ToString("R", null), known = answers.Where(a => a.Value is not null).Select(a => a.Key).ToList() }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The baseline form is for consented participants, before or after randomisation (pages offer it only then).</summary>
    public static bool Accepts(ParticipantState state) => state is ParticipantState.Consented or ParticipantState.Randomised;

    public async Task<BaselineView> ReadAsync(ParticipantId id, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager, StaffRole.Statistician);
        var participant = await db.Participants.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id.Value, cancellationToken)
                          ?? throw RejectedException.NotFound("The participant");
        user.RequireCentre(CentreCode.Parse(participant.Centre));
        access.RequireSeesPerson(user, participant);
        var found = (await LatestAsync(db, [id.Value], cancellationToken)).TryGetValue(id.Value, out var latest);
        var (shown, hidden) = (protocol.Baseline.Fields.Where(f => access.MaySee(user, "baseline." + f.Code)).ToList(),
            protocol.Baseline.Fields.Where(f => !access.MaySee(user, "baseline." + f.Code)).Select(f => f.Code).ToList());
        return new BaselineView(participant.ResearchId, found ? latest.RecordedOn.ToString("R", null) : null,
            shown.ToDictionary(f => f.Code, f => found ? latest.Answers.GetValueOrDefault(f.Code) : null), hidden);
    }

    /// <summary>Each participant's latest answer per field, and the day of the latest form.</summary>
    public static async Task<Dictionary<Guid, (LocalDate RecordedOn, Dictionary<string, string?> Answers)>> LatestAsync(
        TrialDbContext db, IReadOnlyCollection<Guid>? participants, CancellationToken cancellationToken)
    {
        var query = db.BaselineAnswers.AsNoTracking();
        if (participants is not null)
        {
            query = query.Where(a => participants.Contains(a.ParticipantId));
        }
        var rows = await query.OrderBy(a => a.Id).ToListAsync(cancellationToken);
        return rows.GroupBy(a => a.ParticipantId).ToDictionary(g => g.Key, g => (
            g.Last().RecordedOn,
            g.GroupBy(a => a.Field, StringComparer.Ordinal).ToDictionary(f => f.Key, f => f.Last().Value, StringComparer.Ordinal)));
    }
}
