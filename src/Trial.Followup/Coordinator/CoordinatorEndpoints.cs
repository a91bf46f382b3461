using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Trial.Followup.Occasions;

namespace Trial.Followup.Coordinator;

/// <summary>
/// /api/followup: a centre's follow-up status by occasion and arm, its phone-task list, its undelivered messages, and manual entry of answers
/// taken by phone or on paper. Each call is scoped by the caller's trial:centre claims; errors are ProblemDetails.
/// </summary>
internal static class CoordinatorEndpoints
{
    public static IEndpointRouteBuilder MapCoordinatorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/followup").WithTags("Follow-up");
        group.MapGet("/centres/{centre}/status", StatusAsync).WithName("FollowupCentreStatus")
            .WithSummary("A centre's follow-up by occasion and arm: due, invited, overdue, completed, missed, cancelled and the response rate.");
        group.MapGet("/centres/{centre}/phone-tasks", PhoneTasksAsync).WithName("FollowupPhoneTasks")
            .WithSummary("A centre's open phone tasks: no answer after the last reminder, or a message that could not be delivered (reason).");
        group.MapGet("/centres/{centre}/undelivered-messages", UndeliveredAsync).WithName("FollowupUndeliveredMessages")
            .WithSummary("Invitations and reminders that did not go out: parked after failing (each has a phone task), or e-mail held because no SMTP relay is configured.");
        group.MapPost("/occasions/{occasionId:guid}/responses", RecordAsync).WithName("FollowupManualResponse")
            .WithSummary("Enter a questionnaire's answers taken by phone or on paper (mode, answeredAt, answers by instrument and item).");
        group.MapGet("/participants/{participantId:guid}/occasions", OccasionsAsync).WithName("FollowupParticipantOccasions")
            .WithSummary("A participant's questionnaire occasions (m0 at inclusion, then the follow-ups), with the IDs used to enter answers by phone or paper.");
        endpoints.MapFollowupPages();
        return endpoints;
    }

    private static async Task<Results<Ok<CentreStatus>, ProblemHttpResult>> StatusAsync(string centre, HttpContext http, CentreStatusQuery query, CancellationToken cancellationToken) =>
        Refusal(http, centre) is { } refused ? refused : TypedResults.Ok(await query.StatusAsync(centre, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<PhoneTask>>, ProblemHttpResult>> PhoneTasksAsync(string centre, HttpContext http, CentreStatusQuery query, CancellationToken cancellationToken) =>
        Refusal(http, centre) is { } refused ? refused : TypedResults.Ok(await query.PhoneTasksAsync(centre, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<UndeliveredMessage>>, ProblemHttpResult>> UndeliveredAsync(string centre, HttpContext http, CentreStatusQuery query, CancellationToken cancellationToken) =>
        Refusal(http, centre) is { } refused ? refused : TypedResults.Ok(await query.UndeliveredAsync(centre, cancellationToken));

    private static async Task<Results<Created<ManualResponseResult>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid occasionId, ManualResponseRequest request, HttpContext http, ManualResponses manual, CancellationToken cancellationToken)
    {
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return Problem(StatusCodes.Status401Unauthorized, "Sign in required", "Sign in as a coordinator to enter answers.");
        }
        if (occasionId == Guid.Empty)
        {
            return Problem(StatusCodes.Status404NotFound, "Occasion not found", "occasionId: the empty GUID is not an occasion.");
        }
        var entry = await manual.RecordAsync(OccasionId.From(occasionId), http.User, request, cancellationToken);
        return entry.Outcome switch
        {
            ManualEntryOutcome.Stored => TypedResults.Created($"/api/followup/occasions/{occasionId}/responses", entry.Result!),
            ManualEntryOutcome.Invalid => TypedResults.ValidationProblem(entry.Errors, title: "The answers were not stored"),
            ManualEntryOutcome.OccasionNotFound => Problem(StatusCodes.Status404NotFound, "Occasion not found", entry.Detail!),
            ManualEntryOutcome.Forbidden => Problem(StatusCodes.Status403Forbidden, "Not your centre", entry.Detail!),
            ManualEntryOutcome.OccasionClosed => Problem(StatusCodes.Status409Conflict, "Occasion closed", entry.Detail!),
            ManualEntryOutcome.OccasionNotOpen => Problem(StatusCodes.Status409Conflict, "Occasion not open for entry", entry.Detail!),
            ManualEntryOutcome.EntryLocked => TypedResults.Problem(entry.Detail, statusCode: StatusCodes.Status409Conflict, title: "Follow-up is locked",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "followup-locked" }),
            ManualEntryOutcome.InstrumentNotAllowed => TypedResults.Problem(entry.Detail, statusCode: StatusCodes.Status403Forbidden, title: "Not your organisation's data",
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = "organisation-may-record", ["field"] = entry.Errors.Keys.Single() }),
            _ => throw new InvalidOperationException($"Unknown outcome {entry.Outcome}."),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<ParticipantOccasion>>, ProblemHttpResult>> OccasionsAsync(
        Guid participantId, HttpContext http, ParticipantOccasionsQuery query, CancellationToken cancellationToken)
    {
        var (centre, occasions) = await query.ForAsync(participantId, cancellationToken);
        if (centre is null)
        {
            return http.User.Identity?.IsAuthenticated == true
                ? Problem(StatusCodes.Status404NotFound, "No occasions", $"Participant {participantId} has no follow-up occasions (not randomised?).")
                : Problem(StatusCodes.Status401Unauthorized, "Sign in required", "Sign in as a coordinator to see follow-up.");
        }
        return Refusal(http, centre) is { } refused ? refused : TypedResults.Ok(occasions);
    }

    private static ProblemHttpResult? Refusal(HttpContext http, string centre) => CentreAccess.Decide(http.User, centre) switch
    {
        AccessDecision.Allowed => null,
        AccessDecision.Unauthenticated => Problem(StatusCodes.Status401Unauthorized, "Sign in required", "Sign in as a coordinator to see follow-up."),
        AccessDecision.NotYourRole => Problem(StatusCodes.Status403Forbidden, "Not your role", "Only a coordinator or a trial manager follows up participants."),
        _ => Problem(StatusCodes.Status403Forbidden, "Not your centre", $"You have no access to centre '{centre}'."),
    };

    private static ProblemHttpResult Problem(int status, string title, string detail) => TypedResults.Problem(detail, statusCode: status, title: title);
}
