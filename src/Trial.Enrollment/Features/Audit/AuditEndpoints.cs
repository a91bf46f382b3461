using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Overview;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Audit;

internal static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit/verify", async (string? expect, HttpContext context, TrialDbContext db, CancellationToken ct) =>
            {
                StaffUser.From(context.User).RequireRole(StaffRole.Auditor, StaffRole.TrialManager);
                return TypedResults.Ok(await AuditVerifier.VerifyAsync(db, ct, expect));
            })
            .WithName("VerifyAudit")
            .WithSummary("Auditor or trial manager: recompute every hash chain, replay the trail against the tables, and check a kept head (expect); lists each problem.");
        // The audit-log page's filters, read the same way (AuditFilter), with English messages for the fields.
        api.MapGet("/audit/entries", async (string? chain, string? action, string? actor, string? from, string? to, string? page, HttpContext context,
                AuditLog log, TrialProtocol protocol, CancellationToken ct) =>
            {
                var user = StaffUser.From(context.User);
                user.RequireRole(StaffRole.Auditor, StaffRole.TrialManager);
                var (filter, errors) = AuditFilter.Read(chain, action, actor, from, to, page, protocol,
                    TextLanguage.En, TextsIn.Of(context, TextLanguage.En));
                if (errors.Count > 0)
                {
                    return Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => new[] { e.Value }, StringComparer.Ordinal),
                        title: "One or more fields are invalid.", extensions: new Dictionary<string, object?> { ["code"] = "invalid-filter" });
                }
                return Results.Ok(await log.ReadAsync(user, filter, ct));
            })
            .WithName("ListAuditEntries")
            .WithSummary("Auditor or trial manager: one page (50 entries, newest first) of the audit log of the caller's centres and the trial's chain. "
                + "chain (a centre or 'trial'; another centre's chain is refused with 403), action (prefix), actor, from and to (yyyy-mm-dd, "
                + "in the trial's time zone, inclusive), page (from 1). A value that cannot be read is a 400 naming the field.");
    }
}
