using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Trial.Enrollment.Problems;

/// <summary>
/// Turns refusals and unreadable bodies into ProblemDetails: 400 with field-level errors, 403, 404, 409, 413. Anything
/// else becomes a plain 500 ProblemDetails without a stack trace, and is logged once with its trace id (which the
/// response carries too), so a user's report can be matched to the log. Texts never show .NET type names.
/// </summary>
internal sealed class ProblemMapping(IProblemDetailsService problems, ILogger<ProblemMapping> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var details = exception switch
        {
            RejectedException rejected => FromRejection(rejected),
            BadHttpRequestException { InnerException: JsonException json } => Invalid(JsonField(json.Path), "malformed-json", JsonMessage(json.Path)),
            BadHttpRequestException { InnerException: InvalidDataException } or InvalidDataException =>
                new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Bad request", Detail = "The form is too large or malformed." },
            BadHttpRequestException bad => new ProblemDetails { Status = bad.StatusCode, Title = "Bad request", Detail = BadRequestMessage(bad.StatusCode) },
            _ => null,
        };
        if (details is null)
        {
            var traceId = Activity.Current?.Id ?? context.TraceIdentifier;
            logger.LogError(exception, "500 on {Method} {Path}, trace id {TraceId}", context.Request.Method, context.Request.Path.Value, traceId);
            details = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "Something went wrong on our side; nothing was changed. Quote the trace id when you report it.",
                Extensions = { ["traceId"] = traceId },
            };
        }
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
        var details = new ProblemDetails { Status = status, Title = title, Detail = rejected.Message, Extensions = { ["code"] = rejected.Code } };
        if (rejected.Field is { } field)
        {
            details.Extensions["field"] = field;
        }
        return details;
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

    /// <summary>The serializer's own message names .NET types; this one names the field only.</summary>
    private static string JsonMessage(string? path) => JsonField(path) == "$"
        ? "The request body is not valid JSON for this endpoint."
        : $"'{JsonField(path)}' has the wrong type or is not valid JSON.";

    /// <summary>The framework's messages name parameters by their .NET types; these don't.</summary>
    private static string BadRequestMessage(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
        StatusCodes.Status415UnsupportedMediaType => "The request body has a content type this endpoint does not accept.",
        _ => "The request could not be read: a required value is missing or malformed.",
    };
}
