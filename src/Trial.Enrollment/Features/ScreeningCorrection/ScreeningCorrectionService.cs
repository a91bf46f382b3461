using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.ScreeningCorrection;

/// <summary>
/// Corrects a wrongly entered screening before randomisation and evaluates eligibility again. The research store and
/// the audit trail get the reason's code and the values before and after; the free text goes to the identity store.
/// A correction that changes nothing (e.g. a second submit of the same form) is refused, so it is never recorded twice.
/// </summary>
internal sealed class ScreeningCorrectionService(TrialDbContext db, TrialProtocol protocol, TrialCalendar calendar, AuditTrail audit, PersonNotes notes,
    OrganisationAccess access)
{
    public async Task CorrectAsync(ParticipantId id, ScreeningCorrectionRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var code = RequestFields.OneOf(request.ReasonCode, "reasonCode", CorrectionReasons.Codes)
                   ?? throw RejectedException.Invalid("reasonCode", "required", $"Give the reason's code: one of {string.Join(", ", CorrectionReasons.Codes)}.");
        var note = string.IsNullOrWhiteSpace(request.Note) ? null : RequestFields.Text(request.Note, "note", 500);
        var answers = request.Answers ?? throw RejectedException.Invalid("answers", "required", "Give the corrected answer to every yes/no criterion.");
        // The same field rules as at screening: a NAV user may not record the clinical severity.
        var (severity, education) = ScreeningClassification.Of(request.Severity, request.Education, user, access);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (participant, transition) = await ParticipantLocks.LockForVerbAsync(db, access, id, user, ParticipantVerb.CorrectScreening,
            LockedChange.Recruitment, cancellationToken);
        // The stored age, not the fødselsnummer: the age criterion is judged on the screening date as before.
        var eligibility = EligibilityEvaluation.Evaluate(protocol, participant.AgeAtScreening, answers);
        var before = ScreeningValues.Of(participant);
        var after = new ScreeningValues(answers, severity ?? before.Severity, education ?? before.Education, eligibility.Eligible,
            eligibility.ExclusionReason, eligibility.FailedCriteria);
        if (after.SameAs(before))
        {
            throw RejectedException.Conflict("correction-changes-nothing", "The correction gives the values already recorded; nothing was changed.");
        }
        var state = ParticipantTransitions.Stored(eligibility.Eligible ? transition.Target!.Value : transition.IfIneligible!.Value);
        var consentCleared = state == ParticipantState.Ineligible && participant.ConsentOn is not null;
        if (consentCleared)
        {
            // An excluded person's consent no longer leads to randomisation; if a later correction includes them again,
            // consent is asked for again. The consent recorded stays in the audit trail.
            participant.ConsentFormVersion = null;
            participant.ConsentOn = null;
            participant.ConsentTakenBy = null;
            participant.RegisterLinkageConsent = false;
            participant.ReconsentedOn = null;
        }
        var correctionId = Guid.NewGuid();
        var today = calendar.Today;
        participant.Screening = System.Text.Json.JsonSerializer.Serialize(new { answers, failed = eligibility.FailedCriteria });
        participant.Severity = after.Severity;
        participant.Education = after.Education;
        participant.Eligible = eligibility.Eligible;
        participant.ExclusionReason = eligibility.ExclusionReason;
        participant.State = state;
        participant.ScreeningCorrectedOn = today;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "screening.corrected", id.ToString(), new
        {
            correctionId,
            reasonCode = code,
            correctedOn = today.ToString("R", null),
            before = before.ForAudit(),
            after = after.ForAudit(),
            state = state.ToString(),
            consentCleared,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await notes.AddAsync(id.Value, NoteKind.ScreeningCorrection, correctionId, note, user.UserId, cancellationToken);
    }
}
