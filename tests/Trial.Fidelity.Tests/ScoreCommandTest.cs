using System.Text.Json;
using Trial.Fidelity.Cli;

namespace Trial.Fidelity.Tests;

/// <summary>`trial-fidelity score` as a reviewer runs it: text and JSON, exit codes, and bad files named.</summary>
public class ScoreCommandTest
{
    private static readonly string Example = Path.Combine(Review.Root, "protocol", "fidelity", "examples", "manual-example-report.yaml");
    private static readonly string Scale = Path.Combine(Review.Root, "protocol", "fidelity", "ips-25.yaml");

    private static (int Code, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = FidelityCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Text_InNorwegianAndEnglish()
    {
        var nb = Run("score", "--evidence", Example, "--scale", Scale);
        Assert.Equal(0, nb.Code);
        Assert.Contains("Totalt: 103 (25–125): God kvalitet", nb.Out);
        Assert.Contains("begrensning: Venteliste til IPS (høyst 4, L4790–4796)", nb.Out);
        Assert.Contains("146 kontakter / 24 jobbspesialist-uker = 6,08, rundet ned til 6 per uke", nb.Out);
        Assert.DoesNotContain("specialists scored", nb.Out);
        var en = Run("score", "--evidence", Example, "--scale", Scale, "--lang", "en");
        Assert.Contains("Total: 103 (25–125): Good fidelity", en.Out);
        Assert.Contains("56 participants / 3 FTE = 18.67, rounded down to 18 per specialist", en.Out);
    }

    [Fact]
    public void Json_ForMachines()
    {
        var result = Run("score", "--evidence", Example, "--scale", Scale, "--json");
        Assert.Equal(0, result.Code);
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(103, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("good", json.RootElement.GetProperty("category").GetProperty("code").GetString());
        var items = json.RootElement.GetProperty("items");
        Assert.Equal(25, items.GetArrayLength());
        Assert.Equal("lowest-specialist", json.RootElement.GetProperty("settings").GetProperty("teamIntegration").GetString());
    }

    [Fact]
    public void Usage_Exits2_BadEvidence_Exits3()
    {
        Assert.Equal(2, Run("score").Code);
        Assert.Equal(2, Run("frobnicate").Code);
        Assert.Equal(0, Run("--help").Code);
        var bad = Path.Combine(Path.GetTempPath(), $"evidence-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(bad, "format: trial-fidelity-evidence\nformatVersion: 1\nscale: ips-25\nitems:\n  ST2:\n    percentages: [140]\n");
        try
        {
            var result = Run("score", "--evidence", bad, "--scale", Scale);
            Assert.Equal(3, result.Code);
            Assert.Contains("$.items.ST2.percentages[0] (line 6): a percentage must be between 0 and 100", result.Error);
            Assert.Equal("", result.Out);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public void MissingFile_Exits3_NamingIt()
    {
        var result = Run("score", "--evidence", "/nonexistent/evidence.yaml");
        Assert.Equal(3, result.Code);
        Assert.Contains("the file does not exist", result.Error);
    }
}
