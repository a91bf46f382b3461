using Trial.Analysis.Simulation;

namespace Trial.Analysis.Tests;

/// <summary>One simulated package (seed 1, effect 0.095) shared by the tests that only read it.</summary>
internal static class SimulatedTrial
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), $"trial-sim-{Guid.NewGuid():N}");
        TrialSimulator.Write(new SimulationSettings(1, 0.095), folder, Path.Combine(folder, "register.csv"), NodaTime.Instant.FromUtc(2026, 11, 30, 12, 0));
        return folder;
    });

    public static string Package => Folder.Value;

    public static string Register => Path.Combine(Folder.Value, "register.csv");

    /// <summary>The simulated register extract, read with the committed plan's declared extra columns (register_columns).</summary>
    public static Trial.Analysis.Register.RegisterExtract ReadRegister() => Trial.Analysis.Register.RegisterExtractReader.Read(Register,
        Trial.Analysis.Plan.AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml")).RegisterColumnKinds());

    /// <summary>A private copy the test may damage.</summary>
    public static string Copy()
    {
        var target = Path.Combine(Path.GetTempPath(), $"trial-sim-copy-{Guid.NewGuid():N}");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(Package))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }

    public static string TempPath(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
}
