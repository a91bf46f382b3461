using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Trial.Enrollment.Problems;

/// <summary>
/// Turns refusals and unreadable bodies into ProblemDetails: 400 with field-level errors, 403, 404, 409. Anything
/// else becomes a plain 500 ProblemDetails without a stack trace.
/// </summary>
internal sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            RejectedException rejected => FromRejection(rejected),
            BadHttpRequestException { InnerException: JsonException json } => Invalid(JsonField(json.Path), "malformed-json",
                $"The request body is not valid JSON for this endpoint: {FirstLine(json.Message)}"),
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = bad.Message },
            _ => new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "Internal error" },
        };
        context.Response.StatusCode = details.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }

    public static ProblemDetails FromRejection(RejectedException rejected)
    {
        if (rejected.Kind == RejectionKind.Invalid)
        {
            return Invalid(rejected.Field ?? "", rejected.Code, rejected.Message);
        }
        var (status, title) = rejected.Kind switch
        {
            RejectionKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
            RejectionKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            _ => (StatusCodes.Status409Conflict, "Conflict"),
        };
        return new ProblemDetails { Status = status, Title = title, Detail = rejected.Message, Extensions = { ["code"] = rejected.Code } };
    }

    private static ValidationProblemDetails Invalid(string field, string code, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more fields are invalid.",
            Extensions = { ["code"] = code },
        };

    /// <summary>"$.person.nationalId" → "person.nationalId"; the whole body → "$".</summary>
    private static string JsonField(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
