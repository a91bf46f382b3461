namespace Trial.Demo.Service;

/// <summary>The service refused or failed a call the simulation expected to succeed; carries the ProblemDetails text.</summary>
internal sealed class ServiceCallException(string call, int status, string body)
    : Exception($"{call} → HTTP {status}: {(body.Length > 600 ? body[..600] + "…" : body)}")
{
    public int Status { get; } = status;
}
