namespace Trial.Followup.Channels;

/// <summary>Sends SMS. The default writes files; register a provider's implementation to send for real.</summary>
public interface ISmsChannel
{
    Task SendAsync(OutgoingSms sms, CancellationToken cancellationToken);
}
