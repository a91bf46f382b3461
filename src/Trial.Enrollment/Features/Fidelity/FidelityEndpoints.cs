using Trial.Enrollment.Features.Access;

namespace Trial.Enrollment.Features.Fidelity;

internal static class FidelityEndpoints
{
    public static void MapFidelityEndpoints(this RouteGroupBuilder api)
    {
        var reviews = api.MapGroup("/fidelity").WithTags("Fidelity reviews");
        reviews.MapPost("/reviews", async (CreateFidelityReviewRequest request, HttpContext context, FidelityReviews service, CancellationToken ct) =>
            {
                var view = await service.CreateAsync(request, StaffUser.From(context.User), ct);
                return TypedResults.Created($"/api/fidelity/reviews/{view.Id}", view);
            })
            .WithName("CreateFidelityReview")
            .WithSummary("Open a fidelity review of a centre's job-specialist team, with its two reviewers.");
        reviews.MapGet("/reviews/{id:guid}", async (Guid id, HttpContext context, FidelityReviewReader reader, CancellationToken ct) =>
                TypedResults.Ok(await reader.ViewAsync(id, StaffUser.From(context.User), ct)))
            .WithName("GetFidelityReview")
            .WithSummary("A review: computed, reviewer and consensus scores per item, the action plan, and what is missing to finalise.");
        reviews.MapPut("/reviews/{id:guid}/evidence", async (Guid id, HttpContext context, FidelityReviews service, CancellationToken ct) =>
            {
                var text = await ReadBodyAsync(context.Request, ct);
                return TypedResults.Ok(await service.SetEvidenceAsync(id, text, StaffUser.From(context.User), ct));
            })
            .Accepts<string>("application/yaml", "application/json", "text/plain")
            .WithName("SetFidelityEvidence")
            .WithSummary("Record the review's evidence (YAML or JSON, protocol/fidelity/evidence-format.md); the computed scores follow from it.");
        reviews.MapPut("/reviews/{id:guid}/ratings/{reviewer}", async (Guid id, string reviewer, FidelityRatingsRequest request, HttpContext context,
                FidelityReviews service, CancellationToken ct) =>
                TypedResults.Ok(await service.SetRatingsAsync(id, reviewer, request, StaffUser.From(context.User), ct)))
            .WithName("SetFidelityRatings")
            .WithSummary("Record one reviewer's independent scores by item.");
        reviews.MapPut("/reviews/{id:guid}/consensus/{item}", async (Guid id, string item, FidelityConsensusRequest request, HttpContext context,
                FidelityReviews service, CancellationToken ct) =>
                TypedResults.Ok(await service.SetConsensusAsync(id, item, request, StaffUser.From(context.User), ct)))
            .WithName("SetFidelityConsensus")
            .WithSummary("Record the agreed score of an item with its note, strengths and recommendation.");
        reviews.MapPost("/reviews/{id:guid}/actions", async (Guid id, FidelityActionRequest request, HttpContext context, FidelityReviews service,
                CancellationToken ct) =>
                TypedResults.Ok(await service.AddActionAsync(id, request, StaffUser.From(context.User), ct)))
            .WithName("AddFidelityAction")
            .WithSummary("Add a line to the review's action plan: the item, the action, its owner and due date.");
        reviews.MapPost("/reviews/{id:guid}/finalise", async (Guid id, HttpContext context, FidelityReviews service, CancellationToken ct) =>
                TypedResults.Ok(await service.FinaliseAsync(id, StaffUser.From(context.User), ct)))
            .WithName("FinaliseFidelityReview")
            .WithSummary("Finalise the review once every item has both reviewers' scores and a consensus; it is frozen afterwards.");
        reviews.MapGet("/reviews/{id:guid}/report.pdf", async (Guid id, string? lang, HttpContext context, FidelityReviewReader reader,
                FidelityScales scales, CancellationToken ct) =>
            {
                var view = await reader.ViewAsync(id, StaffUser.From(context.User), ct);
                var pdf = FidelityReportPdf.Write(view, scales.Get(view.Scale, "scale"), lang == "en" ? "en" : "nb-NO");
                return TypedResults.File(pdf, "application/pdf",
                    $"fidelity-{view.Centre}-{view.ReviewDate}.pdf");
            })
            .WithName("GetFidelityReport")
            .WithSummary("The review as a PDF report (score sheet, comments, recommendations, action plan); ?lang=en for English.");
        reviews.MapGet("/centres/{centre}/trend", async (string centre, HttpContext context, FidelityReviewReader reader, CancellationToken ct) =>
                TypedResults.Ok(await reader.TrendAsync(centre, StaffUser.From(context.User), ct)))
            .WithName("GetFidelityTrend")
            .WithSummary("A centre's final reviews over time: total, category, section and item scores.");
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var buffer = new char[FidelityEvidenceText.MaxBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return new string(buffer, 0, read);
    }
}
