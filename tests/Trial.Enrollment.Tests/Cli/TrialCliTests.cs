using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Cli;

/// <summary>The command line of the built service: help, usage errors and an invalid protocol give their exit codes.</summary>
public class TrialCliTests
{
    [Fact]
    public async Task Help_ExitsZeroAndListsVerbs()
    {
        var (exitCode, output) = await ServiceProcess.RunAsync("--help");
        Assert.Equal(0, exitCode);
        Assert.Contains("audit verify", output, StringComparison.Ordinal);
        Assert.Contains("export --out DIR", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownVerb_ExitsWithUsageCode()
    {
        var (exitCode, output) = await ServiceProcess.RunAsync("frobnicate");
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown command", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithoutOut_ExitsWithUsageCode() => Assert.Equal(2, (await ServiceProcess.RunAsync("export")).ExitCode);

    [Fact]
    public async Task Serve_WithInvalidProtocol_ExitsWithInvalidInputAndNamesRule()
    {
        var folder = RepositoryPaths.CopyOfIpsProtocol();
        var path = Path.Combine(folder, "protocol.yaml");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("ratio: { ips: 1, control: 1 }", "ratio: { ips: 0, control: 1 }", StringComparison.Ordinal));
        var (exitCode, output) = await ServiceProcess.RunAsync("audit", "verify", $"--Trial:ProtocolDirectory={folder}");
        Assert.Equal(3, exitCode);
        Assert.Contains("allocationPeriods[1].ratio.ips: [ratio-positive]", output, StringComparison.Ordinal);
    }
}
