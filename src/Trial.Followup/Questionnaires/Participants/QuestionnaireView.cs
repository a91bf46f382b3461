using System.Globalization;
using Trial.Followup.Instruments;
using Trial.Web.Forms;
using Trial.Web.Localisation;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// The questionnaire is shown a short page at a time ("step"): one instrument, or part of a long one
/// (<see cref="QuestionnairePart"/>). Field names stay "q.{instrument}.{item}" on every page, so a single post with
/// every field (paper-like) still works.
/// </summary>
public sealed record QuestionnaireView(ParticipantResult Result, TextLanguage Language, int Step, Guid Submission, bool Saved)
{
    private IReadOnlyList<QuestionnairePart>? _parts;

    public IReadOnlyList<QuestionnairePart> Parts => _parts ??= QuestionnairePart.Of(Result.Instruments);

    public int Steps => Math.Max(1, Parts.Count);

    public bool IsLast => Step >= Steps - 1;

    /// <summary>This step's page; null only for a questionnaire without instruments.</summary>
    public QuestionnairePart? Part => Parts.Count == 0 ? null : Parts[Math.Clamp(Step, 0, Steps - 1)];

    /// <summary>The errors of this page's items, in the page's language.</summary>
    public FieldErrors Errors
    {
        get
        {
            var errors = new FieldErrors();
            foreach (var error in Result.Errors.Where(e => Part?.Holds(e.Instrument, e.Item) == true))
            {
                errors[error.Field] = error.Message.For(Language);
            }
            return errors;
        }
    }

    /// <summary>A requested step within the pages (an old bookmark may name a step that no longer exists).</summary>
    public static int Within(ParticipantResult result, int step) => Math.Clamp(step, 0, Math.Max(0, QuestionnairePart.Of(result.Instruments).Count - 1));

    /// <summary>The step to open: the first with an unanswered required item, so a participant resumes where they stopped.</summary>
    public static int ResumeStep(ParticipantResult result)
    {
        var parts = QuestionnairePart.Of(result.Instruments);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Items.Any(item => item.Requirement == ItemRequirement.Required
                    && string.IsNullOrEmpty(result.Values.GetValueOrDefault(AnswerValidator.FieldName(parts[i].Instrument.Code, item.Code)))))
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>The step holding the first error, so the participant sees what to correct.</summary>
    public static int ErrorStep(ParticipantResult result)
    {
        if (result.Errors.Count == 0)
        {
            return 0;
        }
        var first = result.Errors[0];
        var parts = QuestionnairePart.Of(result.Instruments);
        var holding = parts.ToList().FindIndex(p => p.Holds(first.Instrument, first.Item));
        return holding >= 0 ? holding : Math.Max(0, parts.ToList().FindIndex(p => p.Instrument.Code == first.Instrument));
    }

    /// <summary>Choice items, and short integer scales such as the ladder, as radio buttons; wide ones (EQ VAS) as a number field.</summary>
    public static IReadOnlyList<ChoiceOption>? Options(ItemDefinition item, TextLanguage language) =>
        item.Kind == ItemResponseKind.Choice
            ? item.Options.Select(o => new ChoiceOption(o.Value.ToString(CultureInfo.InvariantCulture), o.Label.For(language))).ToList()
            : item.Maximum - item.Minimum <= 10
                ? Enumerable.Range(item.Minimum, item.Maximum - item.Minimum + 1)
                    .Select(v => new ChoiceOption(v.ToString(CultureInfo.InvariantCulture), Scaled(item, v, language))).ToList()
                : null;

    public static string RangeHint(ItemDefinition item, TextLanguage language) =>
        $"{item.MinimumLabel?.For(language) ?? item.Minimum.ToString(CultureInfo.InvariantCulture)} – {item.MaximumLabel?.For(language) ?? item.Maximum.ToString(CultureInfo.InvariantCulture)}";

    private static string Scaled(ItemDefinition item, int value, TextLanguage language) =>
        value == item.Minimum && item.MinimumLabel is { } low ? $"{value} – {low.For(language)}"
        : value == item.Maximum && item.MaximumLabel is { } high ? $"{value} – {high.For(language)}"
        : value.ToString(CultureInfo.InvariantCulture);
}
