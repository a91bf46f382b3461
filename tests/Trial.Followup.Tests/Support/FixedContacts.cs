using Trial.Followup.Contact;

namespace Trial.Followup.Tests.Support;

/// <summary>Enrollment's contact directory stand-in: every participant has this mobile number and no e-mail.</summary>
internal sealed class FixedContacts : IContactDirectory
{
    public const string Mobile = "+4799999999";

    public Task<ContactAddress?> FindAsync(ParticipantRef participant, CancellationToken cancellationToken) =>
        Task.FromResult<ContactAddress?>(new ContactAddress(null, Mobile, "nb-NO"));
}
