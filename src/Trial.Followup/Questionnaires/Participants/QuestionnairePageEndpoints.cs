using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Instruments;
using Trial.Followup.Questionnaires.Links;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>GET and POST /q/{token}: the participant's questionnaire, its draft save and its submission.</summary>
internal static class QuestionnairePageEndpoints
{
    public static IEndpointRouteBuilder MapParticipantPages(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/" + QuestionnaireLinks.PathPrefix).AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            Secure(http.Response);
            var limit = http.RequestServices.GetRequiredService<TokenRateLimit>();
            if (!await limit.TryAcquireAsync(http))
            {
                http.Response.Headers.RetryAfter = limit.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return Page(StatusCodes.Status429TooManyRequests, QuestionnaireHtml.Message(Language(http, null), PageTexts.TooManyTitle, PageTexts.TooMany));
            }
            return await next(context);
        });
        group.MapGet("/{token}", GetAsync).ExcludeFromDescription();
        group.MapPost("/{token}", PostAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(string token, HttpContext http, ParticipantQuestionnaire questionnaire, CancellationToken cancellationToken)
    {
        var result = await questionnaire.OpenAsync(token, cancellationToken);
        return Render(http, result, Guid.NewGuid(), FormBanner.None);
    }

    private static async Task<IResult> PostAsync(string token, HttpContext http, ParticipantQuestionnaire questionnaire, CancellationToken cancellationToken)
    {
        if (!http.Request.HasFormContentType)
        {
            return Page(StatusCodes.Status400BadRequest, QuestionnaireHtml.Message(Language(http, null), PageTexts.BadFormTitle, PageTexts.BadForm));
        }
        if (http.Request.ContentLength > ParticipantFormLimits.MaxBodyBytes)
        {
            return Page(StatusCodes.Status413PayloadTooLarge, QuestionnaireHtml.Message(Language(http, null), PageTexts.BadFormTitle, PageTexts.BadForm));
        }
        var form = await ParticipantFormLimits.TryReadAsync(http.Request, cancellationToken);
        if (form is null)
        {
            return Page(StatusCodes.Status400BadRequest, QuestionnaireHtml.Message(Language(http, null), PageTexts.BadFormTitle, PageTexts.BadForm));
        }
        var fields = form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        if (!Guid.TryParse(form["submission"].ToString(), out var submission) || submission == Guid.Empty)
        {
            return Page(StatusCodes.Status400BadRequest, QuestionnaireHtml.Message(Language(http, null), PageTexts.BadFormTitle, PageTexts.BadForm));
        }
        var result = string.Equals(form["action"].ToString(), "save", StringComparison.Ordinal)
            ? await questionnaire.SaveDraftAsync(token, fields, cancellationToken)
            : await questionnaire.SubmitAsync(token, submission, fields, cancellationToken);
        return Render(http, result, submission, result.Outcome == ParticipantOutcome.Saved ? FormBanner.Saved : FormBanner.None);
    }

    private static IResult Render(HttpContext http, ParticipantResult result, Guid submission, FormBanner banner)
    {
        var language = Language(http, result.Link.Language);
        return result.Outcome switch
        {
            ParticipantOutcome.Ready or ParticipantOutcome.Saved => Page(StatusCodes.Status200OK, QuestionnaireHtml.Form(result, language, submission, banner)),
            ParticipantOutcome.Invalid => Page(StatusCodes.Status400BadRequest, QuestionnaireHtml.Form(result, language, submission, banner)),
            ParticipantOutcome.Stored or ParticipantOutcome.AlreadyReceived => Page(StatusCodes.Status200OK, QuestionnaireHtml.Message(language, PageTexts.ThanksTitle, PageTexts.Thanks)),
            ParticipantOutcome.LinkUnknown => Page(StatusCodes.Status404NotFound, QuestionnaireHtml.Message(language, PageTexts.UnknownTitle, PageTexts.Unknown)),
            ParticipantOutcome.LinkExpired => Page(StatusCodes.Status410Gone, QuestionnaireHtml.Message(language, PageTexts.ExpiredTitle, PageTexts.Expired)),
            ParticipantOutcome.LinkUsed => Page(StatusCodes.Status409Conflict, QuestionnaireHtml.Message(language, PageTexts.UsedTitle, PageTexts.Used)),
            ParticipantOutcome.OccasionClosed => Page(StatusCodes.Status409Conflict, QuestionnaireHtml.Message(language, PageTexts.ClosedTitle, PageTexts.Closed)),
            _ => throw new InvalidOperationException($"Unknown outcome {result.Outcome}."),
        };
    }

    /// <summary>?lang= (or the form's lang field) wins, then the occasion's language, then nb-NO.</summary>
    private static TextLanguage Language(HttpContext http, string? occasionLanguage)
    {
        var requested = http.Request.Query["lang"].ToString();
        // Only a form already read successfully: reading it here again would throw on an oversized or hostile body.
        if (string.IsNullOrEmpty(requested) && http.Features.Get<IFormFeature>()?.Form is { } form && form.TryGetValue("lang", out var posted))
        {
            requested = posted.ToString();
        }
        return TextLanguages.TryParse(requested) ?? TextLanguages.TryParse(occasionLanguage) ?? TextLanguage.NbNo;
    }

    private static IResult Page(int status, string html) => Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);

    /// <summary>The token is in the URL: keep it out of caches and referrers; the page needs no script.</summary>
    private static void Secure(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["X-Robots-Tag"] = "noindex";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";
    }
}
