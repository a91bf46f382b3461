using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Consent;

/// <summary>Records consent given or declined, with the form version, the date and who took it.</summary>
internal sealed class ParticipantConsent(TrialDbContext db, TrialProtocol protocol, TrialCalendar calendar, AuditTrail audit, OrganisationAccess access)
{
    public async Task RecordAsync(ParticipantId id, ConsentRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var decision = RequestFields.OneOf(request.Decision, "decision", "given", "declined")
                       ?? throw RejectedException.Invalid("decision", "required", "Give 'given' or 'declined'.");
        var version = RequestFields.Text(request.FormVersion, "formVersion", 20);
        var form = protocol.FindConsentForm(version)
                   ?? throw RejectedException.Invalid("formVersion", "known-form-version",
                       $"'{version}' is not a consent form version; use one of {string.Join(", ", protocol.ConsentForms.Select(f => f.Version))}.");
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var participant = await ParticipantLocks.LockForChangeAsync(db, access, id, user, cancellationToken);
        await TrialLocks.RequireAsync(db, LockedChange.Recruitment, cancellationToken);
        var on = RequestFields.DateBetween(request.ConsentedOn, "consentedOn", participant.ScreenedOn, calendar.Today, "the screening date");
        if (on < form.ValidFrom)
        {
            throw RejectedException.Invalid("formVersion", "form-in-force", $"Form {form.Version} is valid from {form.ValidFrom}, after {on}.");
        }
        // A new consent is taken on the form in force on its date: a superseded form would at once need a re-consent,
        // and the person would have agreed to text the trial no longer uses.
        if (protocol.ConsentFormOn(on) is { } inForce && inForce.Version != form.Version)
        {
            throw RejectedException.Invalid("formVersion", "form-superseded",
                $"Form {form.Version} was superseded by form {inForce.Version} on {inForce.ValidFrom:R}; a consent on {on:R} is given on {inForce.Version}.");
        }
        ParticipantTransitions.Require(participant, decision == "given" ? ParticipantVerb.GiveConsent : ParticipantVerb.DeclineConsent);
        participant.State = decision == "given" ? ParticipantState.Consented : ParticipantState.DeclinedConsent;
        participant.ConsentFormVersion = form.Version;
        participant.ConsentOn = on;
        participant.ConsentTakenBy = user.UserId;
        participant.RegisterLinkageConsent = decision == "given" && request.RegisterLinkage;
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(db, participant.Centre, user.UserId, "consent.recorded", id.ToString(),
            new { decision, formVersion = form.Version, consentedOn = on.ToString("R", null), registerLinkage = participant.RegisterLinkageConsent },
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
