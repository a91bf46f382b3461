using Trial.Enrollment.Features.Access;

namespace Trial.Enrollment.Features.Consort;

internal static class ConsortEndpoints
{
    public static void MapConsortEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/consort", async (HttpContext context, ConsortCounts counts, CancellationToken ct) =>
                TypedResults.Ok(await counts.ComputeForAsync(StaffUser.From(context.User), ct)))
            .WithName("Consort")
            .WithSummary("CONSORT counts over the caller's centres, replayed from the audit trail.");
}
