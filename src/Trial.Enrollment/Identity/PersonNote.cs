using NodaTime;

namespace Trial.Enrollment.Identity;

/// <summary>A note about a person, opened for the moment it is read.</summary>
internal sealed record PersonNote(NoteKind Kind, Guid Regarding, string Text, string WrittenBy, Instant WrittenAt);
