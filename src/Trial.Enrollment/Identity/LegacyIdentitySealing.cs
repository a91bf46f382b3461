using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// At start, after the schema scripts: seals what was written before field encryption, in one transaction, so no plain
/// text stays in the identity store after an upgrade. The scripts cannot do it themselves (the master key never enters
/// the database); they only add the markers read here: persons without a national-id hash, notes not yet sealed.
/// </summary>
internal static class LegacyIdentitySealing
{
    public static async Task<int> SealAsync(IdentityStoreContext identities, PersonVault vault, CancellationToken cancellationToken)
    {
        var plain = await identities.Persons.Where(p => p.NationalIdHash == null).ToListAsync(cancellationToken);
        var plainNotes = await identities.Notes.Where(n => !n.Sealed).ToListAsync(cancellationToken);
        if (plain.Count == 0 && plainNotes.Count == 0)
        {
            return 0;
        }
        await using var transaction = await identities.Database.BeginTransactionAsync(cancellationToken);
        var keys = new Dictionary<Guid, PersonKeyRecord>();
        foreach (var person in plain)
        {
            var (sealedPerson, key) = vault.Seal(new PersonIdentity(person.ParticipantId, person.NationalId, person.Name, person.Phone, person.Email, person.Language));
            identities.Entry(person).CurrentValues.SetValues(sealedPerson);
            identities.PersonKeys.Add(key);
            keys[key.ParticipantId] = key;
        }
        var noteOwners = plainNotes.Select(n => n.ParticipantId).Distinct().Where(id => !keys.ContainsKey(id)).ToList();
        foreach (var key in await identities.PersonKeys.Where(k => noteOwners.Contains(k.ParticipantId)).ToListAsync(cancellationToken))
        {
            keys[key.ParticipantId] = key;
        }
        foreach (var note in plainNotes)
        {
            if (keys.GetValueOrDefault(note.ParticipantId) is { } key)
            {
                note.Text = vault.SealNote(key, note.Id, note.Text);
                note.Sealed = true;
            }
            else
            {
                // The person was erased (no key): their free text should have gone with their identifiers.
                identities.Notes.Remove(note);
            }
        }
        await identities.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await SqliteFileRewrite.RunAsync(identities, cancellationToken);
        return plain.Count + plainNotes.Count;
    }
}
