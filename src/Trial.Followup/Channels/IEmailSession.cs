namespace Trial.Followup.Channels;

/// <summary>A connection to the mail relay. Returns only once the relay has accepted the message.</summary>
public interface IEmailSession : IAsyncDisposable
{
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
