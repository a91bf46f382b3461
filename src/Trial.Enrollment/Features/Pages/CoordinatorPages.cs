using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Consent;
using Trial.Enrollment.Features.Deaths;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Screening;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using static Trial.Enrollment.Features.Pages.PageLayout;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// Minimal server-rendered pages for coordinators: sign in, list, screen, and on a participant's page consent,
/// randomise, withdraw and record a death. They call the same handlers as the API, so the rules are the same.
/// </summary>
internal static class CoordinatorPages
{
    public static void MapCoordinatorPages(this WebApplication app)
    {
        app.MapGet("/", () => Results.Redirect("/participants")).ExcludeFromDescription();
        app.MapGet("/login", (HttpContext c) => LoginPage(c, null)).ExcludeFromDescription();
        app.MapPost("/login", async (HttpContext c, IFormCollection form, StaffSignIn signIn, CancellationToken ct) =>
        {
            var outcome = await signIn.SignInAsync(form["username"].ToString(), form["password"].ToString(), AccessEndpoints.ClientAddress(c), ct);
            if (outcome.User is not { } user)
            {
                c.Response.StatusCode = AccessEndpoints.Refused(c, outcome).StatusCode;
                return LoginPage(c, PageTexts.Get(outcome.RetryAfter is null ? "wrong-login" : "login-locked", Language(c)));
            }
            await c.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                StaffClaims.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, outcome.SignedInAt));
            return Results.Redirect("/participants");
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

        var pages = app.MapGroup("").RequireAuthorization(p => p.AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()).ExcludeFromDescription();
        pages.MapGet("/participants", async (HttpContext c, ParticipantQueries queries, CancellationToken ct) =>
            await Guarded(c, async language =>
            {
                var rows = new StringBuilder();
                foreach (var p in await queries.ListAsync(StaffUser.From(c.User), null, ct))
                {
                    rows.Append($"<tr><td><a href=\"/participants/{p.ParticipantId}\">{E(p.ResearchId)}</a></td><td>{E(p.Centre)}</td>" +
                                $"<td>{E(p.Name)}</td><td>{E(p.State)}</td><td>{E(p.Arm)}</td></tr>");
                }
                return $"<table><tr><th>ID</th><th>{T("centre", language)}</th><th>{T("name", language)}</th><th>{T("state", language)}</th>" +
                       $"<th>{T("arm", language)}</th></tr>{rows}</table>";
            }, "participants"));
        pages.MapGet("/screen", (HttpContext c, TrialProtocol protocol) => ScreenPage(c, protocol, null));
        pages.MapPost("/screen", async (HttpContext c, IFormCollection form, TrialProtocol protocol, ParticipantScreening screening, CancellationToken ct) =>
        {
            var request = new ScreeningRequest(form["centre"], null, form["screenedOn"],
                new PersonDetails(form["name"], form["nationalId"], Blank(form["phone"]), Blank(form["email"]), Language(c)),
                protocol.Eligibility.Where(e => e.Rule == CriterionRule.YesNo).ToDictionary(e => e.Code, e => form[e.Code] == "yes"));
            try
            {
                var result = await screening.ScreenAsync(request, StaffUser.From(c.User), ct);
                return Results.Redirect($"/participants/{result.ParticipantId}");
            }
            catch (RejectedException e)
            {
                return ScreenPage(c, protocol, e.Field is null ? e.Message : $"{e.Field}: {e.Message}");
            }
        });
        pages.MapGet("/participants/{id:guid}", (Guid id, HttpContext c, ParticipantQueries q, TrialProtocol p, CancellationToken ct) =>
            DetailPage(c, id, q, p, null, ct));
        pages.MapPost("/participants/{id:guid}/{action}", async (Guid id, string action, HttpContext c, IFormCollection form, ParticipantQueries q,
            TrialProtocol protocol, CancellationToken ct) =>
        {
            var user = StaffUser.From(c.User);
            var pid = ParticipantId.FromRoute(id);
            var s = c.RequestServices;
            try
            {
                var task = action switch
                {
                    "consent" => s.GetRequiredService<ParticipantConsent>().RecordAsync(pid,
                        new ConsentRequest(form["decision"], form["formVersion"], form["date"], form["registerLinkage"] == "yes"), user, ct),
                    "randomise" => s.GetRequiredService<ParticipantRandomisation>().RandomiseAsync(pid,
                        new RandomiseRequest(Blank(form["date"])), form["idempotencyKey"], user, ct),
                    "withdraw" => s.GetRequiredService<ParticipantWithdrawal>().RecordAsync(pid,
                        new WithdrawalRequest(form["scope"], form["date"], form["reason"]), user, ct),
                    "death" => s.GetRequiredService<ParticipantDeath>().RecordAsync(pid, new DeathRequest(form["date"]), user, ct),
                    _ => throw RejectedException.NotFound("The page"),
                };
                await task;
                return Results.Redirect($"/participants/{id}");
            }
            catch (RejectedException e)
            {
                return await DetailPage(c, id, q, protocol, e.Field is null ? e.Message : $"{e.Field}: {e.Message}", ct);
            }
        });
    }

