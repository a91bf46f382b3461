using System.Text.Json.Serialization;

namespace Trial.Followup.Coordinator;

/// <summary>Why the coordinator is asked to phone. Stored as 'no_response' / 'undeliverable'.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhoneTaskReason>))]
public enum PhoneTaskReason
{
    /// <summary>No answer some days after the last reminder.</summary>
    NoResponse,

    /// <summary>An invitation or reminder failed for good (parked in the outbox).</summary>
    Undeliverable,
}
