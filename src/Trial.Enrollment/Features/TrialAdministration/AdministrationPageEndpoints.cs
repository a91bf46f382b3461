using System.Security.Cryptography;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Pages;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Web.Forms;
using Trial.Web.Layout;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.TrialAdministration;

/// <summary>
/// The trial manager's administration pages: the trial's lock stage with closing recruitment and locking follow-up
/// (<see cref="TrialLocks"/>), and staff accounts (<see cref="StaffDirectory"/>, the same code as the users CLI).
/// Only a trial manager of every centre may open them; the verbs check their own rules again.
/// </summary>
internal static class AdministrationPageEndpoints
{
    public static void MapAdministrationPages(this WebApplication app)
    {
        var pages = app.MapStaffPageGroup("/manager");
        pages.MapGet("/trial", (HttpContext c, string? saved, TrialLocks locks, CancellationToken ct) =>
            Managed(c, (user, language) => LockPageAsync(c, language, user, locks, saved, null, FieldErrors.None, StatusCodes.Status200OK, ct)));
        pages.MapPost("/trial/{step:regex(^(close-recruitment|lock-followup)$)}", (string step, HttpContext c, IFormCollection form, TrialLocks locks,
            CancellationToken ct) => Managed(c, async (user, language) =>
        {
            var reason = form["reason"].ToString();
            try
            {
                if (step == "close-recruitment")
                {
                    await locks.CloseRecruitmentAsync(user, reason, ct);
                }
                else
                {
                    await locks.LockFollowupAsync(user, reason, ct);
                }
                return Results.Redirect($"/manager/trial?saved={step}");
            }
            catch (RejectedException e) when (e.Kind is RejectionKind.Invalid or RejectionKind.Conflict)
            {
                return await LockPageAsync(c, language, user, locks, null, reason, PageRejection.Errors(e, TextsIn.Of(c, language), "reason"),
                    StatusCodes.Status400BadRequest, ct);
            }
        }));
        pages.MapGet("/users", (HttpContext c, StaffDirectory staff, CancellationToken ct) =>
            Managed(c, (_, language) => UsersPageAsync(c, language, staff, null, new Dictionary<string, string?>(), [], FieldErrors.None, StatusCodes.Status200OK, ct)));
        pages.MapPost("/users", (HttpContext c, IFormCollection form, StaffDirectory staff, CancellationToken ct) => Managed(c, async (user, language) =>
        {
            var values = StaffPageEndpoints.Values(form);
            var centres = form["centres"].Where(x => !string.IsNullOrEmpty(x)).Select(x => x!).ToList();
            var texts = TextsIn.Of(c, language);
            var errors = new FieldErrors();
            if (centres.Count == 0)
            {
                errors["centres"] = texts["form.choose-at-least-one"];
            }
            if (string.IsNullOrEmpty(values.GetValueOrDefault("role")))
            {
                errors["role"] = texts["form.choose-one"];
            }
            if (string.IsNullOrEmpty(values.GetValueOrDefault("organisation")))
            {
                errors["organisation"] = texts["form.choose-one"];
            }
            if (errors.Count > 0)
            {
                return await UsersPageAsync(c, language, staff, null, values, centres, errors, StatusCodes.Status400BadRequest, ct);
            }
            var username = values.GetValueOrDefault("username")?.Trim() ?? "";
            var password = NewPassword();
            try
            {
                await staff.AddAsync(username, StaffPageEndpoints.Blank(values.GetValueOrDefault("displayName"))?.Trim() ?? username, password,
                    values["role"]!, values["organisation"]!, centres, ct, user.UserId);
            }
            catch (RejectedException e) when (e.Kind is RejectionKind.Invalid or RejectionKind.Conflict)
            {
                return await UsersPageAsync(c, language, staff, null, values, centres, PageRejection.Errors(e, texts, "username"),
                    StatusCodes.Status400BadRequest, ct);
            }
            return await UsersPageAsync(c, language, staff, new UsersPage.Done("added", username, password), new Dictionary<string, string?>(), [],
                FieldErrors.None, StatusCodes.Status200OK, ct);
        }));
        pages.MapPost("/users/{change:regex(^(disable|reset-password)$)}", (string change, HttpContext c, IFormCollection form, StaffDirectory staff,
            CancellationToken ct) => Managed(c, async (user, language) =>
        {
            var username = form["username"].ToString();
            string? password = null;
            if (change == "disable")
            {
                await staff.DisableAsync(username, user.UserId, ct);
            }
            else
            {
                password = NewPassword();
                await staff.ResetPasswordAsync(username, password, user.UserId, ct);
            }
            return await UsersPageAsync(c, language, staff, new UsersPage.Done(change, username, password), new Dictionary<string, string?>(), [],
                FieldErrors.None, StatusCodes.Status200OK, ct);
        }));
    }

