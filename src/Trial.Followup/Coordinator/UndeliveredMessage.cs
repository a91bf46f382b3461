using System.Text.Json.Serialization;
using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Outbox;

namespace Trial.Followup.Coordinator;

/// <summary>
/// A message that has not gone out: failed and waiting for its next try (the coordinator sees it before the tries run
/// out, e.g. while the relay refuses the service's password), parked after failing (a phone task is open for it), or
/// e-mail held because the service has no SMTP relay configured.
/// </summary>
/// <param name="Tries">Tries counted so far; a try the relay itself failed (unreachable, refused the sign-in) is not counted.</param>
/// <param name="Error">A code such as smtp-550, smtp-auth, address-invalid, transport or no-relay; never the relay's text.</param>
/// <param name="ParkedAt">When it was parked; null otherwise.</param>
/// <param name="NextAttemptAt">When a retrying message is tried again; null otherwise.</param>
/// <param name="NextAttemptLocal">The same in the occasion's time zone, for pages.</param>
/// <param name="RelayAttempts">
/// For e-mail waiting on a failing relay (its error is the relay's last error): the relay's failed attempts in a row,
/// which count instead of the message's tries (RelayBackoff); null otherwise.
/// </param>
public sealed record UndeliveredMessage(
    Guid OccasionId,
    Guid Participant,
    string Occasion,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MessageChannel>))] MessageChannel Channel,
    [property: JsonConverter(typeof(JsonStringEnumConverter<MessageKind>))] MessageKind Kind,
    [property: JsonConverter(typeof(JsonStringEnumConverter<UndeliveredState>))] UndeliveredState State,
    int Tries,
    string? Error,
    Instant? ParkedAt,
    Instant? NextAttemptAt = null,
    [property: JsonIgnore] LocalDateTime? NextAttemptLocal = null,
    int? RelayAttempts = null);

/// <summary>Parked: failed permanently or too often. Held: e-mail with no relay configured. Retrying: failed, tried again later.</summary>
public enum UndeliveredState { Parked, Held, Retrying }
