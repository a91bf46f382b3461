using Trial.Protocol.Baseline;
using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Protocol.Tests.Baseline;

public class BaselineFormTests
{
    private static BaselineForm Read(string yaml) => BaselineForm.Read(YamlValue.Parse("protocol.yaml", yaml));

    [Fact]
    public void IpsNorwayForm_DeclaresTheColumnsTheAnalysisPlanNames()
    {
        var form = BaselineForm.Read(YamlValue.Load(Path.Combine(RepositoryFiles.IpsProtocol, "protocol.yaml")));
        var columns = form.Columns().Select(c => c.Name).ToList();
        foreach (var name in new[] { "born_norway", "civil_status", "single_divorced", "education", "reading_writing_difficulties",
                     "years_mental_complaints", "involuntary_admission", "mini_diagnosis", "psychotic", "severity", "return_to_work_expectation" })
        {
            Assert.Contains(name, columns);
        }
        var civil = form.Field("civil_status")!;
        Assert.Equal("Skilt/separert", civil.Codes.Single(c => c.Code == "divorced").Label.NorwegianBokmal);
        Assert.Equal(true, civil.Indicators.Single().Of("widowed"));
        Assert.Equal(false, civil.Indicators.Single().Of("married"));
        Assert.Null(civil.Indicators.Single().Of(null));
        Assert.Equal(ColumnType.Boolean, form.Columns().Single(c => c.Name == "single_divorced").Type);
    }

    [Theory]
    [InlineData("baselineForm:\n  - { code: BornNorway, type: boolean, label: { nb-NO: a, en: b } }\n", "$.baselineForm[0].code", "snake_case")]
    [InlineData("baselineForm:\n  - { code: age, type: integer, min: 0, max: 9, label: { nb-NO: a, en: b } }\n", "$.baselineForm[0]", "already a covariates.csv column")]
    [InlineData("baselineForm:\n  - { code: x, type: text, label: { nb-NO: a, en: b } }\n", "$.baselineForm[0].type", "is not one of")]
    [InlineData("baselineForm:\n  - { code: x, type: code, codes: [{ code: a, label: { nb-NO: a, en: a } }], label: { nb-NO: a, en: b } }\n", "$.baselineForm[0].codes", "at least two codes")]
    [InlineData("baselineForm:\n  - { code: x, type: integer, min: 5, max: 1, label: { nb-NO: a, en: b } }\n", "$.baselineForm[0].max", "outside")]
    [InlineData("baselineForm:\n  - { code: x, type: boolean, label: { nb-NO: a } }\n", "$.baselineForm[0].label.en", "required")]
    [InlineData("baselineForm:\n  - { code: x, type: code, codes: [{ code: a, label: { nb-NO: a, en: a } }, { code: b, label: { nb-NO: b, en: b } }], indicators: [{ column: y, codes: [c], label: { nb-NO: a, en: b } }], label: { nb-NO: a, en: b } }\n", "$.baselineForm[0].indicators[0].codes", "'c' is not one of the field's codes")]
    [InlineData("baselineForm:\n  - { code: x, type: boolean, label: { nb-NO: a, en: b } }\n  - { code: x, type: boolean, label: { nb-NO: a, en: b } }\n", "$.baselineForm[1]", "declared twice")]
    public void BadForm_IsRefusedNamingPathAndRule(string yaml, string path, string rule)
    {
        var e = Assert.Throws<ProtocolFileException>(() => Read(yaml));
        Assert.Equal(path, e.First.Path);
        Assert.Contains(rule, e.First.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void NoForm_IsEmpty() => Assert.Empty(Read("trial: x\n").Fields);
}
