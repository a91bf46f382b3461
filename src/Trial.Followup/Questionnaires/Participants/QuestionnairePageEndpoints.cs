using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Questionnaires.Links;
using Trial.Web.Layout;
using Trial.Web.Localisation;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// GET and POST /q/{token}: the participant's questionnaire, one instrument per page. A post carries the fields of
/// its page (names "q.{instrument}.{item}"), "submission" (a GUID that makes a repeated submission harmless), "lang",
/// "step" and "action": next/back (save the draft, then go on), save (save, stay, say so) or submit (draft and posted
/// fields together, validated as a whole). Stable for scripted participants: one post with every field and
/// action=submit still submits.
/// </summary>
internal static class QuestionnairePageEndpoints
{
    public static IEndpointRouteBuilder MapParticipantPages(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + QuestionnaireLinks.PathPrefix).RequireRateLimiting(TokenRateLimit.PolicyName).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            Secure(http.Response);
            var limit = http.RequestServices.GetRequiredService<TokenRateLimit>();
            if (!limit.MayTry(http))
            {
                http.Response.Headers.RetryAfter = limit.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Message("too-many", Chosen(http) ?? TextLanguage.NbNo, StatusCodes.Status429TooManyRequests);
            }
            return await next(context);
        });
        group.MapGet("/{token}", GetAsync).ExcludeFromDescription();
        group.MapPost("/{token}", PostAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string token, int? step, bool? saved, HttpContext http, ParticipantQuestionnaire questionnaire,
        CancellationToken cancellationToken)
    {
        var result = await questionnaire.OpenAsync(token, cancellationToken);
        if (result.Outcome != ParticipantOutcome.Ready)
        {
            return Refusal(http, result);
        }
        var at = step ?? QuestionnaireView.ResumeStep(result);
        return Form(http, result, at, Guid.NewGuid(), saved == true, StatusCodes.Status200OK);
    }

    private static async Task<IResult> PostAsync(string token, HttpContext http, ParticipantQuestionnaire questionnaire, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Message("bad-form", Chosen(http) ?? TextLanguage.NbNo, StatusCodes.Status400BadRequest);
        }
        if (http.Request.ContentLength > ParticipantFormLimits.MaxBodyBytes)
        {
            return Message("bad-form", Chosen(http) ?? TextLanguage.NbNo, StatusCodes.Status413PayloadTooLarge);
        }
        var form = await ParticipantFormLimits.TryReadAsync(http.Request, cancellationToken);
        if (form is null)
        {
            return Message("bad-form", Chosen(http) ?? TextLanguage.NbNo, StatusCodes.Status400BadRequest);
        }
        if (!Guid.TryParse(form["submission"].ToString(), out var submission) || submission == Guid.Empty)
        {
            return Message("bad-form", Chosen(http) ?? TextLanguage.NbNo, StatusCodes.Status400BadRequest);
        }
        var posted = form.Where(f => f.Key.StartsWith("q.", StringComparison.Ordinal))
            .ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        var step = int.TryParse(form["step"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var s) ? Math.Max(0, s) : 0;
        var action = form["action"].ToString();
        // Answers saved on earlier pages count (a draft save replaces the whole draft); what this post carries wins.
        var opened = await questionnaire.OpenAsync(token, cancellationToken);
        var fields = opened.Values.Where(v => !posted.ContainsKey(v.Key)).Concat(posted).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (action is "submit" or "")
        {
            var submitted = await questionnaire.SubmitAsync(token, submission, fields, cancellationToken);
            return submitted.Outcome switch
            {
                ParticipantOutcome.Invalid => Form(http, submitted, QuestionnaireView.ErrorStep(submitted), submission, false, StatusCodes.Status400BadRequest),
                _ => Refusal(http, submitted),
            };
        }
        var result = await questionnaire.SaveDraftAsync(token, fields, cancellationToken);
        return result.Outcome switch
        {
            ParticipantOutcome.Invalid => Form(http, result, step, submission, false, StatusCodes.Status400BadRequest),
            ParticipantOutcome.Saved => Results.Redirect(action switch
            {
                "next" => $"?step={step + 1}{LanguageQuery(http)}",
                "back" => $"?step={Math.Max(0, step - 1)}{LanguageQuery(http)}",
                _ => $"?step={step}&saved=true{LanguageQuery(http)}",
            }),
            _ => Refusal(http, result),
        };
    }

    private static IResult Form(HttpContext http, ParticipantResult result, int step, Guid submission, bool saved, int status)
    {
        var view = new QuestionnaireView(result, Language(http, result.Link.Language), QuestionnaireView.Within(result, step),
            submission, saved);
        return Page.Show<QuestionnairePage>(view.Language, new() { [nameof(QuestionnairePage.View)] = view }, status);
    }

    private static IResult Refusal(HttpContext http, ParticipantResult result)
    {
        var language = Language(http, result.Link.Language);
        return result.Outcome switch
        {
            ParticipantOutcome.Stored or ParticipantOutcome.AlreadyReceived => Message("thanks", language, StatusCodes.Status200OK),
            ParticipantOutcome.LinkUnknown => UnknownLink(http, language),
            ParticipantOutcome.LinkExpired => Message("expired", language, StatusCodes.Status410Gone),
            ParticipantOutcome.LinkUsed => Message("used", language, StatusCodes.Status409Conflict),
            ParticipantOutcome.OccasionClosed => Message("closed", language, StatusCodes.Status409Conflict),
            _ => throw new InvalidOperationException($"Unknown outcome {result.Outcome}."),
        };
    }

    /// <summary>Only an unknown link uses up the failure budget: a participant opening, saving and submitting uses nothing.</summary>
    private static IResult UnknownLink(HttpContext http, TextLanguage language)
    {
        http.RequestServices.GetRequiredService<TokenRateLimit>().Failed(http);
        return Message("unknown", language, StatusCodes.Status404NotFound);
    }

    private static IResult Message(string kind, TextLanguage language, int status) =>
        Page.Show<QuestionnaireMessage>(language, new() { [nameof(QuestionnaireMessage.Kind)] = kind, [nameof(QuestionnaireMessage.Language)] = language }, status);

    /// <summary>The language recorded at screening, unless the participant switched on the page (?lang= or the form's lang).</summary>
    private static TextLanguage Language(HttpContext http, string? occasionLanguage) =>
        Chosen(http) ?? TextLanguages.TryParse(occasionLanguage) ?? TextLanguage.NbNo;

    private static TextLanguage? Chosen(HttpContext http)
    {
        var requested = http.Request.Query["lang"].ToString();
        // Only a form already read successfully: reading it here again would throw on an oversized or hostile body.
        if (string.IsNullOrEmpty(requested) && http.Features.Get<IFormFeature>()?.Form is { } form && form.TryGetValue("lang", out var posted))
        {
            requested = posted.ToString();
        }
        return TextLanguages.TryParse(requested);
    }

    private static string LanguageQuery(HttpContext http) => Chosen(http) is { } l ? $"&lang={l.Tag()}" : "";

    /// <summary>The token is in the URL: keep it out of caches and referrers; the page needs no script.</summary>
    private static void Secure(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["X-Robots-Tag"] = "noindex";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";
    }
}
