namespace Trial.Enrollment.Identity;

/// <summary>A person's direct identifiers, opened from the identity store for the moment they are needed.</summary>
internal sealed record PersonIdentity(Guid ParticipantId, string NationalId, string Name, string? Phone, string? Email, string Language);
