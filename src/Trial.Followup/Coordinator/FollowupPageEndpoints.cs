using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using NodaTime;
using NodaTime.Text;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Instruments;
using Trial.Followup.Occasions;
using Trial.Web.Forms;
using Trial.Web.Layout;
using Trial.Web.Localisation;

namespace Trial.Followup.Coordinator;

/// <summary>
/// The coordinator's follow-up pages: /followup/centres/{centre} (status and phone list) and
/// /followup/occasions/{id}/answers (enter answers taken by phone or on paper; fields "mode", "answeredOn" and
/// "q.{instrument}.{item}"). Sign-in is the host's cookie; another centre's page is refused.
/// </summary>
internal static class FollowupPageEndpoints
{
    public static IEndpointRouteBuilder MapFollowupPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/followup/centres/{centre}", WorklistAsync).ExcludeFromDescription();
        endpoints.MapGet("/followup/occasions/{occasionId:guid}/answers", EntryAsync).ExcludeFromDescription();
        endpoints.MapPost("/followup/occasions/{occasionId:guid}/answers", StoreAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> WorklistAsync(string centre, HttpContext http, CentreStatusQuery query, IServiceProvider services,
        FollowupHostOptions options, CancellationToken cancellationToken)
    {
        var language = StaffLanguage.Of(http);
        if (Refused(http, centre, language) is { } refused)
        {
            return refused;
        }
        var contacts = services.GetService(typeof(IContactDirectory)) as IContactDirectory;
        var tasks = await query.PhoneTasksAsync(centre, cancellationToken);
        var undelivered = await query.UndeliveredAsync(centre, cancellationToken);
        var researchIds = http.RequestServices.GetService(typeof(IResearchIds)) is IResearchIds directory
            ? await directory.OfAsync(tasks.Select(t => t.Participant).Concat(undelivered.Select(m => m.Participant)).ToList(), cancellationToken)
            : new Dictionary<Guid, string>();
        var rows = new List<PhoneTaskRow>();
        foreach (var task in tasks)
        {
            var address = contacts is null ? null : await contacts.FindAsync(ParticipantRef.From(task.Participant), cancellationToken);
            rows.Add(new PhoneTaskRow(task, address?.MobilePhone, researchIds.GetValueOrDefault(task.Participant)));
        }
        return Page.Show<FollowupWorklistPage>(language, new()
        {
            [nameof(FollowupWorklistPage.Status)] = await query.StatusAsync(centre, cancellationToken),
            [nameof(FollowupWorklistPage.Tasks)] = rows,
            [nameof(FollowupWorklistPage.Undelivered)] = undelivered,
            [nameof(FollowupWorklistPage.ResearchIds)] = researchIds,
            [nameof(FollowupWorklistPage.Language)] = language,
            [nameof(FollowupWorklistPage.Zone)] = options.TimeZone,
            [nameof(FollowupWorklistPage.Menu)] = StaffMenus.Of(http),
            [nameof(FollowupWorklistPage.Labels)] = http.RequestServices.GetService(typeof(ITrialLabels)) as ITrialLabels,
        });
    }

    private static async Task<IResult> EntryAsync(Guid occasionId, HttpContext http, ManualResponses manual, CancellationToken cancellationToken)
    {
        var language = StaffLanguage.Of(http);
        var occasion = await manual.FindAsync(OccasionId.From(occasionId), cancellationToken);
        if (occasion is null)
        {
            return StaffRefusal.Show(http, language, "refusal.not-found", StatusCodes.Status404NotFound);
        }
        return Refused(http, occasion.Centre, language) ?? Entry(http, language, occasion, manual, new Dictionary<string, string?>(), FieldErrors.None, StatusCodes.Status200OK);
    }

    private static async Task<IResult> StoreAsync(Guid occasionId, HttpContext http, IFormCollection form, ManualResponses manual, IClock clock,
        FollowupHostOptions options, CancellationToken cancellationToken)
    {
        var language = StaffLanguage.Of(http);
        var occasion = await manual.FindAsync(OccasionId.From(occasionId), cancellationToken);
        if (occasion is null)
        {
            return StaffRefusal.Show(http, language, "refusal.not-found", StatusCodes.Status404NotFound);
        }
        if (Refused(http, occasion.Centre, language) is { } refused)
        {
            return refused;
        }
        var values = form.ToDictionary(f => f.Key, f => (string?)f.Value.ToString(), StringComparer.Ordinal);
        var errors = new FieldErrors();
        var answers = new Dictionary<string, Dictionary<string, int?>>(StringComparer.Ordinal);
        foreach (var (field, value) in values.Where(v => v.Key.StartsWith("q.", StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(v.Value)))
        {
            var parts = field.Split('.', 3);
            if (parts.Length == 3 && int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                (answers.TryGetValue(parts[1], out var items) ? items : answers[parts[1]] = new(StringComparer.Ordinal))[parts[2]] = number;
            }
            else
            {
                errors[field] = TextsIn.Of(http, language)["fu.whole-number"];
            }
        }
        Instant? answeredAt = null;
        var answeredOn = values.GetValueOrDefault("answeredOn");
        if (string.IsNullOrWhiteSpace(answeredOn))
        {
            errors["answeredOn"] = TextsIn.Of(http, language)["form.required"];
        }
        else if (DateEntry.Read(answeredOn, language) is { } typed)
        {
            // Noon in the trial's zone: a date typed from a paper form, never in the future when it is today.
            var date = LocalDate.FromDateOnly(typed);
            var now = clock.GetCurrentInstant();
            var at = date.At(new LocalTime(12, 0)).InZoneLeniently(options.TimeZone).ToInstant();
            answeredAt = at > now && date == now.InZone(options.TimeZone).Date ? now : at;
        }
        else
        {
            errors["answeredOn"] = TextsIn.Of(http, language)["form.date-format"];
        }
        if (values.GetValueOrDefault("mode") is not ("phone" or "paper"))
        {
            errors["mode"] = TextsIn.Of(http, language)["form.choose-one"];
        }
        if (errors.Count == 0)
        {
            var entry = await manual.RecordAsync(OccasionId.From(occasionId), http.User, new ManualResponseRequest(values["mode"], answeredAt, answers), cancellationToken);
            switch (entry.Outcome)
            {
                case ManualEntryOutcome.Stored:
                    return Results.Redirect($"/followup/centres/{occasion.Centre}?stored={occasionId}");
                case ManualEntryOutcome.OccasionClosed:
                    errors["mode"] = TextsIn.Of(http, language)["fu.occasion-closed"];
                    break;
                case ManualEntryOutcome.EntryLocked:
                    errors["mode"] = TextsIn.Of(http, language)["fu.entry-locked"];
                    break;
                default:
                    foreach (var (field, messages) in entry.Errors)
                    {
                        errors[field == "answers" ? "mode" : field] = field switch
                        {
                            "answers" => TextsIn.Of(http, language)["fu.answer-something"],
                            "answeredAt" => TextsIn.Of(http, language)["fu.not-future"],
                            _ => string.Join(" ", messages),
                        };
                    }
                    break;
            }
        }
        return Entry(http, language, occasion, manual, values, errors, StatusCodes.Status400BadRequest);
    }

    private static IResult Entry(HttpContext http, TextLanguage language, OccasionForEntry occasion, ManualResponses manual,
        IReadOnlyDictionary<string, string?> values, FieldErrors errors, int status) =>
        Page.Show<AnswerEntryPage>(language, new()
        {
            [nameof(AnswerEntryPage.Occasion)] = occasion,
            [nameof(AnswerEntryPage.Instruments)] = manual.Instruments(occasion.Code, http.User),
            [nameof(AnswerEntryPage.Language)] = language,
            [nameof(AnswerEntryPage.Menu)] = StaffMenus.Of(http),
            [nameof(AnswerEntryPage.Values)] = values,
            [nameof(AnswerEntryPage.Errors)] = errors,
        }, status);

    private static IResult? Refused(HttpContext http, string centre, TextLanguage language) => CentreAccess.Decide(http.User, centre) switch
    {
        AccessDecision.Allowed => null,
        AccessDecision.Unauthenticated => Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(http.Request.Path + http.Request.QueryString)),
        AccessDecision.NotYourRole => StaffRefusal.Show(http, language, "refusal.not-your-role", StatusCodes.Status403Forbidden),
        _ => StaffRefusal.Show(http, language, "refusal.not-your-centre", StatusCodes.Status403Forbidden),
    };
}
