using System.Globalization;

namespace Trial.Followup.Instruments;

/// <summary>
/// Checks submitted fields ("q.&lt;instrument&gt;.&lt;item&gt;" → text) against the occasion's instruments: each value
/// must be a whole number the item accepts; under <see cref="CompletenessPolicy.Submission"/> required items must be
/// answered. Fields naming an instrument or item the occasion does not ask are errors too.
/// </summary>
public static class AnswerValidator
{
    public const string FieldPrefix = "q.";

    public static string FieldName(string instrument, string item) => $"{FieldPrefix}{instrument}.{item}";

    public static AnswerValidation Validate(IReadOnlyList<InstrumentDefinition> instruments, IReadOnlyDictionary<string, string?> fields, CompletenessPolicy policy)
    {
        var errors = new List<AnswerError>();
        var answers = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        foreach (var key in fields.Keys.Where(k => k.StartsWith(FieldPrefix, StringComparison.Ordinal)))
        {
            var parts = key[FieldPrefix.Length..].Split('.', 2);
            var instrument = instruments.FirstOrDefault(i => string.Equals(i.Code, parts[0], StringComparison.Ordinal));
            if (parts.Length != 2 || instrument?.FindItem(parts[1]) is null)
            {
                errors.Add(new AnswerError(parts[0], parts.Length == 2 ? parts[1] : "", new LocalisedText(
                    $"Feltet «{key}» hører ikke til dette skjemaet.", $"The field '{key}' is not part of this questionnaire.")));
            }
        }
        foreach (var instrument in instruments)
        {
            var values = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var item in instrument.Items)
            {
                var text = fields.GetValueOrDefault(FieldName(instrument.Code, item.Code))?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    if (policy == CompletenessPolicy.Submission && item.Requirement == ItemRequirement.Required)
                    {
                        errors.Add(new AnswerError(instrument.Code, item.Code, new LocalisedText("Dette spørsmålet må besvares.", "Please answer this question.")));
                    }
                    continue;
                }
                if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                {
                    errors.Add(new AnswerError(instrument.Code, item.Code, new LocalisedText(
                        $"Svaret må være et helt tall fra {item.Minimum} til {item.Maximum}.", $"The answer must be a whole number from {item.Minimum} to {item.Maximum}.")));
                    continue;
                }
                if (item.Reject(value) is not null)
                {
                    errors.Add(new AnswerError(instrument.Code, item.Code, item.Kind == ItemResponseKind.Integer
                        ? new LocalisedText($"Svaret må være fra {item.Minimum} til {item.Maximum}.", $"The answer must be from {item.Minimum} to {item.Maximum}.")
                        : new LocalisedText("Velg ett av svaralternativene.", "Choose one of the answer options.")));
                    continue;
                }
                values[item.Code] = value;
            }
            answers[instrument.Code] = values;
        }
        return new AnswerValidation(new AnswerSet(answers), errors);
    }
}
