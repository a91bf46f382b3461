using Microsoft.Extensions.Logging;

namespace Trial.Followup.Channels;

/// <summary>Used when no SMTP relay is configured (the embedded default): e-mails are logged, not sent.</summary>
internal sealed class LogEmailChannel(ILogger<LogEmailChannel> logger) : IEmailChannel, IEmailSession
{
    public Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken) => Task.FromResult<IEmailSession>(this);

    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        logger.LogInformation("E-mail {MessageId} not sent (no SMTP relay configured): {Subject}", email.MessageId, email.Subject);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
