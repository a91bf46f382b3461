using System.Text.Json;
using Trial.Analysis.Cli;

namespace Trial.Analysis.Tests.Cli;

public class FitCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new FitCommand().Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void ClusteredFit_PrintsTableAndConventions()
    {
        var (code, output, _) = Run("--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value + capital", "--cluster", "firm");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("vcov: CR1S clustered by firm (G = 10)", output, StringComparison.Ordinal);
        Assert.Contains("(N−1)/(N−K) = 199/197", output, StringComparison.Ordinal);
        Assert.Contains("t(G−1) = t(9)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_HasCoefficientsNAndConventions()
    {
        var (code, output, _) = Run("--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value + capital", "--cluster", "firm", "--vcov", "CR2", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(200, root.GetProperty("n").GetInt32());
        Assert.Equal("CR2", root.GetProperty("conventions").GetProperty("vcov").GetString());
        var value = root.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("term").GetString() == "value");
        Golden.AssertRelative(Golden.Value("ols_sandwich.csv", "Grunfeld", "inv~value+capital", "df_CR2_firm", "value"), value.GetProperty("df").GetDouble(), 1e-8, "df");
    }

    [Fact]
    public void UnknownColumn_ExitsInvalidInput()
    {
        var (code, _, error) = Run("--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ valu");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("unknown column 'valu'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void BadFormula_ExitsInvalidInputWithPosition()
    {
        var (code, _, error) = Run("--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value +");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("position 14", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyData_ExitsInvalidInput()
    {
        var path = Path.Combine(Path.GetTempPath(), $"empty-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "y,x\n");
        try
        {
            var (code, _, error) = Run("--data", path, "--formula", "y ~ x");
            Assert.Equal(ExitCodes.InvalidInput, code);
            Assert.Contains("no rows", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void MissingFormula_ExitsUsage() => Assert.Equal(ExitCodes.Usage, Run("--data", "x.csv").Code);

    [Fact]
    public void UnknownVcov_ExitsInvalidInput() =>
        Assert.Equal(ExitCodes.InvalidInput, Run("--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value", "--vcov", "HC9").Code);

    [Fact]
    public void RandomEffects_AreFittedByTheMixedModelEngine()
    {
        var (code, output, _) = Run("--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value + (1|firm)");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Linear mixed model fit by REML", output, StringComparison.Ordinal);
    }
}
