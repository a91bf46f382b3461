using Trial.Protocol.Files;
using Trial.Followup.Instruments;

namespace Trial.Followup.Tests.Instruments;

public sealed class InstrumentCatalogLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("trial-instruments-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Questionnaires = "format: trial-questionnaires\nformatVersion: 1\noccasions:\n  6m: [mini]\n";

    private static string Mini(string scaleRange = "{min: 0, max: 6}", string items = "[x1, x2]") => $$$"""
        format: trial-instrument
        formatVersion: 1
        code: mini
        version: "1"
        title: {nb-NO: "Mini", en: "Mini"}
        reference: "test"
        text: licensed-placeholder
        option-sets:
          three:
            - {value: 0, label: {nb-NO: "[PLASSHOLDER] a", en: "[PLACEHOLDER] a"}}
            - {value: 3, label: {nb-NO: "[PLASSHOLDER] b", en: "[PLACEHOLDER] b"}}
        items:
          - {code: x1, text: {nb-NO: "[PLASSHOLDER] 1", en: "[PLACEHOLDER] 1"}, options: three}
          - {code: x2, text: {nb-NO: "[PLASSHOLDER] 2", en: "[PLACEHOLDER] 2"}, options: three}
        scales:
          - code: total
            title: {nb-NO: "Sum", en: "Sum"}
            items: {{{items}}}
            missing: {rule: all-required}
            range: {{{scaleRange}}}
        """;

    private InstrumentCatalog Load(string mini, string questionnaires = Questionnaires, string? licensed = null)
    {
        File.WriteAllText(Path.Combine(_dir, "mini.yaml"), mini);
        File.WriteAllText(Path.Combine(_dir, "questionnaires.yaml"), questionnaires);
        string? licensedDir = null;
        if (licensed is not null)
        {
            licensedDir = Directory.CreateDirectory(Path.Combine(_dir, "licensed")).FullName;
            File.WriteAllText(Path.Combine(licensedDir, "mini.yaml"), licensed);
        }
        return InstrumentCatalogLoader.Load(_dir, licensedDir);
    }

    [Fact]
    public void Load_ShippedProtocol_HasNineInstrumentsAtSixMonths() =>
        Assert.Equal(9, ShippedInstruments.Catalog.ForOccasion("m6").Count);

    [Fact]
    public void Load_ShippedLicensedInstruments_AreMarkedPlaceholder() =>
        Assert.All(new[] { "hads", "eq5d-vas" }, code => Assert.Equal(InstrumentTextSource.LicensedPlaceholder, ShippedInstruments.Get(code).TextSource));

    [Fact]
    public void Load_ValidFile_Succeeds() => Assert.Equal(3, Load(Mini()).Instrument("mini").Items[0].Maximum);

    [Fact]
    public void Load_DeclaredRangeWrong_NamesFilePathAndRule()
    {
        var e = Assert.Throws<ProtocolFileException>(() => Load(Mini(scaleRange: "{min: 0, max: 7}")));
        Assert.Equal(("mini.yaml", "$.scales[0].range", "declared 0–7 but the items give 0–6"), (e.First.File, e.First.Path, e.First.Rule));
    }

    [Fact]
    public void Load_ScaleNamesUnknownItem_NamesTheItemPath()
    {
        var e = Assert.Throws<ProtocolFileException>(() => Load(Mini(items: "[x1, x9]")));
        Assert.Equal(("$.scales[0].items[1]", "item 'x9' is not declared under items"), (e.First.Path, e.First.Rule));
    }

    [Fact]
    public void Load_ItemInNoScale_IsRejected()
    {
        var e = Assert.Throws<ProtocolFileException>(() => Load(Mini(scaleRange: "{min: 0, max: 3}", items: "[x1]")));
        Assert.Equal("item 'x2' is in no scale", e.First.Rule);
    }

    [Fact]
    public void Load_QuestionnaireNamesMissingInstrument_IsRejected()
    {
        var e = Assert.Throws<ProtocolFileException>(() => Load(Mini(), "format: trial-questionnaires\nformatVersion: 1\noccasions:\n  6m: [mini, hads]\n"));
        Assert.Equal(("questionnaires.yaml", "$.occasions.6m[1]"), (e.First.File, e.First.Path));
    }

    [Fact]
    public void Load_InvalidYaml_NamesTheFile()
    {
        var e = Assert.Throws<ProtocolFileException>(() => Load("format: [unclosed"));
        Assert.Equal(("mini.yaml", "$"), (e.First.File, e.First.Path));
    }

    private const string LicensedText = """
        format: trial-instrument-text
        formatVersion: 1
        instrument: mini
        items:
          x1: {text: {nb-NO: "Ekte tekst 1", en: "Real text 1"}, options: [{nb-NO: "Nei", en: "No"}, {nb-NO: "Ja", en: "Yes"}]}
          x2: {text: {nb-NO: "Ekte tekst 2", en: "Real text 2"}, options: [{nb-NO: "Nei", en: "No"}, {nb-NO: "Ja", en: "Yes"}]}
        """;

    [Fact]
    public void Load_LicensedTextSupplied_ReplacesPlaceholders()
    {
        var mini = Load(Mini(), licensed: LicensedText).Instrument("mini");
        Assert.Equal((InstrumentTextSource.LicensedSupplied, "Real text 2", "Ja", 3),
            (mini.TextSource, mini.Items[1].Text.En, mini.Items[1].Options[1].Label.NbNo, mini.Items[1].Options[1].Value));
    }

    [Fact]
    public void Load_LicensedTextMissingAnItem_IsRejected()
    {
        var partial = LicensedText[..LicensedText.IndexOf("  x2:", StringComparison.Ordinal)];
        var e = Assert.Throws<ProtocolFileException>(() => Load(Mini(), licensed: partial));
        Assert.Equal(("$.items.x2", "is required: every item needs its licensed text"), (e.First.Path, e.First.Rule));
    }

    [Fact]
    public void Load_LicensedTextWrongOptionCount_IsRejected()
    {
        var wrong = LicensedText.Replace("[{nb-NO: \"Nei\", en: \"No\"}, {nb-NO: \"Ja\", en: \"Yes\"}]}\n  x2", "[{nb-NO: \"Nei\", en: \"No\"}]}\n  x2", StringComparison.Ordinal);
        var e = Assert.Throws<ProtocolFileException>(() => Load(Mini(), licensed: wrong));
        Assert.Equal("$.items.x1.options", e.First.Path);
    }
}
