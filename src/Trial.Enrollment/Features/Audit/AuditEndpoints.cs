using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Audit;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit/verify", async (string? expect, HttpContext context, TrialDbContext db, CancellationToken ct) =>
            {
                StaffUser.From(context.User).RequireRole(TrialRoles.Auditor, TrialRoles.TrialManager);
                return TypedResults.Ok(await AuditVerifier.VerifyAsync(db, ct, expect));
            })
            .WithName("VerifyAudit")
            .WithSummary("Auditor or trial manager: recompute every hash chain, replay the trail against the tables, and check a kept head (expect); lists each problem.");
}
