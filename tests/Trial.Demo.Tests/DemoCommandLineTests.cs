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

    [Fact]
    public async Task BrokenProtocol_IsTheUsersInput_NotThePackagesContract()
    {
        // A copy of the committed protocol folder with followup.yaml made unreadable (not protocol.yaml): refused as
        // the trial's protocol, before the service starts, whichever of its files is wrong.
        using var folder = new TempFolder();
        var protocol = System.IO.Path.Combine(folder.Path, "protocol");
        CopyFolder(CommittedProtocol(), protocol);
        var followup = System.IO.Path.Combine(protocol, "followup.yaml");
        await File.WriteAllTextAsync(followup, "frobnicate: [unclosed\n" + await File.ReadAllTextAsync(followup));

        var e = await Assert.ThrowsAsync<DemoInputException>(() => Service.DemoService.StartAsync([$"--Trial:ProtocolDirectory={protocol}"],
            System.IO.Path.Combine(folder.Path, "db"), System.IO.Path.Combine(folder.Path, "sms"), null, null, seedUsers: false, TextWriter.Null, CancellationToken.None));
        Assert.Contains("the trial's protocol is not valid", e.Message, StringComparison.Ordinal);
        Assert.Contains("followup.yaml", e.Message, StringComparison.Ordinal);
        
    }

    private static string CommittedProtocol()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(System.IO.Path.Combine(folder.FullName, "protocol", "ips-norway", "protocol.yaml")))
        {
            folder = folder.Parent ?? throw new InvalidOperationException("protocol/ips-norway not found above the test folder");
        }
        return System.IO.Path.Combine(folder.FullName, "protocol", "ips-norway");
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(to, System.IO.Path.GetRelativePath(from, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
