using System.Text.Json.Nodes;
using Trial.Analysis.Cli;
using Trial.Analysis.Simulation;
using Trial.Analysis.SimulationStudy;

namespace Trial.Analysis.Tests.Simulation;

public class SimulationStudyTests
{
    [Fact]
    public void Simulate_TrueEffect_MeansWhatTheHelpSays()
    {
        // Before the effect scale, seeds 10–25 gave a mean realised effect of about 0.0885 for --effect 0.095.
        var realised = Enumerable.Range(10, 16).Select(seed =>
        {
            var rng = new SimulationRandom((ulong)seed);
            var people = ParticipantSimulator.Draw(rng);
            return RegisterSimulator.Draw(rng, people, new SimulationSettings((ulong)seed, 0.095)).Truth.AverageEffectInWork;
        }).ToList();
        Assert.InRange(realised.Average(), 0.0925, 0.0975);
    }

    [Fact]
    public void SimulateStudy_TwoReplications_WritesCoverageForEveryInferenceChoice()
    {
        var output = SimulatedTrial.TempPath("study");
        var o = new StringWriter();
        var e = new StringWriter();
        var code = new SimulateStudyCommand().Run(["--plan", RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"), "--replications", "2", "--out", output], o, e);
        Assert.True(code == ExitCodes.Ok, e.ToString());
        var lines = File.ReadAllLines(Path.Combine(output, "coverage.csv"));
        Assert.Equal("analysis,outcome,method,label,true_effect,replications,mean_estimate,bias,rmse,empirical_se,coverage,coverage_mc_se,mean_ci_width", lines[0]);
        Assert.Equal(["centre-cr1", "centre-cr2", "centre-wcb", "person-cr1"], lines.Skip(1).Select(l => l.Split(',')[2]));
        Assert.Equal(1 + 2 * 4, File.ReadAllLines(Path.Combine(output, "replications.csv")).Length);
        Assert.True(new FileInfo(Path.Combine(output, "coverage.png")).Length > 1000);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(output, "coverage.svg")), StringComparison.Ordinal);
        var study = StudyOutput.Read(Path.Combine(output, StudyOutput.StudyFile));
        Assert.Equal(2, study.Replications);
        Assert.Equal(0.095, study.Effect);
        Assert.All(study.Methods, m => Assert.InRange(m.Coverage, 0, 1));
        Assert.InRange(study.MeanEstimate, -0.1, 0.3);
    }

    [Fact]
    public void SimulateStudy_NonEmptyOutput_ExitsInvalidAndWritesNothing()
    {
        var output = SimulatedTrial.TempPath("study");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "x");
        var e = new StringWriter();
        var code = new SimulateStudyCommand().Run(["--plan", RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"), "--replications", "2", "--out", output], TextWriter.Null, e);
        Assert.Equal(ExitCodes.InvalidInput, code);
        Assert.Single(Directory.GetFiles(output));
    }

    [Theory]
    [InlineData("--replications", "1")]
    [InlineData("--replications", "many")]
    [InlineData("--workers", "0")]
    public void SimulateStudy_BadOption_IsAUsageError(string option, string value)
    {
        var args = new List<string> { "--plan", "x.yaml", "--out", SimulatedTrial.TempPath("study"), "--replications", "3" };
        var i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }
        Assert.Equal(ExitCodes.Usage, new SimulateStudyCommand().Run(args, TextWriter.Null, TextWriter.Null));
    }

    [Fact]
    public void StudyFile_NotAStudy_IsRefusedNamingThePath()
    {
        var path = SimulatedTrial.TempPath("study") + ".json";
        File.WriteAllText(path, """{"format":"something-else"}""");
        var ex = Assert.Throws<Trial.Analysis.Inputs.InputRejectedException>(() => StudyOutput.Read(path));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    internal static string WriteStudy()
    {
        var folder = SimulatedTrial.TempPath("study");
        var replications = Enumerable.Range(0, 3).Select(i => new StudyReplication(i, (ulong)i + 1, 0.095, 0.09 + 0.01 * i,
            [new StudyInterval("centre-cr2", 0.0, 0.2), new StudyInterval("person-cr1", 0.09 + 0.01 * i, 0.1 + 0.01 * i)])).ToList();
        var summary = StudySummary.From("plan.yaml", "main", "in_work", 0.095, 1, replications, [("centre-cr2", "CR2"), ("person-cr1", "CR1S person")]);
        StudyOutput.Write(folder, summary, replications);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, StudyOutput.StudyFile)))!;
        Assert.Equal(1.0, json["methods"]![0]!["coverage"]!.GetValue<double>());
        Assert.Equal(1.0 / 3, json["methods"]![1]!["coverage"]!.GetValue<double>(), 12);
        return Path.Combine(folder, StudyOutput.StudyFile);
    }
}
