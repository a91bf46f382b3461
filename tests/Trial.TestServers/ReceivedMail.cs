using System.Text.Json.Serialization;

namespace Trial.TestServers;

/// <summary>One message as the SMTP sink accepted it.</summary>
public sealed record ReceivedMail(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("date")] string? Date = null);
