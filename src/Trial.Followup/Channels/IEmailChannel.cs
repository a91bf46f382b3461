namespace Trial.Followup.Channels;

/// <summary>Sends e-mail. A session is one connection used by one dispatch worker at a time.</summary>
public interface IEmailChannel
{
    /// <summary>False when no relay is configured: e-mail is then held unsent, never marked sent.</summary>
    bool HasRelay => true;

    Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken);
}
