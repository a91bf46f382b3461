using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Erasure;

internal static class ErasureEndpoints
{
    public static void MapErasureEndpoints(this RouteGroupBuilder api) =>
        api.MapDelete("/participants/{id:guid}/identity", async (Guid id, HttpContext context, IdentityErasure erasure, CancellationToken ct) =>
            {
                await erasure.EraseAsync(ParticipantId.FromRoute(id), StaffUser.From(context.User), ct);
                return TypedResults.NoContent();
            })
            .WithName("EraseIdentity")
            .WithSummary("Trial manager: erase a person's direct identifiers and their key (backups can no longer be read for them); the pseudonymous record stays.");
}
