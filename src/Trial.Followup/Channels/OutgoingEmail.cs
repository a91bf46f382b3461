using NodaTime;

namespace Trial.Followup.Channels;

/// <param name="MessageId">Derived from the outbox key: the same message always carries the same Message-ID.</param>
/// <param name="Date">The Date header, from the dispatcher's injected clock (not the machine's).</param>
public sealed record OutgoingEmail(string To, string Subject, string Body, string MessageId, string Language, Instant? Date = null);
