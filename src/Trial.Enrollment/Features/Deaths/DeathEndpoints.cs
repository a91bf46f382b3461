using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Deaths;

internal static class DeathEndpoints
{
    public static void MapDeathEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/participants/{id:guid}/death", async (Guid id, DeathRequest request, HttpContext context, ParticipantDeath death,
                CancellationToken ct) =>
            {
                await death.RecordAsync(ParticipantId.FromRoute(id), request, StaffUser.From(context.User), ct);
                return TypedResults.NoContent();
            })
            .WithName("RecordDeath")
            .WithSummary("Record a death with its date; all follow-up contact stops.");
}
