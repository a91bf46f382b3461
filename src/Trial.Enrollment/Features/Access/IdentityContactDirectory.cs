using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Access;

/// <summary>Follow-up reads addresses from the identity store at send time only; nothing is copied into its tables.</summary>
internal sealed class IdentityContactDirectory(IdentityStoreContext identities) : IContactDirectory
{
    public async Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        var person = await identities.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.ParticipantId == participant.Value, cancellationToken);
        return person is null ? null : new ContactAddress(person.Email, person.Phone, person.Language);
    }
}
