using System.Reflection;

namespace Trial.Architecture.Tests;

/// <summary>
/// Dependencies point one way (shared/spec/architecture.md): Protocol and Web (the pages' layouts, texts and style)
/// are leaves; Followup → Protocol, Web; Enrollment → Followup, Protocol, Web; Schema (the one migration mechanism) is a leaf used by Followup and Enrollment; Analysis → Protocol only, standing alone on the data package; Fidelity (the stateless
/// scoring engine) → Protocol only; Demo on top, starting Enrollment's host and running Analysis.
/// </summary>
public class ProjectDependencyTest
{
    private static readonly string[] TrialAssemblies = ["Trial.Protocol", "Trial.Schema", "Trial.Web", "Trial.Followup", "Trial.Enrollment", "trial-analysis", "trial-fidelity", "Trial.Demo"];

    private static List<string> TrialReferences(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).Where(TrialAssemblies.Contains).Order(StringComparer.Ordinal).ToList();

    private static List<string> AllReferences(string assembly) =>
        Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!).ToList();

    [Fact]
    public void Protocol_IsALeaf_WithNoHostingDatabaseOrScheduler()
    {
        Assert.Empty(TrialReferences("Trial.Protocol"));
        var names = AllReferences("Trial.Protocol");
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
            || n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) || n.StartsWith("Quartz", StringComparison.Ordinal));
    }

    [Fact]
    public void Schema_IsALeaf_WithNoProviderOrEf()
    {
        Assert.Empty(TrialReferences("Trial.Schema"));
        Assert.DoesNotContain(AllReferences("Trial.Schema"), n => n.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || n.StartsWith("Npgsql", StringComparison.Ordinal) || n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal));
    }

    [Fact]
    public void Web_IsALeaf() => Assert.Empty(TrialReferences("Trial.Web"));

    [Fact]
    public void Followup_ReferencesProtocolSchemaAndWeb() => Assert.Equal(["Trial.Protocol", "Trial.Schema", "Trial.Web"], TrialReferences("Trial.Followup"));

    [Fact]
    public void Enrollment_ReferencesFollowupProtocolSchemaWebAndFidelity() =>
        Assert.Equal(["Trial.Followup", "Trial.Protocol", "Trial.Schema", "Trial.Web", "trial-fidelity"], TrialReferences("Trial.Enrollment"));

    [Fact]
    public void Analysis_ReferencesProtocolAtMost_NeverEnrollmentOrFollowup() =>
        Assert.Empty(TrialReferences("trial-analysis").Except(["Trial.Protocol"]));

    [Fact]
    public void Web_IsNotUsedByAnalysisOrFidelity()
    {
        Assert.DoesNotContain("Trial.Web", TrialReferences("trial-analysis"));
        Assert.DoesNotContain("Trial.Web", TrialReferences("trial-fidelity"));
    }

    [Fact]
    public void Fidelity_StandsOnTheProtocolLibraryAlone() => Assert.Equal(["Trial.Protocol"], TrialReferences("trial-fidelity"));

    /// <summary>The demo stands on top: it starts Enrollment's host and runs Analysis; no product project references it.</summary>
    [Fact]
    public void Demo_ReferencesEnrollmentAndAnalysis_AndNothingReferencesDemo()
    {
        Assert.Contains("Trial.Enrollment", TrialReferences("Trial.Demo"));
        Assert.Contains("trial-analysis", TrialReferences("Trial.Demo"));
        foreach (var product in new[] { "Trial.Protocol", "Trial.Web", "Trial.Followup", "Trial.Enrollment", "trial-analysis", "trial-fidelity" })
        {
            Assert.DoesNotContain("Trial.Demo", TrialReferences(product));
        }
    }
}
