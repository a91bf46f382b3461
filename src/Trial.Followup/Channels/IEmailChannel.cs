namespace Trial.Followup.Channels;

/// <summary>Sends e-mail. A session is one connection used by one dispatch worker at a time.</summary>
public interface IEmailChannel
{
    Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken);
}
