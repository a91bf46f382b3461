using Trial.Protocol.Files;

namespace Trial.Protocol.Tests.Files;

public class YamlValueTests
{
    private static ProtocolFileException Fails(Action read) => Assert.Throws<ProtocolFileException>(read);

    [Fact]
    public void MissingKey_NamesFilePathAndLineInTheOneFormat()
    {
        var root = YamlValue.Parse("protocol.yaml", "trial: x\narms:\n  - code: ips\n  - name: control\n");
        var e = Fails(() => root.Child("arms").Items()[1].Child("code"));
        Assert.Equal("protocol.yaml: $.arms[1].code (line 4): is required", e.Message);
    }

    [Fact]
    public void WrongValue_NamesTheRule()
    {
        var root = YamlValue.Parse("followup.yaml", "version: two\n");
        var e = Fails(() => root.Child("version").Integer(1, 9));
        Assert.Equal(new ProtocolFileError("followup.yaml", "$.version", 1, "'two' is not a whole number"), e.First);
    }

    [Fact]
    public void SyntaxError_GivesTheLine()
    {
        var e = Fails(() => YamlValue.Parse("hads.yaml", "code: hads\nitems: [a, b\n"));
        Assert.Equal("hads.yaml", e.First.File);
        Assert.NotNull(e.First.Line);
        Assert.StartsWith("not valid YAML", e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKey_IsRefusedRatherThanIgnored()
    {
        var root = YamlValue.Parse("x.yaml", "code: a\ncdoe: b\n");
        var e = Fails(() => root.OnlyKeys("code"));
        Assert.Equal("x.yaml: $.cdoe (line 2): unknown key 'cdoe' (known: code)", e.Message);
    }

    [Fact]
    public void LocalisedText_NeedsBothLanguages()
    {
        var root = YamlValue.Parse("x.yaml", "label: { nb-NO: Ja }\n");
        Assert.Equal("x.yaml: $.label.en (line 1): is required", Fails(() => root.Child("label").Localised()).Message);
    }

    [Fact]
    public void LocalisedText_RefusesAnUnknownLanguageKey()
    {
        var root = YamlValue.Parse("x.yaml", "label: { nb-NO: Ja, en: Yes, nb: Ja }\n");
        Assert.Equal("x.yaml: $.label.nb (line 1): unknown key 'nb' (known: nb-NO, en)", Fails(() => root.Child("label").Localised()).Message);
    }

    [Fact]
    public void MissingFile_IsAnErrorOfTheOneType()
    {
        var e = Fails(() => YamlValue.Load(Path.Combine(RepositoryFiles.TempFolder(), "protocol.yaml")));
        Assert.Equal("protocol.yaml", e.First.File);
    }

    [Fact]
    public void Collector_ListsEveryError()
    {
        var root = YamlValue.Parse("x.yaml", "a: 1\n");
        var errors = new ProtocolFileErrors();
        errors.Check(() => root.Child("b"));
        errors.Check(() => root.Child("a").Boolean());
        var e = Fails(errors.ThrowIfAny);
        Assert.Equal(2, e.Errors.Count);
    }
}
