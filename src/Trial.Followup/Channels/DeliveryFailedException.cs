namespace Trial.Followup.Channels;

/// <summary>
/// A channel could not deliver one message. <see cref="Code"/> is what the outbox stores (e.g. smtp-550,
/// address-invalid, transport): a code, never the relay's text, which can name the participant's address.
/// </summary>
public sealed class DeliveryFailedException(string code, bool permanent, string message, Exception? inner = null) : Exception(message, inner)
{
    public string Code { get; } = code;

    /// <summary>The relay said retrying cannot help (5xx, an unparsable address): parked at once.</summary>
    public bool Permanent { get; } = permanent;
}
