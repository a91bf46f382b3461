using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Consort;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Deaths;
using Trial.Enrollment.Features.Erasure;
using Trial.Enrollment.Features.Fidelity;
using Trial.Enrollment.Features.Overview;
using Trial.Enrollment.Features.Pages;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Reconsent;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.ScreeningCorrection;
using Trial.Enrollment.Features.TrialAdministration;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Followup.Hosting;

namespace Trial.Enrollment.Hosting;

internal static class EnrollmentPipeline
{
    public static WebApplication UseTrialEnrollment(this WebApplication app)
    {
        // First: the client address and scheme, from X-Forwarded-* only when the peer is a configured proxy.
        if (ForwardedHeadersSetup.Enabled(app.Services.GetRequiredService<TrialHostOptions>()))
        {
            app.UseForwardedHeaders();
        }
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
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
        api.MapReconsentEndpoints();
        api.MapScreeningCorrectionEndpoints();
        api.MapBaselineEndpoints();
        api.MapRandomisationEndpoints();
        api.MapWithdrawalEndpoints();
        api.MapDeathEndpoints();
        api.MapErasureEndpoints();
        api.MapParticipantEndpoints();
        api.MapConsortEndpoints();
        api.MapAuditEndpoints();
        api.MapFidelityEndpoints();
        api.MapLockEndpoints();
        app.MapStaffPages();
        app.MapReconsentPages();
        app.MapOverviewPages();
        app.MapAdministrationPages();
        app.MapBaselinePages();
        app.MapTrialFollowup();
        return app;
    }
}
