namespace Trial.Followup.Channels;

/// <summary>The text stored in outbox.channel.</summary>
internal static class ChannelCodes
{
    public static string Code(MessageChannel channel) => channel switch
    {
        MessageChannel.Email => "email",
        MessageChannel.Sms => "sms",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Unknown channel."),
    };

    public static MessageChannel Parse(string code) => code switch
    {
        "email" => MessageChannel.Email,
        "sms" => MessageChannel.Sms,
        _ => throw new InvalidOperationException($"Unknown channel '{code}' in the outbox."),
    };
}
