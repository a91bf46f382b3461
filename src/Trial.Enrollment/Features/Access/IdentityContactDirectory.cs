using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;
using Trial.Followup.Contact;

namespace Trial.Enrollment.Features.Access;

/// <summary>
/// Follow-up reads addresses from the identity store at send time only; nothing is copied into its tables. A singleton
/// (Follow-up's dispatcher is one) that opens a short scope per lookup. An erased person has no address.
/// </summary>
internal sealed class IdentityContactDirectory(IServiceScopeFactory scopes, Identity.PersonVault vault) : IContactDirectory
{
    public async Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var identities = scope.ServiceProvider.GetRequiredService<IdentityStoreContext>();
        var person = await identities.Persons.AsNoTracking().SingleOrDefaultAsync(p => p.ParticipantId == participant.Value, cancellationToken);
        if (person is null)
        {
            return null;
        }
        var key = await identities.PersonKeys.AsNoTracking().SingleOrDefaultAsync(k => k.ParticipantId == participant.Value, cancellationToken);
        return vault.Open(person, key) is { } opened ? new ContactAddress(opened.Email, opened.Phone, opened.Language) : null;
    }
}
