using Trial.Analysis.Package;
using Trial.Analysis.Simulation;

namespace Trial.Analysis.Tests.Simulation;

public class TrialSimulatorTest
{
    private static Dictionary<string, byte[]> Simulate(ulong seed)
    {
        var folder = SimulatedTrial.TempPath("sim");
        TrialSimulator.Write(new SimulationSettings(seed, 0.095), folder, Path.Combine(folder, "register.csv"), NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0));
        var files = Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes);
        Directory.Delete(folder, true);
        return files;
    }

    [Fact]
    public void Write_SameSeed_GivesByteIdenticalDataFiles()
    {
        var first = Simulate(7);
        var second = Simulate(7);
        Assert.Equal(first.Keys.Order(), second.Keys.Order());
        Assert.All(first.Where(kv => kv.Key != "manifest.json"), kv => Assert.Equal(kv.Value, second[kv.Key]));
    }

    [Fact]
    public void Write_Manifest_RecordsRealCreationTimeAndSimulatedLocker()
    {
        var folder = SimulatedTrial.TempPath("sim");
        var now = NodaTime.Instant.FromUtc(2026, 11, 30, 18, 0);
        TrialSimulator.Write(new SimulationSettings(3, 0.095), folder, Path.Combine(folder, "register.csv"), now);
        var package = DataPackageReader.Open(folder);
        Assert.Equal("2026-11-30T18:00:00Z", package.CreatedAt);
        Assert.Equal("simulated: trial-analysis simulate --seed 3 --effect 0.095", package.LockedBy);
        Assert.True(package.Simulated);
        Directory.Delete(folder, true);
    }

    [Fact]
    public void Write_DifferentSeed_GivesDifferentRegister() =>
        Assert.NotEqual(Simulate(7)["register.csv"], Simulate(8)["register.csv"]);

    [Fact]
    public void Write_Seed001Shape_Has410RandomisedOf429Screened()
    {
        var package = DataPackageReader.Open(SimulatedTrial.Package);
        Assert.Equal(410, package.Participants.Count);
        Assert.Equal(429, package.Screening.Count);
        Assert.Equal(15, package.Screening.Count(s => s.Consent == "declined"));
        Assert.Equal(6, package.Participants.Select(p => p.Centre).Distinct().Count());
        Assert.All(package.Participants.GroupBy(p => p.Centre), g => Assert.InRange(g.Count(), 30, 99));
    }

    [Fact]
    public void Write_AllocationRatio_IsAbout229To181()
    {
        var package = DataPackageReader.Open(SimulatedTrial.Package);
        Assert.InRange(package.Participants.Count(p => p.Arm == "ips"), 215, 243);
        var early = package.Participants.Where(p => p.Period == "p1-2to1").ToList();
        Assert.InRange(early.Count(p => p.Arm == "ips") / (double)early.Count, 0.6, 0.72);
        Assert.All(early, p => Assert.True(p.RandomisedOn <= ParticipantSimulator.RatioChange));
    }

    [Fact]
    public void Write_Questionnaires_ResponseAbout47And44Percent()
    {
        var package = DataPackageReader.Open(SimulatedTrial.Package);
        double Rate(string occasion) => package.Occasions.Count(o => o.Occasion == occasion && o.Status == "completed") / 410.0;
        Assert.InRange(Rate("6m"), 0.40, 0.54);
        Assert.InRange(Rate("12m"), 0.37, 0.51);
    }
}
