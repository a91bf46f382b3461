namespace Trial.Enrollment.Problems;

/// <summary>
/// A refused state change. Thrown before commit, so nothing is written; the host turns it into ProblemDetails with
/// <see cref="Code"/> and, for 400, the field-level error.
/// </summary>
public sealed class RejectedException(RejectionKind kind, string code, string message, string? field = null) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;
    public string Code { get; } = code;
    public string? Field { get; } = field;

    public static RejectedException Invalid(string field, string code, string message) => new(RejectionKind.Invalid, code, message, field);

    public static RejectedException Conflict(string code, string message) => new(RejectionKind.Conflict, code, message);

    public static RejectedException NotFound(string what) => new(RejectionKind.NotFound, "not-found", $"{what} was not found.");

    public static RejectedException Forbidden(string message) => new(RejectionKind.Forbidden, "forbidden", message);

    /// <summary>403 naming the field the caller may not touch and the rule that says so.</summary>
    public static RejectedException ForbiddenField(string field, string code, string message) => new(RejectionKind.Forbidden, code, message, field);
}
