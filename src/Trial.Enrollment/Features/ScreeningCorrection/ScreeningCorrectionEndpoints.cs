using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.ScreeningCorrection;

internal static class ScreeningCorrectionEndpoints
{
    public static void MapScreeningCorrectionEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/participants/{id:guid}/screening/corrections", async (Guid id, ScreeningCorrectionRequest request, HttpContext context,
                ScreeningCorrectionService corrections, ParticipantQueries queries, CancellationToken ct) =>
            {
                var user = StaffUser.From(context.User);
                await corrections.CorrectAsync(ParticipantId.FromRoute(id), request, user, ct);
                return TypedResults.Ok(await queries.DetailAsync(ParticipantId.FromRoute(id), user, ct));
            })
            .WithName("CorrectScreening")
            .WithSummary("Correct a wrongly entered screening before randomisation, with a reason code; eligibility is evaluated again, "
                + "the values before and after are audited, and the optional note stays in the identity store. Refused (409) after "
                + "randomisation and when nothing changes.");
}
