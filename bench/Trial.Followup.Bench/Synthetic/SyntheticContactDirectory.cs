using Trial.Followup.Contact;

namespace Trial.Followup.Bench.Synthetic;

/// <summary>Stands in for Enrollment's identity store: every participant has a made-up address derived from its key.</summary>
public sealed class SyntheticContactDirectory : IContactDirectory
{
    public static string EmailOf(ParticipantRef participant) => $"{participant}@participants.test";

    public Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken) =>
        Task.FromResult<ContactAddress?>(new ContactAddress(EmailOf(participant), "+4740000000", ""));
}
