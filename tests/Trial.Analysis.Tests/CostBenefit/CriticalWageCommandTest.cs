using Trial.Analysis.Cli;

namespace Trial.Analysis.Tests.CostBenefit;

public class CriticalWageCommandTest
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new CriticalWageCommand().Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public void Run_DefaultInputs_PrintsTable23()
    {
        var (code, output, _) = Run("--inputs", RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"));
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("395,106", output, StringComparison.Ordinal);
        Assert.Contains("141,837", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NorwegianLocale_UsesDecimalCommas()
    {
        var (_, output, _) = Run("--inputs", RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"), "--locale", "nb-NO");
        Assert.Contains("395 106", output, StringComparison.Ordinal);
        Assert.Contains("0,0950", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_CiIncludingZero_SaysUnbounded()
    {
        var (_, output, _) = Run("--inputs", RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"), "--ci", "-0.01,0.2", "--years", "2..3");
        Assert.Contains("unbounded above", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_Json_HasTheCriticalWages()
    {
        var (_, output, _) = Run("--inputs", RepositoryFiles.Protocol("ips-norway/cost-benefit.yaml"), "--json", "--effect", "0.095");
        var node = System.Text.Json.Nodes.JsonNode.Parse(output)!;
        Assert.Equal(395_106, Math.Round(node["criticalWage"]![0]!["criticalWage"]!.GetValue<double>()));
    }

    [Fact]
    public void Run_MissingInputsFile_ExitsInvalidInput()
    {
        var (code, _, err) = Run("--inputs", "/nonexistent/cb.yaml");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("file not found", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_UnknownOption_ExitsUsage() =>
        Assert.Equal(ExitCodes.Usage, Run("--inputs", "x", "--bogus").Code);
}
