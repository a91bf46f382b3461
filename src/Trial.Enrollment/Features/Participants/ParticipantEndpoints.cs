using Trial.Enrollment.Features.Access;

namespace Trial.Enrollment.Features.Participants;

internal static class ParticipantEndpoints
{
    public static void MapParticipantEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/participants", async (string? centre, HttpContext context, ParticipantQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.ListAsync(StaffUser.From(context.User), centre, ct)))
            .WithName("ListParticipants")
            .WithSummary("Participants at the caller's centres (optionally one centre).");
        api.MapGet("/participants/{id:guid}", async (Guid id, HttpContext context, ParticipantQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.DetailAsync(ParticipantId.FromRoute(id), StaffUser.From(context.User), ct)))
            .WithName("GetParticipant");
    }
}
