namespace Trial.Followup.Channels;

/// <summary>
/// Used when the host configures no SMTP relay (the embedded default). Nothing can be sent, so the dispatcher holds
/// e-mail rows (state 'held', shown to the coordinator) instead of pretending they went out.
/// </summary>
internal sealed class NoRelayEmailChannel : IEmailChannel, IEmailSession
{
    public bool HasRelay => false;

    public Task<IEmailSession> OpenSessionAsync(CancellationToken cancellationToken) => Task.FromResult<IEmailSession>(this);

    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken) =>
        throw new DeliveryFailedException("no-relay", permanent: false, "No SMTP relay is configured (Trial:Smtp:Host).");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