    /// <summary>Runs a page for a trial manager of every centre; anyone else gets the 403 page.</summary>
    private static Task<IResult> Managed(HttpContext c, Func<StaffUser, TextLanguage, Task<IResult>> page) => StaffPageGuard.Guarded(c, language =>
    {
        var user = StaffUser.From(c.User);
        if (!user.ManagesWholeTrial(c.RequestServices.GetRequiredService<TrialProtocol>()))
        {
            throw RejectedException.Forbidden(AccessRefusal.WholeTrial, "Only a trial manager of the whole trial may administer it.");
        }
        return page(user, language);
    });

    private static async Task<IResult> LockPageAsync(HttpContext c, TextLanguage language, StaffUser user, TrialLocks locks, string? saved, string? reason,
        FieldErrors errors, int status, CancellationToken ct) => Page.Show<TrialLockPage>(language, new()
    {
        [nameof(TrialLockPage.Status)] = await locks.StatusAsync(user, ct) is var r
            ? new TrialLockPage.Stages(r.Stage, r.RecruitmentClosedAt, r.RecruitmentClosedBy, r.RecruitmentReason, r.FollowupLockedAt, r.FollowupLockedBy,
                r.FollowupReason, r.DatabaseLockedAt, r.DatabaseLockedBy)
            : null,
        [nameof(TrialLockPage.Zone)] = c.RequestServices.GetRequiredService<TrialProtocol>().TimeZone,
        [nameof(TrialLockPage.Saved)] = saved is "close-recruitment" or "lock-followup" ? saved : null,
        [nameof(TrialLockPage.Reason)] = reason,
        [nameof(TrialLockPage.Errors)] = errors,
        [nameof(TrialLockPage.Language)] = language,
        [nameof(TrialLockPage.Menu)] = StaffMenus.Of(c),
    }, status);

    private static async Task<IResult> UsersPageAsync(HttpContext c, TextLanguage language, StaffDirectory staff, UsersPage.Done? done,
        IReadOnlyDictionary<string, string?> values, IReadOnlyCollection<string> centres, FieldErrors errors, int status, CancellationToken ct) =>
        Page.Show<UsersPage>(language, new()
        {
            [nameof(UsersPage.Users)] = (await staff.ListAsync(ct)).Select(u => new UsersPage.Account(u.Username, u.DisplayName, StaffRole.Find(u.Role), u.Organisation,
                u.Centres.Split(';', StringSplitOptions.RemoveEmptyEntries), u.StateAt(c.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()))).ToList(),
            [nameof(UsersPage.Self)] = StaffUser.From(c.User).UserId,
            [nameof(UsersPage.Protocol)] = c.RequestServices.GetRequiredService<TrialProtocol>(),
            [nameof(UsersPage.Labels)] = c.RequestServices.GetRequiredService<ProtocolLabels>(),
            [nameof(UsersPage.Result)] = done,
            [nameof(UsersPage.Values)] = values,
            [nameof(UsersPage.Centres)] = centres,
            [nameof(UsersPage.Errors)] = errors,
            [nameof(UsersPage.Language)] = language,
            [nameof(UsersPage.Menu)] = StaffMenus.Of(c),
        }, status);

    /// <summary>
    /// A first or reset password, shown once to the trial manager to hand over: 20 characters from an alphabet without
    /// look-alikes (about 115 bits), well over the directory's minimum length.
    /// </summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789", 20);
}
