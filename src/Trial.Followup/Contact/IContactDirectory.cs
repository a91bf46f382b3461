namespace Trial.Followup.Contact;

/// <summary>
/// Where Follow-up looks up how to reach a participant at send time. Enrollment implements this over its separate
/// identity store, so addresses are read only at the moment of dispatch and never copied into follow-up tables.
/// </summary>
public interface IContactDirectory
{
    Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken);
}

/// <summary>How to reach one participant. Either channel may be missing.</summary>
public sealed record ContactAddress(string? Email, string? MobilePhone, string Language);