    private static string T(string key, string language) => PageTexts.Get(key, language);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static async Task<IResult> Guarded(HttpContext c, Func<string, Task<string>> body, string titleKey)
    {
        var language = Language(c);
        try
        {
            return Page(c, language, T(titleKey, language), await body(language));
        }
        catch (RejectedException e)
        {
            c.Response.StatusCode = ProblemMapping.FromRejection(e).Status ?? 400;
            return Page(c, language, T("error", language), $"<p class=\"error\">{E(e.Message)}</p>");
        }
    }

    private static IResult LoginPage(HttpContext c, string? error)
    {
        var l = Language(c);
        return Page(c, l, T("login", l), $"""
            {(error is null ? "" : $"<p class=\"error\">{E(error)}</p>")}
            <form method="post" action="/login">{Token(c)}
            <label>{T("username", l)} <input name="username" autocomplete="username"></label>
            <label>{T("password", l)} <input name="password" type="password" autocomplete="current-password"></label>
            <button>{T("login", l)}</button></form>
            """);
    }

    private static IResult ScreenPage(HttpContext c, TrialProtocol protocol, string? error)
    {
        var l = Language(c);
        var user = StaffUser.From(c.User);
        var centres = string.Concat(user.Centres.Select(x => $"<option>{E(x.Value)}</option>"));
        var criteria = string.Concat(protocol.Eligibility.Where(e => e.Rule == CriterionRule.YesNo).Select(e =>
            $"<label><input type=\"checkbox\" name=\"{E(e.Code)}\" value=\"yes\"> {E(e.Text.For(l))}</label>"));
        return Page(c, l, T("screen", l), $"""
            {(error is null ? "" : $"<p class=\"error\">{E(error)}</p>")}
            <form method="post" action="/screen">{Token(c)}
            <label>{T("centre", l)} <select name="centre">{centres}</select></label>
            <label>{T("date", l)} <input name="screenedOn" type="date"></label>
            <label>{T("name", l)} <input name="name"></label>
            <label>{T("national-id", l)} <input name="nationalId" inputmode="numeric"></label>
            <label>{T("phone", l)} <input name="phone"></label>
            <label>{T("email", l)} <input name="email" type="email"></label>
            {criteria}
            <button>{T("save", l)}</button></form>
            """);
    }

    private static Task<IResult> DetailPage(HttpContext c, Guid id, ParticipantQueries queries, TrialProtocol protocol, string? error, CancellationToken ct) =>
        Guarded(c, async l =>
        {
            var p = await queries.DetailAsync(ParticipantId.FromRoute(id), StaffUser.From(c.User), ct);
            var token = Token(c);
            var versions = string.Concat(protocol.ConsentForms.Select(f => $"<option>{E(f.Version)}</option>"));
            var scopes = string.Concat(Enum.GetValues<WithdrawalScope>().Select(s => $"<option>{WithdrawalEffects.Code(s)}</option>"));
            return $"""
                {(error is null ? "" : $"<p class=\"error\">{E(error)}</p>")}
                <dl><dt>ID</dt><dd>{E(p.ResearchId)}</dd><dt>{T("name", l)}</dt><dd>{E(p.Name)}</dd><dt>{T("centre", l)}</dt><dd>{E(p.Centre)}</dd>
                <dt>{T("state", l)}</dt><dd>{E(p.State)} {E(p.ExclusionReason)}</dd><dt>{T("arm", l)}</dt><dd>{E(p.Arm)} {E(p.Period)} {E(p.RandomisedOn)}</dd>
                <dt>{T("withdrawals", l)}</dt><dd>{E(string.Join(", ", p.Withdrawals))}</dd></dl>
                <h2>{T("consent", l)}</h2><form method="post" action="/participants/{id}/consent">{token}
                <label><input type="radio" name="decision" value="given"> {T("given", l)}</label><label><input type="radio" name="decision" value="declined"> {T("declined", l)}</label>
                <label>{T("form-version", l)} <select name="formVersion">{versions}</select></label><label>{T("date", l)} <input type="date" name="date"></label>
                <label><input type="checkbox" name="registerLinkage" value="yes"> {T("register-linkage", l)}</label><button>{T("save", l)}</button></form>
                <h2>{T("randomise", l)}</h2><form method="post" action="/participants/{id}/randomise">{token}
                <input type="hidden" name="idempotencyKey" value="{Guid.NewGuid()}"><label>{T("date", l)} <input type="date" name="date"></label><button>{T("randomise", l)}</button></form>
                <h2>{T("withdraw", l)}</h2><form method="post" action="/participants/{id}/withdraw">{token}
                <label>{T("scope", l)} <select name="scope">{scopes}</select></label><label>{T("date", l)} <input type="date" name="date"></label>
                <label>{T("reason", l)} <input name="reason"></label><button>{T("save", l)}</button></form>
                <h2>{T("death", l)}</h2><form method="post" action="/participants/{id}/death">{token}
                <label>{T("date", l)} <input type="date" name="date"></label><button>{T("save", l)}</button></form>
                """;
        }, "participants");
}
