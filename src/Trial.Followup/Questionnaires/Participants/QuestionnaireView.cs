using System.Globalization;
using Trial.Followup.Instruments;
using Trial.Web.Forms;
using Trial.Web.Localisation;

namespace Trial.Followup.Questionnaires.Participants;

/// <summary>
/// The questionnaire is shown one instrument per page ("step"), so a page on a phone stays short. Field names stay
/// "q.{instrument}.{item}" on every page, so a single post with every field (paper-like) still works.
/// </summary>
public sealed record QuestionnaireView(ParticipantResult Result, TextLanguage Language, int Step, Guid Submission, bool Saved)
{
    public int Steps => Math.Max(1, Result.Instruments.Count);

    public bool IsLast => Step >= Steps - 1;

    public InstrumentDefinition? Instrument => Result.Instruments.Count == 0 ? null : Result.Instruments[Math.Clamp(Step, 0, Steps - 1)];

    /// <summary>The errors of this step's instrument, in the page's language.</summary>
    public FieldErrors Errors
    {
        get
        {
            var errors = new FieldErrors();
            foreach (var error in Result.Errors.Where(e => e.Instrument == Instrument?.Code))
            {
                errors[error.Field] = error.Message.For(Language);
            }
            return errors;
        }
    }

    /// <summary>The step to open: the first with an unanswered required item, so a participant resumes where they stopped.</summary>
    public static int ResumeStep(ParticipantResult result)
    {
        for (var i = 0; i < result.Instruments.Count; i++)
        {
            var instrument = result.Instruments[i];
            if (instrument.Items.Any(item => item.Requirement == ItemRequirement.Required
                    && string.IsNullOrEmpty(result.Values.GetValueOrDefault(AnswerValidator.FieldName(instrument.Code, item.Code)))))
            {
                return i;
            }
        }
        return 0;
    }

    /// <summary>The step holding the first error, so the participant sees what to correct.</summary>
    public static int ErrorStep(ParticipantResult result) =>
        result.Errors.Count == 0 ? 0 : Math.Max(0, result.Instruments.ToList().FindIndex(i => i.Code == result.Errors[0].Instrument));

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
