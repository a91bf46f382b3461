using System.Globalization;
using Trial.Followup.Channels;
using Trial.Followup.Occasions;

namespace Trial.Followup.Outbox;

/// <summary>
/// The idempotency key of one send: occasion, channel and attempt (0 = invitation, n = reminder n). Unique in the
/// outbox, and carried in the e-mail's Message-ID so a resend after a crash is recognisable as the same message.
/// </summary>
public readonly record struct OutboxKey(OccasionId Occasion, MessageChannel Channel, int Attempt)
{
    public MessageKind Kind => Attempt == 0 ? MessageKind.Invitation : MessageKind.Reminder;

    /// <summary>RFC 5322 Message-ID derived from the key alone, so every send of this key carries the same one.</summary>
    public string MessageId => $"{this}@followup.trial";

    public override string ToString() =>
        $"{Occasion}.{ChannelCodes.Code(Channel)}.{Attempt.ToString(CultureInfo.InvariantCulture)}";
}
