using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Consort;
using Trial.Enrollment.Features.Deaths;
using Trial.Enrollment.Features.Fidelity;
using Trial.Enrollment.Features.Overview;
using Trial.Enrollment.Features.Pages;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Hosting;

internal static class EnrollmentPipeline
{
    public static WebApplication UseTrialEnrollment(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapOpenApi().AllowAnonymous();

        var api = app.MapGroup("/api").RequireAuthorization()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapAccessEndpoints();
        api.MapScreeningEndpoints();
        api.MapConsentEndpoints();
        api.MapBaselineEndpoints();
        api.MapRandomisationEndpoints();
        api.MapWithdrawalEndpoints();
        api.MapDeathEndpoints();
        api.MapParticipantEndpoints();
        api.MapConsortEndpoints();
        api.MapAuditEndpoints();
        api.MapFidelityEndpoints();
        api.MapLockEndpoints();
        app.MapStaffPages();
        app.MapOverviewPages();
        app.MapTrialFollowup();
        return app;
    }
}
