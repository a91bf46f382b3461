using System.Text.Json.Serialization;
using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Outbox;

namespace Trial.Followup.Coordinator;

/// <summary>
/// A message that did not go out and will not without someone acting: parked after failing (a phone task is open for
/// it), or e-mail held because the service has no SMTP relay configured.
/// </summary>
/// <param name="Error">A code such as smtp-550, address-invalid, transport or no-relay; never the relay's text.</param>
/// <param name="ParkedAt">When it was parked; null for held e-mail.</param>
public sealed record UndeliveredMessage(
    Guid OccasionId,
    Guid Participant,
    string Occasion,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MessageChannel>))] MessageChannel Channel,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MessageKind>))] MessageKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UndeliveredState>))] UndeliveredState State,
    int Tries,
    string? Error,
    Instant? ParkedAt);

/// <summary>Parked: failed permanently or too often. Held: e-mail with no relay configured.</summary>
public enum UndeliveredState { Parked, Held }
