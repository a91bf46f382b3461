using NodaTime;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Identity;

/// <summary>
/// Keeps a staff member's free text about a person in the identity store. Written after the research change has
/// committed (the two stores are separate databases), so a refused change leaves no note behind.
/// </summary>
internal sealed class PersonNotes(IdentityStoreContext identities, IClock clock)
{
    public async Task AddAsync(Guid participant, NoteKind kind, Guid regarding, string? text, string writtenBy, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        identities.Notes.Add(new NoteRecord
        {
            Id = Guid.NewGuid(),
            ParticipantId = participant,
            Kind = kind,
            Regarding = regarding,
            Text = text.Trim(),
            WrittenBy = writtenBy,
            WrittenAt = clock.GetCurrentInstant(),
        });
        await identities.SaveChangesAsync(cancellationToken);
    }
}
