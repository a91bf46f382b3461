using System.Text.Json.Serialization;

namespace Trial.TestServers;

/// <summary>One AUTH the sink received: who, by which mechanism, over TLS or not, and the password as it arrived.</summary>
public sealed record SmtpAuthAttempt(
    [property: JsonPropertyName("user")] string UserName,
    [property: JsonPropertyName("mechanism")] string Mechanism,
    [property: JsonPropertyName("tls")] bool OverTls,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("accepted")] bool Accepted);
