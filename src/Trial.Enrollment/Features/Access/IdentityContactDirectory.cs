using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Follow-up reads addresses from the identity store at send time only; nothing is copied into its tables. A singleton
/// (Follow-up's dispatcher is one) that opens a short scope per lookup.
/// </summary>
internal sealed class IdentityContactDirectory(IServiceScopeFactory scopes) : IContactDirectory
{
    public async Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        var person = await identities.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.ParticipantId == participant.Value, cancellationToken);
        return person is null ? null : new ContactAddress(person.Email, person.Phone, person.Language);
    }
}
