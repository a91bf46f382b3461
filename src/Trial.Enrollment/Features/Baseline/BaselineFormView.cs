using Trial.Protocol.Baseline;
using Trial.Protocol.Files;

namespace Trial.Enrollment.Features.Baseline;

/// <summary>The baseline form as the API shows it, so pages and clients build the form from the protocol.</summary>
public sealed record BaselineFormView(IReadOnlyList<BaselineFormView.Field> Fields)
{
    /// <param name="Label">Keyed by language tag: "nb-NO" and "en".</param>
    public sealed record Field(string Code, string Type, bool Required, IReadOnlyDictionary<string, string> Label, IReadOnlyList<Code> Codes, int? Min, int? Max);

    public sealed record Code(string Value, IReadOnlyDictionary<string, string> Label);

    public static BaselineFormView Of(BaselineForm form) => new(form.Fields.Select(f => new Field(
        f.Code, f.Type.ToString().ToLowerInvariant(), f.Required, Texts(f.Label), f.Codes.Select(c => new Code(c.Code, Texts(c.Label))).ToList(), f.Min, f.Max)).ToList());

    private static Dictionary<string, string> Texts(LocalisedText text) =>
        new() { [LocalisedText.NorwegianTag] = text.NorwegianBokmal, [LocalisedText.EnglishTag] = text.English };
}
