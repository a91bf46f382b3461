using System.Text.Json.Serialization;

namespace Trial.TestServers;

/// <summary>One message as the SMTP sink accepted it, with the user signed in (if any) and whether the session was encrypted.</summary>
public sealed record ReceivedMail(
    [property: JsonPropertyName("message_id")] string MessageId,
    [property: JsonPropertyName("to")] IReadOnlyList<string> To,
    [property: JsonPropertyName("subject")] string Subject,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("date")] string? Date = null,
    [property: JsonPropertyName("auth_user")] string? AuthUser = null,
    [property: JsonPropertyName("tls")] bool OverTls = false);
