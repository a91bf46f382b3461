using NodaTime;
using NodaTime.Text;
using Trial.Enrollment.Features.Access;

namespace Trial.Enrollment.Features.DatabaseLock;

internal static class LockEndpoints
{
    public static void MapLockEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/trial/lock", async (HttpContext context, TrialLocks locks, CancellationToken ct) =>
            {
                var row = await locks.StatusAsync(StaffUser.From(context.User), ct);
                return TypedResults.Ok(new LockStatusView(LockRules.Code(row.Stage), Text(row.RecruitmentClosedAt), row.RecruitmentReason,
                    Text(row.FollowupLockedAt), row.FollowupReason, Text(row.DatabaseLockedAt), row.DatabasePackage));
            })
            .WithName("TrialLockStatus")
            .WithSummary("The trial's lock stage: open, recruitment-closed, followup-locked or database-locked.");
        api.MapPost("/trial/recruitment/close", async (LockRequest request, HttpContext context, TrialLocks locks, CancellationToken ct) =>
            {
                await locks.CloseRecruitmentAsync(StaffUser.From(context.User), request.Reason, ct);
                return TypedResults.NoContent();
            })
            .WithName("CloseRecruitment")
            .WithSummary("Trial manager: close recruitment (no more screening, consent or randomisation), with a reason. Audited; never undone.");
        api.MapPost("/trial/followup/lock", async (LockRequest request, HttpContext context, TrialLocks locks, CancellationToken ct) =>
            {
                await locks.LockFollowupAsync(StaffUser.From(context.User), request.Reason, ct);
                return TypedResults.NoContent();
            })
            .WithName("LockFollowup")
            .WithSummary("Trial manager, after recruitment is closed: lock follow-up (no more data entry), with a reason. Audited; then `export --lock` locks the database.");
    }

    private static string? Text(Instant? at) => at is { } value ? InstantPattern.ExtendedIso.Format(value) : null;
}
