using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Participants;

namespace Trial.Enrollment.Features.Reconsent;

internal static class ReconsentEndpoints
{
    public static void MapReconsentEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/reconsents/due", async (HttpContext context, ParticipantReconsent reconsent, CancellationToken ct) =>
                TypedResults.Ok(await reconsent.DueAsync(StaffUser.From(context.User), ct)))
            .WithName("ListReconsentsDue")
            .WithSummary("The participants at the caller's centres who consented on an older form than the one in force today "
                + "(service date, protocol time zone) and must consent again.");
        api.MapPost("/participants/{id:guid}/reconsent", async (Guid id, ReconsentRequest request, HttpContext context, ParticipantReconsent reconsent,
                ParticipantQueries queries, CancellationToken ct) =>
            {
                var user = StaffUser.From(context.User);
                await reconsent.RecordAsync(ParticipantId.FromRoute(id), request, user, ct);
                return TypedResults.Ok(await queries.DetailAsync(ParticipantId.FromRoute(id), user, ct));
            })
            .WithName("RecordReconsent")
            .WithSummary("Record re-consent on the consent form in force, dated by the service; the signed-in user is who took it. "
                + "Refused (409) when the participant's form is already the one in force.");
    }
}
