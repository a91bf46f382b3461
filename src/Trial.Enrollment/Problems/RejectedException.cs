namespace Trial.Enrollment.Problems;

/// <summary>
/// A refused state change. Thrown before commit, so nothing is written; the host turns it into ProblemDetails with
/// <see cref="Code"/> and, for 400, the field-level error. A 403 carries why (<see cref="Refusal"/>), for a page to say it.
/// </summary>
public sealed class RejectedException(RejectionKind kind, string code, string message, string? field = null, AccessRefusal? refusal = null) : Exception(message)
{
    public RejectionKind Kind { get; } = kind;
    public string Code { get; } = code;
    public string? Field { get; } = field;
    /// <summary>For a 403: whose rule refused (role, centre, organisation, whole trial); null for every other kind.</summary>
    public AccessRefusal? Refusal { get; } = refusal;

    public static RejectedException Invalid(string field, string code, string message) => new(RejectionKind.Invalid, code, message, field);

    public static RejectedException Conflict(string code, string message) => new(RejectionKind.Conflict, code, message);

    public static RejectedException NotFound(string what) => new(RejectionKind.NotFound, "not-found", $"{what} was not found.");

    public static RejectedException Forbidden(AccessRefusal refusal, string message) => new(RejectionKind.Forbidden, "forbidden", message, refusal: refusal);

    /// <summary>403 naming the field the caller may not touch and the rule that says so.</summary>
    public static RejectedException ForbiddenField(AccessRefusal refusal, string field, string code, string message) =>
        new(RejectionKind.Forbidden, code, message, field, refusal);
}
