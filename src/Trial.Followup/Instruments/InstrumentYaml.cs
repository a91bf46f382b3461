using Trial.Protocol.Files;

namespace Trial.Followup.Instruments;

/// <summary>The instrument files' few conventions on top of the one YAML reader every project shares.</summary>
internal static class InstrumentYaml
{
    /// <summary>The participant-facing text type of Follow-up, read from the shared <c>nb-NO</c>/<c>en</c> mapping.</summary>
    public static LocalisedText Wording(this YamlValue node)
    {
        var text = node.Localised();
        return new LocalisedText(text.NorwegianBokmal, text.English);
    }

    public static LocalisedText? OptionalWording(this YamlValue node, string key) => node.Optional(key)?.Wording();

    /// <summary>Checks the file's <c>format</c> and <c>formatVersion</c> header.</summary>
    public static void ExpectFormat(this YamlValue root, string format)
    {
        root.Expect("format", format);
        if (root.Child("formatVersion").Integer() != 1)
        {
            throw root.Child("formatVersion").Fail("must be 1");
        }
    }

    public static void Expect(this YamlValue node, string key, string expected)
    {
        var value = node.Child(key);
        if (!string.Equals(value.Text(), expected, StringComparison.Ordinal))
        {
            throw value.Fail($"must be '{expected}', found '{value.Text()}'");
        }
    }
}
