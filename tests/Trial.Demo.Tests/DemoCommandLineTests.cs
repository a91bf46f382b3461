using Trial.Demo.Cli;

namespace Trial.Demo.Tests;

/// <summary>The command line refuses what it cannot run with, with its exit code, before anything is written.</summary>
public sealed class DemoCommandLineTests
{
    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DemoCli.RunAsync(args, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_PrintsUsageAndExitCodes()
    {
        var (code, output, _) = await RunAsync("--help");
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("--out DIR", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--participants", "60")]
    [InlineData("--out", "x", "--effect", "0.9")]
    [InlineData("--out", "x", "--effect", "abc")]
    [InlineData("--out", "x", "--participants", "5")]
    [InlineData("--out", "x", "--seed", "-1")]
    [InlineData("--out", "x", "--frobnicate")]
    [InlineData("--out")]
    public async Task BadArguments_ExitWithUsage_NamingTheArgument(params string[] args)
    {
        var (code, _, error) = await RunAsync(args);
        Assert.Equal(ExitCodes.Usage, code);
        Assert.Matches("--(out|effect|participants|seed|frobnicate)", error);
        Assert.False(Directory.Exists("x"));
    }

    [Fact]
    public void Postgres_ConnectionString_BecomesTheServicesDatabaseSettings()
    {
        var options = DemoOptions.Parse(["--out", "x", "--postgres", "Host=db;Database=trial"], out var problem)!;
        Assert.Null(problem);
        Assert.Equal(["--Trial:Database=Postgres", "--Trial:ConnectionString=Host=db;Database=trial"], options.HostArguments);
        Assert.Empty(DemoOptions.Parse(["--out", "x"], out _)!.HostArguments);
    }

    [Fact]
    public async Task OutFolderNotEmpty_ExitsInvalidInput_AndWritesNothing()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.Path);
        await File.WriteAllTextAsync(System.IO.Path.Combine(folder.Path, "earlier.txt"), "an earlier run");
        var (code, _, error) = await RunAsync("--out", folder.Path, "--participants", "60");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("never overwritten", error, StringComparison.Ordinal);
        Assert.Equal(["earlier.txt"], Directory.EnumerateFileSystemEntries(folder.Path).Select(System.IO.Path.GetFileName));
        Assert.Empty(folder.PartialSiblings);
    }
}
