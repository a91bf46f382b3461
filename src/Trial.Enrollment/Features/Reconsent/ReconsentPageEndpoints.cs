using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Pages;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Protocol;
using Trial.Web.Layout;

namespace Trial.Enrollment.Features.Reconsent;

/// <summary>
/// The coordinator's list of who must consent again (/reconsents). The verb's own query decides who is listed, so the
/// page shows exactly what the API does for the same user: their centres, their organisation's view, coordinators and
/// the trial manager only (other roles get the 403 page).
/// </summary>
internal static class ReconsentPageEndpoints
{
    public static void MapReconsentPages(this WebApplication app)
    {
        app.MapStaffPageGroup().MapGet("/reconsents", (HttpContext c, ParticipantReconsent reconsent, TrialProtocol protocol, TrialCalendar calendar,
            ProtocolLabels labels, CancellationToken ct) => StaffPageGuard.Guarded(c, async language => Page.Show<ReconsentDuePage>(language, new()
        {
            [nameof(ReconsentDuePage.Due)] = await reconsent.DueAsync(StaffUser.From(c.User), ct),
            [nameof(ReconsentDuePage.FormInForce)] = protocol.ConsentFormOn(calendar.Today)?.Version,
            [nameof(ReconsentDuePage.Labels)] = labels,
            [nameof(ReconsentDuePage.Language)] = language,
            [nameof(ReconsentDuePage.Menu)] = StaffMenus.Of(c),
        })));
    }
}
