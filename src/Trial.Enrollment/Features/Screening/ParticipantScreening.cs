using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Screening;

/// <summary>
/// Records one screening: identifiers into the identity store, the pseudonymous record and its eligibility into the
/// research store, with an audit entry. Every field is checked before anything is written.
/// </summary>
internal sealed class ParticipantScreening(TrialDbContext db, IdentityStoreContext identities, TrialProtocol protocol, TrialCalendar calendar, AuditTrail audit,
    PersonVault vault, OrganisationAccess access)
{
    /// <summary>A valid check digit on a birth date nobody alive can have means a mistyped (or made-up) number.</summary>
    private const int MaxAgeYears = 120;

    public async Task<ScreeningResponse> ScreenAsync(ScreeningRequest request, StaffUser user, CancellationToken cancellationToken)
    {
        user.RequireRole(Followup.Access.StaffRole.Coordinator, Followup.Access.StaffRole.TrialManager);
        var centre = RequestFields.Centre(protocol, request.Centre, "centre");
        user.RequireCentre(centre);
        var organisation = Organisation(request.Organisation, user, centre);
        var trialStart = protocol.ConsentForms.Min(f => f.ValidFrom);
        var screenedOn = RequestFields.DateBetween(request.ScreenedOn, "screenedOn", trialStart, calendar.Today, "the trial's first consent form");
        var person = request.Person ?? throw RejectedException.Invalid("person", "required", "The person's name and fødselsnummer are required.");
        var name = RequestFields.Text(person.Name, "person.name", 200);
        if (!NationalIdNumber.TryParse(person.NationalId, out var nationalId, out var idError))
        {
            throw RejectedException.Invalid("person.nationalId", "fodselsnummer", idError);
        }
        if (nationalId.BirthDate > calendar.Today || nationalId.BirthDate < calendar.Today.PlusYears(-MaxAgeYears))
        {
            throw RejectedException.Invalid("person.nationalId", "fodselsnummer-birth-date",
                $"The fødselsnummer gives a date of birth in the future or more than {MaxAgeYears} years ago; the number is mistyped.");
        }
        var email = ContactAddresses.Email(person.Email, "person.email");
        var phone = ContactAddresses.Phone(person.Phone, "person.phone");
        var language = RequestFields.OneOf(person.Language, "person.language", "nb-NO", "en") ?? "nb-NO";
        var (severity, education) = ScreeningClassification.Of(request.Severity, request.Education, user, access);
        var age = EligibilityEvaluation.AgeOn(nationalId.BirthDate, screenedOn);
        var eligibility = EligibilityEvaluation.Evaluate(protocol, age, request.Answers ?? []);

        // Before the identity store is written, so a refusal writes nothing; checked again in the transaction below.
        await TrialLocks.RequireAsync(db, LockedChange.Recruitment, cancellationToken);
        var id = ParticipantId.New();
        await AddPersonAsync(new PersonIdentity(id.Value, nationalId.Value, name, phone, email, language), centre, user, cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await TrialLocks.RequireAsync(db, LockedChange.Recruitment, cancellationToken);
            var participant = new ParticipantRecord
            {
                Id = id.Value,
                ResearchId = await ResearchIds.NextAsync(db, cancellationToken),
                Centre = centre.Value,
                Organisation = organisation.Value,
                ScreenedOn = screenedOn,
                ScreenedBy = user.UserId,
                AgeAtScreening = age,
                Sex = nationalId.IsMale ? "male" : "female",
                Eligible = eligibility.Eligible,
                ExclusionReason = eligibility.ExclusionReason,
                Screening = System.Text.Json.JsonSerializer.Serialize(new { answers = request.Answers, failed = eligibility.FailedCriteria }),
                Severity = severity,
                Education = education,
                State = eligibility.Eligible ? ParticipantState.Eligible : ParticipantState.Ineligible,
            };
            db.Participants.Add(participant);
            await db.SaveChangesAsync(cancellationToken);
            await audit.AppendAsync(db, centre.Value, user.UserId, "screening.recorded", id.ToString(), new
            {
                researchId = participant.ResearchId,
                centre = centre.Value,
                organisation = organisation.Value,
                screenedOn = screenedOn.ToString("R", null),
                eligible = eligibility.Eligible,
                exclusionReason = eligibility.ExclusionReason,
                failed = eligibility.FailedCriteria,
                participant.Sex,
                age = participant.AgeAtScreening,
            }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new ScreeningResponse(id.Value, participant.ResearchId, eligibility.Eligible, eligibility.ExclusionReason, eligibility.FailedCriteria);
        }
        catch
        {
            // The research write failed: remove the identity row so no orphaned identifiers remain.
            await identities.Persons.Where(p => p.ParticipantId == id.Value).ExecuteDeleteAsync(CancellationToken.None);
            await identities.PersonKeys.Where(k => k.ParticipantId == id.Value).ExecuteDeleteAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>
    /// The screening is recorded as the user's own organisation (their account's), never one the request names: a body
    /// naming another is refused, and so is a user whose organisation does not serve the centre.
    /// </summary>
    private OrganisationCode Organisation(string? value, StaffUser user, CentreCode centre)
    {
        if (value is not null && value != user.Organisation.Value)
        {
            throw RejectedException.Invalid("organisation", "own-organisation",
                $"You act as your own organisation ({user.Organisation}); '{value}' cannot be chosen. Leave organisation out.");
        }
        var organisation = protocol.FindOrganisation(user.Organisation);
        if (organisation is null || !organisation.Centres.Contains(centre))
        {
            throw RejectedException.ForbiddenField(AccessRefusal.Organisation, "centre", "organisation-of-centre", $"Your organisation '{user.Organisation}' does not serve centre '{centre}'.");
        }
        return organisation.Code;
    }

    /// <summary>
    /// Seals and stores the identifiers. A duplicate fødselsnummer (found by its keyed hash) is refused with the same
    /// words whichever centre holds the person, so a coordinator learns nothing about where; the attempt is audited on
    /// the trying centre's chain, naming the existing participant for the auditor.
    /// </summary>
    private async Task AddPersonAsync(PersonIdentity identity, CentreCode centre, StaffUser user, CancellationToken cancellationToken)
    {
        var (person, key) = vault.Seal(identity);
        var existing = await identities.Persons.AsNoTracking().Where(p => p.NationalIdHash == person.NationalIdHash).Select(p => (Guid?)p.ParticipantId)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is null)
        {
            identities.Persons.Add(person);
            identities.PersonKeys.Add(key);
            try
            {
                await identities.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException)
            {
                // Screened at the same moment elsewhere: the unique hash index refused the second.
                identities.ChangeTracker.Clear();
                existing = await identities.Persons.AsNoTracking().Where(p => p.NationalIdHash == person.NationalIdHash).Select(p => (Guid?)p.ParticipantId)
                    .FirstOrDefaultAsync(cancellationToken);
                if (existing is null)
                {
                    throw;
                }
            }
        }
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await audit.AppendAsync(db, centre.Value, user.UserId, "screening.duplicate-refused", existing.Value.ToString(), new { centre = centre.Value },
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        throw RejectedException.Conflict("already-screened", "A person with this fødselsnummer has already been screened.");
    }
}
