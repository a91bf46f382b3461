using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// At start, seals the identifiers of persons screened before field encryption (rows without a national-id hash),
/// in one transaction, so no plain-text identifier stays in the identity store after an upgrade.
/// </summary>
internal static class LegacyIdentitySealing
{
    public static async Task<int> SealAsync(IdentityStoreContext identities, PersonVault vault, CancellationToken cancellationToken)
    {
        var plain = await identities.Persons.Where(p => p.NationalIdHash == null).ToListAsync(cancellationToken);
        if (plain.Count == 0)
        {
            return 0;
        }
        await using var transaction = await identities.Database.BeginTransactionAsync(cancellationToken);
        foreach (var person in plain)
        {
            var (sealedPerson, key) = vault.Seal(new PersonIdentity(person.ParticipantId, person.NationalId, person.Name, person.Phone, person.Email, person.Language));
            identities.Entry(person).CurrentValues.SetValues(sealedPerson);
            identities.PersonKeys.Add(key);
        }
        await identities.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return plain.Count;
    }
}
