using Microsoft.EntityFrameworkCore;
using NodaTime;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// Keeps a staff member's free text about a person in the identity store, sealed with the person's key. Written after
/// the research change has committed (the two stores are separate databases), so a refused change leaves no note behind.
/// </summary>
internal sealed class PersonNotes(IdentityStoreContext identities, PersonVault vault, IClock clock)
{
    public Task AddAsync(Guid participant, NoteKind kind, Guid regarding, string? text, string writtenBy, CancellationToken cancellationToken) =>
        AddAsync(participant, kind, regarding, text, writtenBy, clock.GetCurrentInstant(), cancellationToken);

    /// <param name="writtenAt">When the words were written: now, or for words moved here from older records, then.</param>
    public async Task AddAsync(Guid participant, NoteKind kind, Guid regarding, string? text, string writtenBy, Instant writtenAt,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        // An erased person has no key: nothing written about them can be kept, as nothing else of them is.
        if (await identities.PersonKeys.AsNoTracking().SingleOrDefaultAsync(k => k.ParticipantId == participant, cancellationToken) is not { } key)
        {
            return;
        }
        var id = Guid.NewGuid();
        identities.Notes.Add(new NoteRecord
        {
            Id = id,
            ParticipantId = participant,
            Kind = kind,
            Regarding = regarding,
            Text = vault.SealNote(key, id, text.Trim()),
            Sealed = true,
            WrittenBy = writtenBy,
            WrittenAt = writtenAt,
        });
        await identities.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A person's notes, opened, oldest first; empty once the person is erased.</summary>
    public async Task<IReadOnlyList<PersonNote>> ReadAsync(Guid participant, CancellationToken cancellationToken)
    {
        var key = await identities.PersonKeys.AsNoTracking().SingleOrDefaultAsync(k => k.ParticipantId == participant, cancellationToken);
        var notes = await identities.Notes.AsNoTracking().Where(n => n.ParticipantId == participant).ToListAsync(cancellationToken);
        return notes.OrderBy(n => n.WrittenAt)
            .Select(n => vault.OpenNote(n, key) is { } text ? new PersonNote(n.Kind, n.Regarding, text, n.WrittenBy, n.WrittenAt) : null)
            .OfType<PersonNote>().ToList();
    }
}
