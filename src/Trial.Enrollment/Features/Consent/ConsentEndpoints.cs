using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Consent;

internal static class ConsentEndpoints
{
    public static void MapConsentEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/participants/{id:guid}/consent", async (Guid id, ConsentRequest request, HttpContext context, ParticipantConsent consent,
                ParticipantQueries queries, CancellationToken ct) =>
            {
                var user = StaffUser.From(context.User);
                await consent.RecordAsync(ParticipantId.FromRoute(id), request, user, ct);
                return TypedResults.Ok(await queries.DetailAsync(ParticipantId.FromRoute(id), user, ct));
            })
            .WithName("RecordConsent")
            .WithSummary("Record consent given or declined, with form version and date; the signed-in user is who took it.");
}
