using NodaTime;
using NodaTime.Text;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Consort;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Features.Pages;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Web.Forms;
using Trial.Web.Layout;
using Trial.Web.Localisation;
using static Trial.Enrollment.Features.Pages.StaffPageGuard;

namespace Trial.Enrollment.Features.Overview;

/// <summary>
/// Pages for the roles that do not enrol: the trial manager's overview (/manager), the auditor's log and chain check
/// (/audit) and the statistician's database lock (/statistician). Each refuses other roles with a 403 page.
/// </summary>
internal static class OverviewPageEndpoints
{
    public static void MapOverviewPages(this WebApplication app)
    {
        var pages = app.MapStaffPageGroup();
        pages.MapGet("/manager", async (HttpContext c, ConsortCounts consort, RecruitmentQuery recruitment, TrialProtocol protocol, ProtocolLabels labels,
            CancellationToken ct) => await Guarded(c, [StaffRole.TrialManager], async (user, language) => Page.Show<ManagerPage>(language, new()
        {
            [nameof(ManagerPage.Consort)] = await consort.ComputeForAsync(user, ct),
            [nameof(ManagerPage.Recruited)] = await recruitment.ListAsync(user, ct),
            [nameof(ManagerPage.Centres)] = user.Centres.Select(x => x.Value).ToList(),
            [nameof(ManagerPage.Protocol)] = protocol,
            [nameof(ManagerPage.Labels)] = labels,
            [nameof(ManagerPage.Language)] = language,
            [nameof(ManagerPage.Menu)] = StaffMenus.Of(c),
        })));
        pages.MapGet("/audit", async (HttpContext c, string? chain, string? action, string? actor, string? from, string? to, string? page, AuditLog log,
            TrialDbContext db, TrialProtocol protocol, ProtocolLabels labels, CancellationToken ct) => await Guarded(c, [StaffRole.Auditor, StaffRole.TrialManager], async (user, language) =>
        {
            var texts = TextsIn.Of(c, language);
            var (filter, errors) = AuditFilter.Read(chain, action, actor, from, to, page, protocol, language, texts);
            // A filter with an error lists nothing: not the unfiltered log, which could be taken for the answer. Another
            // centre's chain is refused (403 page) before anything is read.
            var entries = errors.Count == 0 ? await log.ReadAsync(user, filter, ct) : null;
            return Page.Show<AuditPage>(language, new()
            {
                [nameof(AuditPage.Verification)] = await AuditVerifier.VerifyAsync(db, ct),
                [nameof(AuditPage.Entries)] = entries,
                [nameof(AuditPage.Filter)] = filter,
                // Dates that were read are written in the page's language (a link from the other language brings its form).
                [nameof(AuditPage.Typed)] = new Dictionary<string, string?>
                {
                    ["from"] = filter.From is { } f && errors.For("from") is null ? DateEntry.ShowDate(f.ToDateOnly(), language) : from,
                    ["to"] = filter.To is { } t && errors.For("to") is null ? DateEntry.ShowDate(t.ToDateOnly(), language) : to,
                    ["page"] = page,
                },
                [nameof(AuditPage.Errors)] = errors,
                [nameof(AuditPage.Chains)] = user.Centres.Select(x => new ChoiceOption(x.Value, labels.Centre(x.Value))).Append(new ChoiceOption(AuditTrail.TrialChain, texts["audit.trial-chain"])).ToList(),
                [nameof(AuditPage.Zone)] = protocol.TimeZone.Id,
                [nameof(AuditPage.Language)] = language,
                [nameof(AuditPage.Menu)] = StaffMenus.Of(c),
            }, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        }));
        pages.MapGet("/statistician", (HttpContext c, CancellationToken _) => Guarded(c, [StaffRole.Statistician], (_, language) => Task.FromResult(Statistician(c, language, null, null, null))));
        pages.MapPost("/statistician/export", (HttpContext c, IFormCollection _, DataPackageExport export, TrialHostOptions options, IClock clock, CancellationToken ct) =>
            Guarded(c, [StaffRole.Statistician], async (user, language) =>
            {
                var stamp = LocalDateTimePattern.CreateWithInvariantCulture("uuuuMMdd'-'HHmmss").Format(clock.GetCurrentInstant().InUtc().LocalDateTime);
                var folder = Path.GetFullPath(Path.Combine(options.DataDirectory, "exports", stamp));
                try
                {
                    Directory.CreateDirectory(folder);
                    var manifest = await export.WriteAsync(folder, user.UserId, ct);
                    return Statistician(c, language, manifest, folder, null);
                }
                catch (RejectedException e)
                {
                    return Statistician(c, language, null, null, e.Message);
                }
            }));
    }

    private static IResult Statistician(HttpContext c, TextLanguage language, Trial.Protocol.Package.PackageManifest? manifest, string? folder, string? error) =>
        Page.Show<StatisticianPage>(language, new()
        {
            [nameof(StatisticianPage.Language)] = language,
            [nameof(StatisticianPage.Menu)] = StaffMenus.Of(c),
            [nameof(StatisticianPage.Manifest)] = manifest,
            [nameof(StatisticianPage.Folder)] = folder,
            [nameof(StatisticianPage.Error)] = error,
        }, error is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict);
}
