namespace Trial.Enrollment.Protocol;

/// <summary>One reason a protocol folder was rejected: the file, the path inside it, and the rule broken.</summary>
public sealed record ProtocolError(string File, string Path, string Rule, string Message)
{
    public override string ToString() => $"{File}: {Path}: [{Rule}] {Message}";
}
