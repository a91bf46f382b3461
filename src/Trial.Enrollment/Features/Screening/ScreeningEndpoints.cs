using Trial.Enrollment.Features.Access;

namespace Trial.Enrollment.Features.Screening;

internal static class ScreeningEndpoints
{
    public static void MapScreeningEndpoints(this RouteGroupBuilder api) =>
        api.MapPost("/screenings", async (ScreeningRequest request, HttpContext context, ParticipantScreening screening, CancellationToken ct) =>
            {
                var result = await screening.ScreenAsync(request, StaffUser.From(context.User), ct);
                return TypedResults.Created($"/api/participants/{result.ParticipantId}", result);
            })
            .WithName("Screen")
            .WithSummary("Record a screening: identifiers, eligibility answers; returns the coded exclusion reason if ineligible.");
}
