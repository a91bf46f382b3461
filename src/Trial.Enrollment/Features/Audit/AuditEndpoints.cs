using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Persistence;
using Trial.Followup.Access;

namespace Trial.Enrollment.Features.Audit;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/audit/verify", async (HttpContext context, TrialDbContext db, CancellationToken ct) =>
            {
                StaffUser.From(context.User).RequireRole(TrialRoles.Auditor, TrialRoles.TrialManager);
                return TypedResults.Ok(await AuditVerifier.VerifyAsync(db, ct));
            })
            .WithName("VerifyAudit")
            .WithSummary("Auditor or trial manager: recompute every hash chain; lists edited or deleted entries.");
}
