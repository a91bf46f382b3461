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
        Assert.Contains("protocol.yaml: $.allocationPeriods[1].ratio.ips (line ", output, StringComparison.Ordinal);
        Assert.Contains("a ratio weight must be at least 1", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_OnTheLastReleasesDatabase_SaysToUpgradeFirst_AndChangesNothing()
    {
        // The previous release's SQLite files: a trail of hash version 1 and a schema without this release's migrations.
        var folder = Persistence.UpgradeFromPreviousReleaseTests.SqliteCopy();
        var database = Path.Combine(folder, "trial.db");
        var before = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(database)));
        var (exitCode, output) = await ServiceProcess.RunAsync("audit", "verify", "--Trial:Database=Sqlite", $"--Trial:DataDirectory={folder}",
            $"--Trial:ProtocolDirectory={RepositoryPaths.IpsProtocol}");
        Assert.Equal(3, exitCode);
        Assert.Contains("has not been upgraded to this release", output, StringComparison.Ordinal);
        Assert.Contains("Start the service once with this release", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Equal(before, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(database))));
    }

    [Fact]
    public async Task Users_AddTwice_ExitsInvalidInput_ListDisableReset_Work()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-cli-users-" + Guid.NewGuid().ToString("N")[..8]);
        string[] config = ["--Trial:Database=Sqlite", $"--Trial:DataDirectory={folder}", $"--Trial:ProtocolDirectory={RepositoryPaths.IpsProtocol}"];
        string[] add = ["users", "add", "--username", "kari", "--role", "coordinator", "--organisation", "diakonhjemmet", "--centres", "oslo", .. config];
        var password = new Dictionary<string, string> { ["TRIAL_NEW_PASSWORD"] = "a long enough password" };

        Assert.Equal(0, (await ServiceProcess.RunAsync(password, add)).ExitCode);
        var again = await ServiceProcess.RunAsync(password, add);
        Assert.Equal(3, again.ExitCode);
        Assert.Contains("already exists", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", again.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await ServiceProcess.RunAsync(["users", "disable", "--username", "kari", .. config])).ExitCode);
        Assert.Equal(0, (await ServiceProcess.RunAsync(password, ["users", "reset-password", "--username", "kari", .. config])).ExitCode);
        var list = await ServiceProcess.RunAsync(["users", "list", .. config]);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"kari\s+coordinator\s+diakonhjemmet\s+disabled\s+oslo", list.Output);
        Assert.Equal(3, (await ServiceProcess.RunAsync(["users", "disable", "--username", "nobody", .. config])).ExitCode);
    }
}
