namespace Trial.Enrollment.Protocol;

public sealed class ProtocolInvalidException(IReadOnlyList<ProtocolError> errors)
    : Exception("The protocol is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)))
{
    public IReadOnlyList<ProtocolError> Errors { get; } = errors;
}
