using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Identity;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Hosting.Keys;

/// <summary>
/// Replaces the master key (`trial keys rotate-master --new-master-key-file FILE`): every person's data key is
/// unwrapped with the old key and wrapped with the new, every fødselsnummer hash is recomputed with the new hash key,
/// and every data-protection key is re-encrypted, so sessions survive. Identity store and key ring are each changed in
/// one transaction; the sealed identifiers themselves are untouched (their per-person keys do not change). Until every
/// node restarts with the new key, old nodes can no longer open identifiers: rotate with the service stopped.
/// </summary>
internal static class MasterKeyRotation
{
    public static async Task<int> RotateAsync(IdentityStoreContext identities, TrialDbContext research, MasterKey current, MasterKey next,
        CancellationToken cancellationToken)
    {
        var (oldVault, newVault) = (new PersonVault(current), new PersonVault(next));
        await using (var transaction = await identities.Database.BeginTransactionAsync(cancellationToken))
        {
            var keys = await identities.PersonKeys.ToDictionaryAsync(k => k.ParticipantId, cancellationToken);
            foreach (var person in await identities.Persons.ToListAsync(cancellationToken))
            {
                if (keys.GetValueOrDefault(person.ParticipantId) is not { } key || oldVault.Open(person, key) is not { } opened)
                {
                    continue;
                }
                person.NationalIdHash = newVault.Hash(opened.NationalId);
                key.WrappedKey = newVault.Rewrap(key, oldVault);
                key.MasterFingerprint = next.Fingerprint;
            }
            await identities.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await using (var transaction = await research.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var record in await research.DataProtectionKeys.ToListAsync(cancellationToken))
            {
                var xml = XElement.Parse(record.Xml);
                foreach (var encrypted in xml.Descendants("encryptedKey").Where(e => (string?)e.Attribute("masterKey") == current.Fingerprint).ToList())
                {
                    var plain = new MasterKeyXmlDecryptor(new SingleKey(current)).Decrypt(encrypted);
                    encrypted.ReplaceWith(new MasterKeyXmlEncryptor(next).Encrypt(plain).EncryptedElement);
                }
                record.Xml = xml.ToString(SaveOptions.DisableFormatting);
            }
            await research.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return await identities.PersonKeys.CountAsync(cancellationToken);
    }

    /// <summary>The decryptor finds its key through services; here it is the old key.</summary>
    private sealed class SingleKey(MasterKey key) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType == typeof(MasterKey) ? key : null;
    }
}
