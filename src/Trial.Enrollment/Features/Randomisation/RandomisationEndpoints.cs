using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Persistence;

namespace Trial.Enrollment.Features.Randomisation;

internal static class RandomisationEndpoints
{
    public static void MapRandomisationEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/participants/{id:guid}/randomisation", async Task<Results<Created<AllocationResponse>, Ok<AllocationResponse>>> (
                Guid id, RandomiseRequest request, [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context,
                ParticipantRandomisation randomisation, CancellationToken ct) =>
            {
                var outcome = await randomisation.RandomiseAsync(ParticipantId.FromRoute(id), request, idempotencyKey, StaffUser.From(context.User), ct);
                return outcome.Origin == AllocationOrigin.Created
                    ? TypedResults.Created($"/api/participants/{id}", outcome.Allocation)
                    : TypedResults.Ok(outcome.Allocation);
            })
            .WithName("Randomise")
            .WithSummary("Allocate an eligible, consenting participant. 201 on allocation; 200 with the same allocation when the Idempotency-Key is retried.");

        api.MapPost("/participants/{id:guid}/randomisation/paper", async (Guid id, PaperAllocationRequest request,
                [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey, HttpContext context, ParticipantRandomisation randomisation,
                CancellationToken ct) =>
            {
                var outcome = await randomisation.EnterPaperAllocationAsync(ParticipantId.FromRoute(id), request, idempotencyKey,
                    StaffUser.From(context.User), ct);
                return outcome.Origin == AllocationOrigin.Created
                    ? (IResult)TypedResults.Created($"/api/participants/{id}", outcome.Allocation)
                    : TypedResults.Ok(outcome.Allocation);
            })
            .WithName("EnterPaperAllocation")
            .WithSummary("Trial manager only: enter an allocation made earlier on paper (emergency procedure), with its date, arm and reason. Audited as such.");

        api.MapPost("/participants/{id:guid}/randomisation/mistaken", async (Guid id, MistakeRequest request, HttpContext context,
                MistakenRandomisation mistaken, CancellationToken ct) =>
            {
                await mistaken.MarkAsync(ParticipantId.FromRoute(id), request, StaffUser.From(context.User), ct);
                return TypedResults.NoContent();
            })
            .WithName("MarkRandomisationMistaken")
            .WithSummary("Trial manager: mark a randomisation as made in error. It stays in the ITT population.");

        api.MapPost("/allocation/seed", async (SeedRequest request, HttpContext context, TrialDbContext db, AuditTrail audit, TrialCalendar calendar,
                AllocationSeeds seeds, CancellationToken ct) =>
            {
                var seed = await seeds.SetAsync(db, audit, calendar, StaffUser.From(context.User), request.SeedHex, ct);
                return TypedResults.Ok(new SeedResponse(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(seed)))));
            })
            .WithName("SetAllocationSeed")
            .WithSummary("Statistician: set the allocation seed once (random if not given). It is stored encrypted with a key outside the database; only its hash is returned.");

        api.MapGet("/allocation/sequence", async (string stratum, string period, int? count, HttpContext context, SequenceListing listing,
                CancellationToken ct) => TypedResults.Ok(await listing.ListAsync(StaffUser.From(context.User), stratum, period, count ?? 100, ct)))
            .WithName("AllocationSequence")
            .WithSummary("Statistician only: the generated sequence of one stratum and period, to reproduce or check it.");
    }
}
