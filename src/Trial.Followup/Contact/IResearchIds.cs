namespace Trial.Followup.Contact;

/// <summary>
/// How Follow-up's pages name a participant to staff: by the research ID, which the host assigns at screening and
/// Follow-up never stores (it keeps the pseudonymous key only, and may not depend on the host). Without a host that
/// provides it, the pages link to the participant without a name.
/// </summary>
public interface IResearchIds
{
    /// <summary>The research ID of each of the participants the host knows; others are left out.</summary>
    Task<IReadOnlyDictionary<Guid, string>> OfAsync(IReadOnlyCollection<Guid> participants, CancellationToken cancellationToken);
}
