using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Trial.Followup.Instruments;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>Server-rendered, mobile-first HTML for the participant pages. No script; plain form posts.</summary>
internal static class QuestionnaireHtml
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f4;color:#1b1b1b;line-height:1.45}
        main{max-width:42rem;margin:0 auto;padding:1rem}
        h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}
        fieldset{border:1px solid #ccc;border-radius:.5rem;background:#fff;margin:0 0 1rem;padding:.75rem}
        fieldset.invalid{border:2px solid #b00020}
        legend{font-weight:600;padding:0 .25rem}
        .options label{display:flex;gap:.6rem;align-items:center;min-height:2.75rem;padding:.2rem 0}
        .options input{width:1.4rem;height:1.4rem}
        input[type=number]{font-size:1.2rem;width:7rem;padding:.4rem}
        .error,.summary{color:#b00020}.summary{border:2px solid #b00020;background:#fff;padding:.75rem;border-radius:.5rem}
        .notice{background:#fff3cd;border-left:4px solid #b58900;padding:.5rem}
        .saved{background:#e6f4ea;border-left:4px solid #1e7e34;padding:.5rem}
        .actions{display:flex;flex-wrap:wrap;gap:.75rem;margin:1.5rem 0}
        button{font-size:1.05rem;padding:.75rem 1.1rem;border-radius:.4rem;border:1px solid #333;background:#fff}
        button.primary{background:#1d4f91;color:#fff;border-color:#1d4f91}
        """;

    public static string Form(ParticipantResult result, TextLanguage language, Guid submissionId, FormBanner banner)
    {
        var errors = result.Errors.ToDictionary(e => e.Field, e => e.Message.For(language), StringComparer.Ordinal);
        var html = new StringBuilder();
        var occasion = PageTexts.Occasion(result.Link.OccasionCode!).For(language);
        Head(html, language, $"{PageTexts.Title.For(language)} – {occasion}");
        html.Append("<h1>").Append(E(PageTexts.Title.For(language))).Append(" – ").Append(E(occasion)).Append("</h1>");
        var other = language == TextLanguage.NbNo ? TextLanguage.En : TextLanguage.NbNo;
        html.Append("<p><a href=\"?lang=").Append(E(other.Tag())).Append("\" lang=\"").Append(E(other.Tag())).Append("\">").Append(E(PageTexts.OtherLanguage.For(language))).Append("</a></p>");
        if (banner == FormBanner.Saved)
        {
            html.Append("<p class=\"saved\" role=\"status\" id=\"saved\">").Append(E(PageTexts.Saved.For(language))).Append("</p>");
        }
        if (result.Errors.Count > 0)
        {
            html.Append("<div class=\"summary\" role=\"alert\" id=\"errors\"><p>").Append(E(PageTexts.ErrorSummary.For(language))).Append("</p><ul>");
            foreach (var error in result.Errors)
            {
                var item = result.Instruments.FirstOrDefault(i => i.Code == error.Instrument)?.FindItem(error.Item);
                html.Append("<li><a href=\"#").Append(E(Id(error.Field))).Append("\">")
                    .Append(E(item is null ? error.Field : item.Text.For(language))).Append("</a>: ").Append(E(error.Message.For(language))).Append("</li>");
            }
            html.Append("</ul></div>");
        }
        html.Append("<p>").Append(E(PageTexts.Intro.For(language))).Append("</p>");
        if (result.Link.LastDay is { } lastDay)
        {
            var culture = CultureInfo.GetCultureInfo(language.Tag());
            var date = lastDay.ToString("d. MMMM yyyy", culture);
            html.Append("<p id=\"last-day\">").Append(E(string.Format(culture, PageTexts.LastDay.For(language), date))).Append("</p>");
        }
        html.Append("<form method=\"post\" novalidate>");
        html.Append("<input type=\"hidden\" name=\"submission\" value=\"").Append(submissionId.ToString("D")).Append("\">");
        html.Append("<input type=\"hidden\" name=\"lang\" value=\"").Append(E(language.Tag())).Append("\">");
        foreach (var instrument in result.Instruments)
        {
            Instrument(html, instrument, language, result.Values, errors);
        }
        html.Append("<div class=\"actions\"><button type=\"submit\" name=\"action\" value=\"save\" id=\"save\">").Append(E(PageTexts.Save.For(language)))
            .Append("</button><button type=\"submit\" name=\"action\" value=\"submit\" id=\"submit\" class=\"primary\">").Append(E(PageTexts.Submit.For(language))).Append("</button></div>");
        html.Append("</form>");
        return Foot(html);
    }

    public static string Message(TextLanguage language, LocalisedText title, LocalisedText body)
    {
        var html = new StringBuilder();
        Head(html, language, title.For(language));
        html.Append("<h1>").Append(E(title.For(language))).Append("</h1><p id=\"message\">").Append(E(body.For(language))).Append("</p>");
        return Foot(html);
    }

    private static void Instrument(StringBuilder html, InstrumentDefinition instrument, TextLanguage language, IReadOnlyDictionary<string, string?> values, Dictionary<string, string> errors)
    {
        html.Append("<section id=\"i-").Append(E(instrument.Code)).Append("\"><h2>").Append(E(instrument.Title.For(language))).Append("</h2>");
        if (instrument.TextSource == InstrumentTextSource.LicensedPlaceholder)
        {
            html.Append("<p class=\"notice\">").Append(E(PageTexts.Placeholder.For(language))).Append("</p>");
        }
        if (instrument.Instructions is { } instructions)
        {
            html.Append("<p>").Append(E(instructions.For(language))).Append("</p>");
        }
        foreach (var item in instrument.Items)
        {
            Item(html, item, AnswerValidator.FieldName(instrument.Code, item.Code), language, values, errors);
        }
        html.Append("</section>");
    }

    private static void Item(StringBuilder html, ItemDefinition item, string field, TextLanguage language, IReadOnlyDictionary<string, string?> values, Dictionary<string, string> errors)
    {
        var value = values.GetValueOrDefault(field);
        var error = errors.GetValueOrDefault(field);
        html.Append("<fieldset id=\"").Append(E(Id(field))).Append('"').Append(error is null ? "" : " class=\"invalid\"").Append('>');
        html.Append("<legend>").Append(E(item.Text.For(language)));
        if (item.Requirement == ItemRequirement.Required)
        {
            html.Append(" <span class=\"req\">").Append(E(PageTexts.Required.For(language))).Append("</span>");
        }
        html.Append("</legend>");
        if (error is not null)
        {
            html.Append("<p class=\"error\">").Append(E(error)).Append("</p>");
        }
        var options = Options(item);
        if (options is null)
        {
            html.Append("<label>").Append(E(RangeHint(item, language))).Append(" <input type=\"number\" inputmode=\"numeric\" name=\"").Append(E(field))
                .Append("\" min=\"").Append(item.Minimum).Append("\" max=\"").Append(item.Maximum).Append("\" step=\"1\" value=\"").Append(E(value ?? "")).Append("\"></label>");
        }
        else
        {
            html.Append("<div class=\"options\">");
            foreach (var option in options)
            {
                var v = option.Value.ToString(CultureInfo.InvariantCulture);
                html.Append("<label><input type=\"radio\" name=\"").Append(E(field)).Append("\" value=\"").Append(v).Append('"')
                    .Append(string.Equals(value, v, StringComparison.Ordinal) ? " checked" : "").Append("> ")
                    .Append(E(option.Label.For(language))).Append("</label>");
            }
            html.Append("</div>");
        }
        html.Append("</fieldset>");
    }

    /// <summary>Choice items, and short integer scales such as the ladder, render as radio buttons; wide ones as a number field.</summary>
    private static IReadOnlyList<ResponseOption>? Options(ItemDefinition item) =>
        item.Kind == ItemResponseKind.Choice ? item.Options
        : item.Maximum - item.Minimum <= 10
            ? Enumerable.Range(item.Minimum, item.Maximum - item.Minimum + 1)
                .Select(v => new ResponseOption(v, new LocalisedText(Scaled(item, v, TextLanguage.NbNo), Scaled(item, v, TextLanguage.En)))).ToList()
            : null;

    private static string Scaled(ItemDefinition item, int value, TextLanguage language) =>
        value == item.Minimum && item.MinimumLabel is { } low ? low.For(language)
        : value == item.Maximum && item.MaximumLabel is { } high ? high.For(language)
        : value.ToString(CultureInfo.InvariantCulture);

    private static string RangeHint(ItemDefinition item, TextLanguage language) =>
        $"{item.MinimumLabel?.For(language) ?? item.Minimum.ToString(CultureInfo.InvariantCulture)} – {item.MaximumLabel?.For(language) ?? item.Maximum.ToString(CultureInfo.InvariantCulture)}:";

    private static void Head(StringBuilder html, TextLanguage language, string title) =>
        html.Append("<!doctype html><html lang=\"").Append(E(language.Tag())).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">")
            .Append("<title>").Append(E(title)).Append("</title><style>").Append(Style).Append("</style></head><body><main>");

    private static string Foot(StringBuilder html) => html.Append("</main></body></html>").ToString();

    private static string Id(string field) => "f-" + field.Replace('.', '-');

    // Letters such as æ, ø, å stay readable; markup characters are still encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private static string E(string text) => Encoder.Encode(text);
}
