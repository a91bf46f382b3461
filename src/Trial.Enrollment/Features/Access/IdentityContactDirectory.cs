using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Follow-up reads addresses from the identity store at send time only; nothing is copied into its tables, and the
/// identifiers are opened (<see cref="PersonVault"/>) only here, for the send. An erased person has no address.
/// <para>
/// The dispatcher asks once per message, so this is its hottest read: one statement (the person left-joined to their
/// key) on a context rented from <see cref="IdentityStorePool"/>. A DI scope and a fresh context per message cost more
/// CPU than the whole claim transaction (bench/results/followup-dispatch-profile.md).
/// </para>
/// </summary>
internal sealed class IdentityContactDirectory(IdentityStorePool pool, PersonVault vault) : IContactDirectory
{
    // Compiled per instance, not once per process: a compiled query is bound to the first model it runs against, and
    // the SQLite and PostgreSQL models differ (tests run both in one process).
    private readonly Func<IdentityStoreContext, Guid, CancellationToken, Task<SealedContact?>> _find = EF.CompileAsyncQuery(
        (IdentityStoreContext identities, Guid participant, CancellationToken _) =>
            (from person in identities.Persons.AsNoTracking()
             where person.ParticipantId == participant
             join key in identities.PersonKeys.AsNoTracking() on person.ParticipantId equals key.ParticipantId into keys
             from key in keys.DefaultIfEmpty()
             select new SealedContact(person, key)).SingleOrDefault());

    public async Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        await using var identities = await pool.RentAsync(cancellationToken);
        return await _find(identities, participant.Value, cancellationToken) is { } found && vault.Open(found.Person, found.Key) is { } opened
            ? new ContactAddress(opened.Email, opened.Phone, opened.Language)
            : null;
    }

    private sealed record SealedContact(PersonRecord Person, PersonKeyRecord? Key);
}
