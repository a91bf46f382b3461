using Trial.Analysis.Cli;
using Trial.Analysis.Simulation;

namespace Trial.Analysis.Tests.Package;

/// <summary>Issue 13 "bring your own data" and issue 8's contract: package build/verify and run through the contract.</summary>
public class PackageCommandTest
{
    private static (int Code, string Out, string Err) Package(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new PackageCommand().Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    private static string Csvs()
    {
        var folder = SimulatedTrial.Copy();
        File.Delete(Path.Combine(folder, "manifest.json"));
        File.Delete(Path.Combine(folder, "register.csv"));
        File.Delete(Path.Combine(folder, "simulation-truth.json"));
        return folder;
    }

    [Fact]
    public void Build_FolderOfCsvs_WritesAManifestThatVerifiesAgainstTheProtocol()
    {
        var folder = Csvs();
        var (code, stdout, err) = Package("build", "--from", folder, "--protocol", RepositoryFiles.Protocol("ips-norway"), "--locked-by", "statistician@example");
        Assert.True(code == ExitCodes.Ok, err);
        Assert.Contains("6 files", stdout, StringComparison.Ordinal);
        var (verified, _, verifyErr) = Package("verify", "--data", folder, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.True(verified == ExitCodes.Ok, verifyErr);
        Assert.Equal("statistician@example", Trial.Analysis.Package.DataPackageReader.Open(folder).LockedBy);
    }

    [Fact]
    public void Build_StrayFileAndBadCsv_NamesEveryProblemAndWritesNoManifest()
    {
        var folder = Csvs();
        File.WriteAllText(Path.Combine(folder, "notes.csv"), "a,b\n1,2\n");
        File.AppendAllText(Path.Combine(folder, "occasions.csv"), "P-0001-XX,6m\n");
        var (code, _, err) = Package("build", "--from", folder, "--protocol", RepositoryFiles.Protocol("ips-norway"), "--locked-by", "me");
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("notes.csv", err, StringComparison.Ordinal);
        Assert.Contains("occasions.csv", err, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "manifest.json")));
    }

    [Fact]
    public void Verify_ChangedFile_SaysRestoreOrReExport()
    {
        var folder = SimulatedTrial.Copy();
        File.AppendAllText(Path.Combine(folder, "screening.csv"), "S-9999,oslo,2014-01-01,true,,given,false\n");
        var (code, _, err) = Package("verify", "--data", folder);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("screening.csv", err, StringComparison.Ordinal);
        Assert.Contains("Restore the file from the locked package", err, StringComparison.Ordinal);
        Assert.Contains("re-export", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BreaksTheContract_NamesFileColumnLineAndRule()
    {
        var folder = SimulatedTrial.Copy();
        var lines = File.ReadAllLines(Path.Combine(folder, "participants.csv"));
        var cells = lines[2].Split(',');
        cells[6] = "0";
        lines[2] = string.Join(',', cells);
        PackageEdit.Write(folder, "participants.csv", lines);
        var (code, _, err) = Package("verify", "--data", folder);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("participants.csv: column block (line 3): 0 is below the minimum 1", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ProtocolHashDiffers_IsRefused()
    {
        var (code, _, err) = Package("verify", "--data", SimulatedTrial.Package, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("$.protocol.sha256", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_PackageBreaksTheContract_ExitsInvalidNamingFileColumnAndRule_AndWritesNothing()
    {
        var folder = SimulatedTrial.Copy();
        var lines = File.ReadAllLines(Path.Combine(folder, "participants.csv"));
        var cells = lines[2].Split(',');
        cells[6] = "0";
        lines[2] = string.Join(',', cells);
        PackageEdit.Write(folder, "participants.csv", lines);
        var output = SimulatedTrial.TempPath("out");
        var e = new StringWriter();
        var code = new RunCommand().Run(["--plan", RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"), "--data", folder, "--register", Path.Combine(folder, "register.csv"),
            "--out", output, "--blinded"], TextWriter.Null, e);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("participants.csv: column block (line 3)", e.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Run_ProtocolGiven_ChecksTheManifestsProtocolHash()
    {
        var output = SimulatedTrial.TempPath("out");
        var e = new StringWriter();
        var code = new RunCommand().Run(["--plan", RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"), "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register,
            "--out", output, "--blinded", "--protocol", RepositoryFiles.Protocol("ips-norway")], TextWriter.Null, e);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Contains("hashes to", e.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Simulate_WithProtocol_RecordsItsHash_SoVerifyAcceptsIt()
    {
        var folder = SimulatedTrial.TempPath("sim");
        Assert.Equal(ExitCodes.Ok, new SimulateCommand().Run(["--seed", "4", "--out", folder, "--protocol", RepositoryFiles.Protocol("ips-norway")], TextWriter.Null, TextWriter.Null));
        var (code, _, err) = Package("verify", "--data", folder, "--protocol", RepositoryFiles.Protocol("ips-norway"));
        Assert.True(code == ExitCodes.Ok, err);
    }
}
