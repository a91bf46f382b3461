using System.Diagnostics;
using Trial.Analysis.Cli;
using Trial.Analysis.Package;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Analysis.Report;
using Trial.Analysis.Run;
using Trial.Protocol.Baseline;
using Trial.Protocol.Files;

namespace Trial.Analysis.Tests.Report;

/// <summary>
/// Two reports of the shared simulated package, built once for the report tests: the English unblinded report laid out
/// in process (its layout model), and the nb-NO blinded report written by `trial-analysis run` and read back as text.
/// </summary>
internal static class ReportRuns
{
    private static readonly Lazy<(RunResults Results, ReportLayout Layout)> EnglishRun = new(() =>
    {
        var plan = AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var form = BaselineForm.Read(YamlValue.Load(RepositoryFiles.Protocol("ips-norway/protocol.yaml")));
        var data = StudyData.Build(plan, DataPackageReader.Open(SimulatedTrial.Package), SimulatedTrial.ReadRegister(),
            ArmDisclosure.Unblinded, "Control", form);
        var results = PlanRunner.Run(data, ReportLocale.English, TextWriter.Null);
        var context = new RunContext("analysis-plan.yaml", plan.Sha256, plan.Version, "matches the lock of 2016-05-03T09:00:00Z", "pkg", new string('b', 64),
            "", "register.csv", new string('c', 64), "unblinded", "2016-05-03T09:00:00Z");
        using var pdf = new MemoryStream();
        return (results, ReportComposer.Write(pdf, data, results, context, ReportLocale.English.ForStudy(data)));
    });

    private static readonly Lazy<string> NorwegianBlinded = new(() =>
    {
        // The plan beside the protocol (as in protocol/ips-norway), so run labels the baseline table from its form.
        var folder = SimulatedTrial.TempPath("plan-nb");
        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "analysis-plan.yaml", "cost-benefit.yaml", "protocol.yaml" })
        {
            File.Copy(RepositoryFiles.Protocol("ips-norway/" + file), Path.Combine(folder, file));
        }
        var output = SimulatedTrial.TempPath("out-nb");
        var error = new StringWriter();
        var code = new RunCommand().Run(["--plan", Path.Combine(folder, "analysis-plan.yaml"), "--data", SimulatedTrial.Package, "--register", SimulatedTrial.Register,
            "--out", output, "--locale", "nb-NO", "--blinded"], TextWriter.Null, error);
        Assert.True(code == ExitCodes.Ok, error.ToString());
        return PdfText(Path.Combine(output, "report.pdf"));
    });

    public static RunResults English => EnglishRun.Value.Results;

    public static ReportLayout EnglishLayout => EnglishRun.Value.Layout;

    /// <summary>The nb-NO blinded report.pdf as text, pages separated by form feeds (pdftotext -layout).</summary>
    public static string NorwegianBlindedText => NorwegianBlinded.Value;

    public static string PdfText(string pdf)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", pdf, "-"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("pdftotext did not start (Debian package poppler-utils; test.sh installs it)");
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
