using System.Text.Json;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Baseline;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Protocol.Baseline;
using Trial.Web.Forms;
using Trial.Web.Layout;
using Trial.Web.Localisation;

namespace Trial.Enrollment.Features.Pages;

/// <summary>
/// The protocol's baseline form on a page, for a consented participant. The form's answers go to the same verb as
/// PUT /api/participants/{id}/baseline as the JSON it takes, so the API's rules (required, type, range, codes,
/// date) decide; a refusal is shown on the field it names with everything typed kept. The page shows only the fields
/// the user's organisation may record.
/// </summary>
internal static class BaselinePageEndpoints
{
    public static void MapBaselinePages(this WebApplication app)
    {
        var pages = app.MapStaffPageGroup();
        pages.MapGet("/participants/{id:guid}/baseline", (Guid id, HttpContext c, ParticipantBaseline baseline, TrialCalendar calendar, CancellationToken ct) =>
            StaffPageGuard.Guarded(c, async language =>
            {
                var current = await baseline.ReadAsync(ParticipantId.FromRoute(id), StaffUser.From(c.User), ct);
                var values = current.Values.ToDictionary(v => "values." + v.Key, v => v.Value, StringComparer.Ordinal);
                values["recordedOn"] = calendar.Today.ToString("R", null);
                return await FormAsync(c, language, id, current.RecordedOn, values, FieldErrors.None, StatusCodes.Status200OK, ct);
            }));
        pages.MapPost("/participants/{id:guid}/baseline", (Guid id, HttpContext c, IFormCollection form, ParticipantBaseline baseline, TrialProtocol protocol,
            CancellationToken ct) => StaffPageGuard.Guarded(c, async language =>
        {
            var values = StaffPageEndpoints.Values(form);
            try
            {
                await baseline.RecordAsync(ParticipantId.FromRoute(id), new BaselineRequest(DateEntry.ToIso(values.GetValueOrDefault("recordedOn"), language), Answers(protocol.Baseline, values)),
                    StaffUser.From(c.User), ct);
                return Results.Redirect($"/participants/{id}?saved=baseline");
            }
            catch (RejectedException e) when (e.Kind is RejectionKind.Invalid or RejectionKind.Conflict)
            {
                var previous = (await baseline.ReadAsync(ParticipantId.FromRoute(id), StaffUser.From(c.User), ct)).RecordedOn;
                return await FormAsync(c, language, id, previous, values, PageRejection.Errors(e, TextsIn.Of(c, language), "recordedOn"),
                    StatusCodes.Status400BadRequest, ct);
            }
        }));
    }

    /// <summary>
    /// The form's texts as the API's JSON: "true"/"false" for yes/no, a number when the text is one (else the text,
    /// which the verb refuses as not a whole number), a code; empty or "unknown" is not known.
    /// </summary>
    private static Dictionary<string, JsonElement> Answers(BaselineForm form, IReadOnlyDictionary<string, string?> values)
    {
        var answers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var field in form.Fields)
        {
            var text = values.GetValueOrDefault("values." + field.Code)?.Trim();
            if (string.IsNullOrEmpty(text) || text == "unknown")
            {
                continue;
            }
            answers[field.Code] = field.Type switch
            {
                BaselineFieldType.Boolean when text is "true" or "false" => JsonSerializer.SerializeToElement(text == "true"),
                BaselineFieldType.Integer when long.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign,
                    System.Globalization.CultureInfo.InvariantCulture, out var number) => JsonSerializer.SerializeToElement(number),
                _ => JsonSerializer.SerializeToElement(text),
            };
        }
        return answers;
    }

    /// <summary>The fields the user's organisation may record (protocol fieldAccess); the verb refuses any other that is posted.</summary>
    private static BaselineForm RecordableForm(HttpContext c, StaffUser user)
    {
        var access = c.RequestServices.GetRequiredService<OrganisationAccess>();
        var form = c.RequestServices.GetRequiredService<TrialProtocol>().Baseline;
        return new BaselineForm(form.Fields.Where(f => access.MayRecord(user, "baseline." + f.Code)).ToList());
    }

    private static async Task<IResult> FormAsync(HttpContext c, TextLanguage language, Guid id, string? recordedBefore,
        IReadOnlyDictionary<string, string?> values, FieldErrors errors, int status, CancellationToken ct)
    {
        var user = StaffUser.From(c.User);
        user.RequireRole(StaffRole.Coordinator, StaffRole.TrialManager);
        var participant = await c.RequestServices.GetRequiredService<ParticipantQueries>().DetailAsync(ParticipantId.FromRoute(id), user, ct);
        if (!ParticipantBaseline.Accepts(Enum.Parse<ParticipantState>(participant.State)))
        {
            throw RejectedException.Conflict("not-consented", "The baseline form is recorded for consented participants.");
        }
        return Page.Show<BaselinePage>(language, new()
        {
            [nameof(BaselinePage.P)] = participant,
            [nameof(BaselinePage.Form)] = RecordableForm(c, user),
            [nameof(BaselinePage.RecordedBefore)] = recordedBefore,
            [nameof(BaselinePage.Values)] = values,
            [nameof(BaselinePage.Errors)] = errors,
            [nameof(BaselinePage.Language)] = language,
            [nameof(BaselinePage.Menu)] = StaffMenus.Of(c),
        }, status);
    }
}
