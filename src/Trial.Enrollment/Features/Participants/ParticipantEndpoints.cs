using Trial.Enrollment.Features.Access;

namespace Trial.Enrollment.Features.Participants;

internal static class ParticipantEndpoints
{
    public static void MapParticipantEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/participants", async (string? centre, string? q, string? state, int? page, int? pageSize, HttpContext context,
                ParticipantQueries queries, CancellationToken ct) =>
            {
                var result = await queries.SearchAsync(StaffUser.From(context.User),
                    new ParticipantSearch(centre, q, state, page ?? 1, pageSize ?? ParticipantSearch.DefaultPageSize), ct);
                context.Response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Ok(result.Rows);
            })
            .WithName("ListParticipants")
            .WithSummary("One page of the participants at the caller's centres, ordered by research ID. q matches the research ID, and for "
                + "coordinators and the trial manager also the name or the 11-digit fødselsnummer; state filters by state code "
                + "(eligible, ineligible, consented, declined-consent, randomised); page (from 1) and pageSize (1–500, default 50). "
                + "The X-Total-Count header gives the number of matching participants.");
        api.MapGet("/participants/{id:guid}", async (Guid id, HttpContext context, ParticipantQueries queries, CancellationToken ct) =>
                TypedResults.Ok(await queries.DetailAsync(ParticipantId.FromRoute(id), StaffUser.From(context.User), ct)))
            .WithName("GetParticipant")
            .WithSummary("One participant at the caller's centres, by participant ID.");
    }
}
