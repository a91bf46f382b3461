using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Deaths;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Reconsent;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.ScreeningCorrection;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Web.Forms;
using Trial.Web.Layout;
using Trial.Web.Localisation;
using static Trial.Enrollment.Features.Pages.StaffPageGuard;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// The staff pages of the trial service: sign-in, participant list, screening, a participant's page with the actions
/// their state allows, and randomisation behind a confirmation. They call the same verbs as the API, so the rules
/// are the same; a refusal is shown on the form in the page's language.
/// </summary>
internal static class StaffPageEndpoints
{
    public static void MapStaffPages(this WebApplication app)
    {
        // Reads ?lang= too: a page with no address of its own sends its language link here (StaffLanguage.Home).
        app.MapGet("/", (HttpContext c) =>
        {
            StaffLanguage.Of(c);
            return Results.Redirect(c.User.Identity?.IsAuthenticated == true ? StaffMenuSource.Home(StaffRole.Of(c.User)) : "/login");
        }).ExcludeFromDescription();
        app.MapGet("/login", (HttpContext c, string? returnUrl) => Login(c, null, returnUrl, FieldErrors.None, StatusCodes.Status200OK)).ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext c, IFormCollection form, StaffSignIn signIn, CancellationToken ct) =>
        {
            var language = StaffLanguage.Of(c);
            var outcome = await signIn.SignInAsync(form["username"].ToString(), form["password"].ToString(), AccessEndpoints.ClientAddress(c), ct);
            if (outcome.User is not { } user)
            {
                // 401 for a wrong password, 429 (with Retry-After) while locked: the same statuses as the token endpoint.
                var status = AccessEndpoints.Refused(c, outcome).StatusCode;
                return Login(c, form["username"], form["returnUrl"],
                    new FieldErrors { ["username"] = TextsIn.Of(c, language)[outcome.RetryAfter is null ? "login.wrong" : "login.locked"] }, status);
            }
            await c.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                StaffClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, outcome.SignedInAt));
            var returnUrl = form["returnUrl"].ToString();
            // Only a local path: never an open redirect.
            return Results.Redirect(LocalPath.Is(returnUrl) ? returnUrl : StaffMenuSource.Home(StaffRole.Find(user.Role)));
        }).ExcludeFromDescription();
        app.MapPost("/logout", async (HttpContext c, IFormCollection _, StaffDirectory staff, CancellationToken ct) =>
        {
            // Ends every session of the user (a copied cookie too), not just this browser's.
            if (Guid.TryParse(c.User.FindFirstValue(ClaimTypes.NameIdentifier), out var userId))
            {
                await staff.RevokeSessionsAsync(userId, ct);
            }
            await c.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login");
        }).ExcludeFromDescription();

        var pages = app.MapStaffPageGroup();
        pages.MapGet("/participants", ListAsync);
        pages.MapGet("/screen", (HttpContext c, TrialProtocol protocol) => Guarded(c, l =>
            Task.FromResult(Screening(c, l, protocol, new Dictionary<string, string?>(), FieldErrors.None, StatusCodes.Status200OK))));
        pages.MapPost("/screen", ScreenAsync);
        pages.MapGet("/participants/{id:guid}", (Guid id, HttpContext c, string? saved, CancellationToken ct) =>
            Guarded(c, l => DetailAsync(c, l, id, new Dictionary<string, string?>(), FieldErrors.None, saved, StatusCodes.Status200OK, ct)));
        pages.MapPost("/participants/{id:guid}/{action:regex(^(consent|withdraw|death|paper|mistaken|correct|reconsent)$)}", ChangeAsync);
        pages.MapGet("/participants/{id:guid}/randomise", (Guid id, HttpContext c, ParticipantQueries q, CancellationToken ct) =>
            Guarded(c, async l => Confirm(c, l, await q.DetailAsync(ParticipantId.FromRoute(id), StaffUser.From(c.User), ct), Guid.NewGuid().ToString("D"),
                FieldErrors.None, StatusCodes.Status200OK)));
        pages.MapPost("/participants/{id:guid}/randomise", RandomiseAsync);
    }

    private static Task<IResult> ListAsync(HttpContext c, string? q, string? state, string? centre, string? page, ParticipantQueries queries,
        ProtocolLabels labels, CancellationToken ct) => Guarded(c, async language =>
    {
        var user = StaffUser.From(c.User);
        var texts = TextsIn.Of(c, language);
        var errors = new FieldErrors();
        var search = new ParticipantSearch(string.IsNullOrEmpty(centre) ? null : centre, q, string.IsNullOrEmpty(state) ? null : state,
            PageNumber.Read(page, errors, texts));
        // A filter that cannot be used is an error on its field and lists nobody: the whole list in its place would
        // look like the answer to the search that was typed.
        var result = new ParticipantListResult([], 0, search.Page, search.PageSize);
        if (errors.Count == 0)
        {
            try
            {
                result = await queries.SearchAsync(user, search, ct);
            }
            catch (RejectedException e) when (e.Kind == RejectionKind.Invalid && e.Field is { } field)
            {
                errors[field] = texts[field == "q" ? "list.search-too-long" : "form.choose-one"];
            }
        }
        return Page.Show<ParticipantListPage>(language, new()
        {
            [nameof(ParticipantListPage.Errors)] = errors,
            [nameof(ParticipantListPage.TypedPage)] = page,
            [nameof(ParticipantListPage.Result)] = result,
            [nameof(ParticipantListPage.Search)] = search,
            [nameof(ParticipantListPage.Language)] = language,
            [nameof(ParticipantListPage.Labels)] = labels,
            [nameof(ParticipantListPage.Menu)] = StaffMenus.Of(c),
            [nameof(ParticipantListPage.Centres)] = Centres(user, labels),
            [nameof(ParticipantListPage.ShowNames)] = user.SeesIdentities,
        }, errors.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
    });

    private static Task<IResult> ScreenAsync(HttpContext c, IFormCollection form, TrialProtocol protocol, ParticipantScreening screening,
        CancellationToken ct) => Guarded(c, async language =>
    {
        var values = Values(form);
        var texts = TextsIn.Of(c, language);
        var (answers, errors) = CriterionAnswers(protocol, values, texts, "c.");
        if (values.GetValueOrDefault("language") is not ("nb-NO" or "en"))
        {
            errors["language"] = texts["form.choose-one"];
        }
        if (string.IsNullOrWhiteSpace(values.GetValueOrDefault("screenedOn")))
        {
            errors["screenedOn"] = texts["form.required"];
        }
        if (errors.Count > 0)
        {
            return Screening(c, language, protocol, values, errors, StatusCodes.Status400BadRequest);
        }
        try
        {
            var result = await screening.ScreenAsync(new ScreeningRequest(values.GetValueOrDefault("centre"), null, DateEntry.ToIso(values.GetValueOrDefault("screenedOn"), language),
                new PersonDetails(values.GetValueOrDefault("name"), values.GetValueOrDefault("nationalId"), Blank(values.GetValueOrDefault("phone")),
                    Blank(values.GetValueOrDefault("email")), values.GetValueOrDefault("language")), answers,
                Blank(values.GetValueOrDefault("severity")), Blank(values.GetValueOrDefault("education"))), StaffUser.From(c.User), ct);
            return Results.Redirect($"/participants/{result.ParticipantId}?saved=screening");
        }
        catch (RejectedException e) when (e.Kind is RejectionKind.Invalid or RejectionKind.Conflict)
        {
            return Screening(c, language, protocol, values, PageRejection.Errors(e, texts, "nationalId"), StatusCodes.Status400BadRequest);
        }
    });

    private static Task<IResult> ChangeAsync(Guid id, string action, HttpContext c, IFormCollection form, CancellationToken ct) => Guarded(c, async language =>
    {
        var values = Values(form);
        var user = StaffUser.From(c.User);
        var pid = ParticipantId.FromRoute(id);
        var s = c.RequestServices;
        var texts = TextsIn.Of(c, language);
        try
        {
            switch (action)
            {
                case "consent":
                    var errors = new FieldErrors();
                    if (values.GetValueOrDefault("decision") is not ("given" or "declined"))
                    {
                        errors["decision"] = texts["form.choose-one"];
                    }
                    if (values.GetValueOrDefault("decision") == "given" && values.GetValueOrDefault("registerLinkage") is not ("yes" or "no"))
                    {
                        errors["registerLinkage"] = texts["form.choose-one"];
                    }
                    if (errors.Count > 0)
                    {
                        return await DetailAsync(c, language, id, values, errors, null, StatusCodes.Status400BadRequest, ct);
                    }
                    await s.GetRequiredService<ParticipantConsent>().RecordAsync(pid, new ConsentRequest(values["decision"], values.GetValueOrDefault("formVersion"),
                        DateEntry.ToIso(values.GetValueOrDefault("consentedOn"), language), values.GetValueOrDefault("registerLinkage") == "yes"), user, ct);
                    break;
                case "withdraw":
                    await s.GetRequiredService<ParticipantWithdrawal>().RecordAsync(pid, new WithdrawalRequest(values.GetValueOrDefault("scope"),
                        DateEntry.ToIso(values.GetValueOrDefault("effectiveOn"), language), Blank(values.GetValueOrDefault("reason"))), user, ct);
                    break;
                case "paper":
                    // The page's key, made when the form was shown: a double submit replays the same allocation.
                    await s.GetRequiredService<ParticipantRandomisation>().EnterPaperAllocationAsync(pid, new PaperAllocationRequest(
                        Blank(values.GetValueOrDefault("paper.arm")), DateEntry.ToIso(values.GetValueOrDefault("paper.randomisedOn"), language),
                        Blank(values.GetValueOrDefault("paper.reason")), Blank(values.GetValueOrDefault("paper.code"))), values.GetValueOrDefault("paper.key"), user, ct);
                    break;
                case "mistaken":
                    await s.GetRequiredService<MistakenRandomisation>().MarkAsync(pid, new MistakeRequest(Blank(values.GetValueOrDefault("mistaken.reason")),
                        Blank(values.GetValueOrDefault("mistaken.code"))),
                        user, ct);
                    break;
                case "correct":
                    var (corrected, answerErrors) = CriterionAnswers(s.GetRequiredService<TrialProtocol>(), values, texts, "correction.c.");
                    if (answerErrors.Count > 0)
                    {
                        return await DetailAsync(c, language, id, values, answerErrors, null, StatusCodes.Status400BadRequest, ct);
                    }
                    await s.GetRequiredService<ScreeningCorrectionService>().CorrectAsync(pid, new ScreeningCorrectionRequest(
                        Blank(values.GetValueOrDefault("correction.reasonCode")), corrected, Blank(values.GetValueOrDefault("correction.severity")),
                        Blank(values.GetValueOrDefault("correction.education")), Blank(values.GetValueOrDefault("correction.note"))), user, ct);
                    break;
                case "reconsent":
                    await s.GetRequiredService<ParticipantReconsent>().RecordAsync(pid, new ReconsentRequest(values.GetValueOrDefault("reconsent.formVersion")), user, ct);
                    break;
                default:
                    await s.GetRequiredService<ParticipantDeath>().RecordAsync(pid, new DeathRequest(DateEntry.ToIso(values.GetValueOrDefault("diedOn"), language)), user, ct);
                    break;
            }
            return Results.Redirect($"/participants/{id}?saved={action}");
        }
        catch (RejectedException e) when (e.Kind is RejectionKind.Invalid or RejectionKind.Conflict)
        {
            var conflictField = action switch
            {
                "consent" => "decision", "withdraw" => "scope", "death" => "diedOn", "correct" => "reasonCode", "reconsent" => "formVersion", _ => "reason",
            };
            var errors = PageRejection.Errors(e, texts, conflictField);
            if (action is "paper" or "mistaken" or "correct" or "reconsent")
            {
                // These forms' fields carry the form's name, as the page has other forms with a "reason".
                errors = PageRejection.Prefixed(errors, action == "correct" ? "correction" : action);
            }
            return await DetailAsync(c, language, id, values, errors, null, StatusCodes.Status400BadRequest, ct);
        }
    });

    private static Task<IResult> RandomiseAsync(Guid id, HttpContext c, IFormCollection form, ParticipantQueries queries, ParticipantRandomisation randomisation,
        ProtocolLabels labels, CancellationToken ct) => Guarded(c, async language =>
    {
        var user = StaffUser.From(c.User);
        var key = form["idempotencyKey"].ToString();
        try
        {
            // No date: the service's own date decides the allocation period (concealment).
            var outcome = await randomisation.RandomiseAsync(ParticipantId.FromRoute(id), new RandomiseRequest(), key, user, ct);
            var r = outcome.Allocation;
            return Page.Show<RandomisedPage>(language, new()
            {
                [nameof(RandomisedPage.ParticipantId)] = id,
                [nameof(RandomisedPage.ResearchId)] = r.ResearchId,
                [nameof(RandomisedPage.ArmName)] = labels.Arm(r.Arm, language),
                [nameof(RandomisedPage.RandomisedOn)] = NodaTime.Text.LocalDatePattern.Iso.Parse(r.RandomisedOn).Value.ToString("d", language.Culture()),
                [nameof(RandomisedPage.Language)] = language,
                [nameof(RandomisedPage.Menu)] = StaffMenus.Of(c),
            });
        }
        catch (RejectedException e) when (e.Kind == RejectionKind.Conflict && e.Code == "already-randomised")
        {
            // The user got this far on the participant's own confirmation page, so they may open the participant's page.
            return StaffRefusal.Show(c, language, "randomise.already", StatusCodes.Status409Conflict, $"/participants/{id}");
        }
        catch (RejectedException e) when (e.Kind is RejectionKind.Invalid or RejectionKind.Conflict)
        {
            var participant = await queries.DetailAsync(ParticipantId.FromRoute(id), user, ct);
            return Confirm(c, language, participant, Guid.NewGuid().ToString("D"), PageRejection.Errors(e, TextsIn.Of(c, language), "randomise"),
                StatusCodes.Status400BadRequest);
        }
    });

    /// <summary>
    /// The yes/no criterion answers of the screening or correction form (fields "{prefix}{code}"). No default: an
    /// unanswered criterion is an error to correct, never a "no".
    /// </summary>
    private static (Dictionary<string, bool> Answers, FieldErrors Errors) CriterionAnswers(TrialProtocol protocol, IReadOnlyDictionary<string, string?> values,
        TextsIn texts, string prefix)
    {
        var answers = new Dictionary<string, bool>(StringComparer.Ordinal);
        var errors = new FieldErrors();
        foreach (var criterion in protocol.Eligibility.Where(e => e.Rule == CriterionRule.YesNo))
        {
            switch (values.GetValueOrDefault(prefix + criterion.Code))
            {
                case "yes": answers[criterion.Code] = true; break;
                case "no": answers[criterion.Code] = false; break;
                default: errors[prefix + criterion.Code] = texts["form.choose-one"]; break;
            }
        }
        return (answers, errors);
    }

    private static IResult Login(HttpContext c, string? userName, string? returnUrl, FieldErrors errors, int status)
    {
        var language = StaffLanguage.Of(c);
        return Page.Show<LoginPage>(language, new()
        {
            [nameof(LoginPage.Language)] = language,
            [nameof(LoginPage.UserName)] = userName,
            [nameof(LoginPage.ReturnUrl)] = returnUrl,
            [nameof(LoginPage.Errors)] = errors,
        }, status);
    }

    private static IResult Screening(HttpContext c, TextLanguage language, TrialProtocol protocol, IReadOnlyDictionary<string, string?> values,
        FieldErrors errors, int status)
    {
        var user = StaffUser.From(c.User);
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var labels = c.RequestServices.GetRequiredService<ProtocolLabels>();
        var (severity, education) = ClassificationOptions(c, user, labels, language);
        return Page.Show<ScreeningPage>(language, new()
        {
            [nameof(ScreeningPage.Language)] = language,
            [nameof(ScreeningPage.Criteria)] = protocol.Eligibility.Where(e => e.Rule == CriterionRule.YesNo).ToList(),
            [nameof(ScreeningPage.Centres)] = Centres(user, labels),
            [nameof(ScreeningPage.SeverityOptions)] = severity,
            [nameof(ScreeningPage.EducationOptions)] = education,
            [nameof(ScreeningPage.Menu)] = StaffMenus.Of(c),
            [nameof(ScreeningPage.Values)] = values,
            [nameof(ScreeningPage.Errors)] = errors,
        }, status);
    }

    private static async Task<IResult> DetailAsync(HttpContext c, TextLanguage language, Guid id, IReadOnlyDictionary<string, string?> values,
        FieldErrors errors, string? saved, int status, CancellationToken ct)
    {
        var user = StaffUser.From(c.User);
        var participant = await c.RequestServices.GetRequiredService<ParticipantQueries>().DetailAsync(ParticipantId.FromRoute(id), user, ct);
        var protocol = c.RequestServices.GetRequiredService<TrialProtocol>();
        var labels = c.RequestServices.GetRequiredService<ProtocolLabels>();
        var inForce = protocol.ConsentFormOn(c.RequestServices.GetRequiredService<TrialCalendar>().Today);
        var reconsentDue = ReconsentDue.IsDue(protocol, inForce, Enum.Parse<ParticipantState>(participant.State), participant.DiedOn is not null,
            participant.ConsentFormVersion, participant.Withdrawals.Select(WithdrawalEffects.Parse).OfType<WithdrawalScope>());
        var (severity, education) = ClassificationOptions(c, user, labels, language);
        return Page.Show<ParticipantDetailPage>(language, new()
        {
            [nameof(ParticipantDetailPage.P)] = participant,
            [nameof(ParticipantDetailPage.Language)] = language,
            [nameof(ParticipantDetailPage.Labels)] = labels,
            [nameof(ParticipantDetailPage.Actions)] = ParticipantActions.For(participant, user.HasRole(StaffRole.Coordinator, StaffRole.TrialManager),
                user.HasRole(StaffRole.TrialManager), await TrialLocks.StageAsync(c.RequestServices.GetRequiredService<TrialDbContext>(), ct), reconsentDue),
            [nameof(ParticipantDetailPage.FormInForce)] = inForce?.Version,
            [nameof(ParticipantDetailPage.Criteria)] = protocol.Eligibility.Where(e => e.Rule == CriterionRule.YesNo).ToList(),
            [nameof(ParticipantDetailPage.SeverityOptions)] = severity,
            [nameof(ParticipantDetailPage.EducationOptions)] = education,
            [nameof(ParticipantDetailPage.ConsentVersions)] = protocol.ConsentForms.Select(f => new ChoiceOption(f.Version, f.Version)).ToList(),
            [nameof(ParticipantDetailPage.Arms)] = protocol.Arms.Select(a => new ChoiceOption(a.Code.Value, labels.Arm(a.Code.Value, language))).ToList(),
            [nameof(ParticipantDetailPage.PaperKey)] = values.GetValueOrDefault("paper.key") ?? Guid.NewGuid().ToString("D"),
            [nameof(ParticipantDetailPage.Menu)] = StaffMenus.Of(c),
            [nameof(ParticipantDetailPage.Undelivered)] = user.HasRole(StaffRole.Coordinator, StaffRole.TrialManager)
                ? await c.RequestServices.GetRequiredService<Trial.Followup.Coordinator.IUndeliveredMessages>().UndeliveredOfAsync(participant.ParticipantId, ct)
                : [],
            [nameof(ParticipantDetailPage.Values)] = values,
            [nameof(ParticipantDetailPage.Errors)] = errors,
            [nameof(ParticipantDetailPage.Notice)] = saved is "screening" or "consent" or "withdraw" or "death" or "paper" or "mistaken" or "baseline" or "correct" or "reconsent"
                ? saved : null,
        }, status);
    }

    /// <summary>
    /// The MINI severity and education choices of the screening and correction forms, in words. Each is offered only to
    /// a user whose organisation may record it (a NAV user is not offered the severity): empty otherwise.
    /// </summary>
    private static (List<ChoiceOption> Severity, List<ChoiceOption> Education) ClassificationOptions(HttpContext c, StaffUser user, ProtocolLabels labels,
        TextLanguage language)
    {
        var access = c.RequestServices.GetRequiredService<OrganisationAccess>();
        List<ChoiceOption> Options(string field, IEnumerable<string> codes) => access.MayRecord(user, "screening." + field)
            ? codes.Select(code => new ChoiceOption(code, labels.BaselineCode(field, code, language))).ToList()
            : [];
        return (Options("severity", ScreeningClassification.SeverityCodes), Options("education", ScreeningClassification.EducationCodes));
    }

    private static IResult Confirm(HttpContext c, TextLanguage language, ParticipantView participant, string key, FieldErrors errors, int status) =>
        Page.Show<RandomiseConfirmPage>(language, new()
        {
            [nameof(RandomiseConfirmPage.P)] = participant,
            [nameof(RandomiseConfirmPage.Language)] = language,
            [nameof(RandomiseConfirmPage.Key)] = key,
            [nameof(RandomiseConfirmPage.Date)] = c.RequestServices.GetRequiredService<TrialCalendar>().Today.ToString("d", language.Culture()),
            [nameof(RandomiseConfirmPage.Menu)] = StaffMenus.Of(c),
            [nameof(RandomiseConfirmPage.Errors)] = errors,
        }, status);

    private static List<ChoiceOption> Centres(StaffUser user, ProtocolLabels labels) =>
        user.Centres.Select(x => new ChoiceOption(x.Value, labels.Centre(x.Value))).ToList();

    internal static Dictionary<string, string?> Values(IFormCollection form) =>
        form.Where(f => !f.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
