using System.Text.Json;
using Trial.Analysis.Cli;

namespace Trial.Analysis.Tests.Cli;

/// <summary>
/// `fit` never crashes and never silently changes the model: each case below crashed, printed nonsense or fitted a
/// different model before; R's behaviour (lm, summary.lm, model.matrix, lme4's checks) is the reference.
/// </summary>
public sealed class FitCommandRobustnessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fit-robust-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = new FitCommand().Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("CR2")]
    [InlineData("CR1")]
    [InlineData("CR1S")]
    [InlineData("CR0")]
    public void OneCluster_ExitsEstimationFailedWithAMessage(string vcov)
    {
        var data = Csv("one.csv", "y,x,g\n1,1,a\n2,3,a\n3,2,a\n5,4,a\n");
        var (code, _, error) = Run("--data", data, "--formula", "y ~ x", "--cluster", "g", "--vcov", vcov);
        Assert.Equal(ExitCodes.EstimationFailed, code);
        Assert.Contains("single cluster", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ConstantOutcome_WarnsAsRAndWritesValidJson()
    {
        var data = Csv("const.csv", "y,x\n1,1\n1,3\n1,2\n1,4\n");
        var (code, output, error) = Run("--data", data, "--formula", "y ~ x", "--json");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("essentially perfect fit: summary may be unreliable", error, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        // R's R² is NaN here; JSON has no NaN, so the key is left out (null), never -Infinity.
        Assert.False(root.TryGetProperty("r_squared", out var r2) && r2.ValueKind != JsonValueKind.Null);
        Assert.Contains("essentially perfect fit: summary may be unreliable",
            root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    [Fact]
    public void ConstantOutcome_TextSaysRSquaredIsNotDefined()
    {
        var data = Csv("const.csv", "y,x\n1,1\n1,3\n1,2\n1,4\n");
        var (code, output, error) = Run("--data", data, "--formula", "y ~ x");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.DoesNotContain("Infinity", output, StringComparison.Ordinal);
        Assert.Contains("R² = NA", output, StringComparison.Ordinal);
        Assert.Contains("warning: essentially perfect fit", output, StringComparison.Ordinal);
        Assert.Contains("essentially perfect fit", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OneLevelFactor_IsRefusedAsR()
    {
        var data = Csv("onelevel.csv", "y,x,a\n1,1,k\n2,3,k\n3,2,k\n5,4,k\n");
        var (code, _, error) = Run("--data", data, "--formula", "y ~ x + factor(a)");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("contrasts can be applied only to factors with 2 or more levels", error, StringComparison.Ordinal);
        Assert.Contains("'a'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void OneLevelNumericFactor_IsRefusedToo()
    {
        var data = Csv("onelevel-num.csv", "y,x,a\n1,1,7\n2,3,7\n3,2,7\n5,4,7\n");
        var (code, _, error) = Run("--data", data, "--formula", "y ~ x + factor(a)");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("2 or more levels", error, StringComparison.Ordinal);
    }

    private string MixedData()
    {
        var lines = new List<string> { "y,x,obs,a,b,k" };
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            lines.Add(FormattableString.Invariant($"{random.NextDouble():R},{random.NextDouble():R},{i + 1},{i / 4 + 1},{i % 4 + 1},1"));
        }
        return Csv("mixed.csv", string.Join('\n', lines) + "\n");
    }

    [Fact]
    public void RandomEffectWithOneRowPerLevel_IsRefusedAsLme4()
    {
        var (code, _, error) = Run("--data", MixedData(), "--formula", "y ~ x + (1|obs)");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("number of levels of each grouping factor must be < number of observations (problems: obs)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void NestedRandomEffectWithOneRowPerCell_IsRefusedAsLme4()
    {
        var (code, _, error) = Run("--data", MixedData(), "--formula", "y ~ x + (1|a/b)");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("number of levels of each grouping factor must be < number of observations", error, StringComparison.Ordinal);
        Assert.Contains("a:b", error, StringComparison.Ordinal);
    }

    [Fact]
    public void RandomEffectWithOneLevel_IsRefusedAsLme4()
    {
        var (code, _, error) = Run("--data", MixedData(), "--formula", "y ~ x + (1|k)");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("grouping factors must have > 1 sampled level (problems: k)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--cluster firm --vcov HC1", "--cluster")]
    [InlineData("--cluster firm --vcov IID", "--cluster")]
    [InlineData("--reml", "--reml")]
    [InlineData("--ml", "--ml")]
    [InlineData("--fe-k nested", "--fe-k")]
    [InlineData("--multiway min-g", "--multiway")]
    [InlineData("--vcov CR1S", "--vcov CR1S")]
    public void OptionsThatDoNotApplyToOls_AreUsageErrors(string options, string named)
    {
        var (code, output, error) = Run(["--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value", .. options.Split(' ')]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Equal("", output);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--vcov CR2", "--vcov")]
    [InlineData("--df residual", "--df")]
    [InlineData("--fe-k nested", "--fe-k")]
    [InlineData("--keep-singletons", "--keep-singletons")]
    public void OlsOptionsWithAMixedModel_AreUsageErrors(string options, string named)
    {
        var (code, _, error) = Run(["--data", Golden.PathOf("Grunfeld.csv"), "--formula", "inv ~ value + (1|firm)", .. options.Split(' ')]);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains(named, error, StringComparison.Ordinal);
    }

    /// <summary>The README's `fit` examples run from the repository root, and the OLS one keeps its terms of interest.</summary>
    [Fact]
    public void ReadmeFitExamples_RunAndKeepTheirTerms()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "README.md"));
        var examples = readme.Where(l => l.StartsWith("trial-analysis fit ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            // Paths in the README are relative to the repository root.
            var args = SplitCommandLine(example["trial-analysis fit ".Length..])
                .Select(a => a.Contains('/', StringComparison.Ordinal) && File.Exists(Path.Combine(RepositoryFiles.Root, a)) ? Path.Combine(RepositoryFiles.Root, a) : a)
                .ToArray();
            var (code, output, error) = Run(args);
            Assert.True(code == ExitCodes.Ok, $"{example}: exit {code}: {error}");
            Assert.DoesNotContain("dropped:", output, StringComparison.Ordinal);
            Assert.DoesNotContain("NaN", output, StringComparison.Ordinal);
        }
    }

    private static List<string> SplitCommandLine(string line)
    {
        var args = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var ch in line)
        {
            if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    args.Add(current.ToString());
                    current.Clear();
                }
            }
            else
            {
                current.Append(ch);
            }
        }
        if (current.Length > 0)
        {
            args.Add(current.ToString());
        }
        return args;
    }
}
