using System.Reflection;

namespace Trial.Architecture.Tests;

/// <summary>
/// Dependencies point one way (shared/spec/architecture.md): Protocol is a leaf; Followup → Protocol;
/// Enrollment → Followup, Protocol; Analysis → Protocol only, standing alone on the data package; Fidelity (the stateless
/// scoring engine) → Protocol only.
/// </summary>
public class ProjectDependencyTest
{
    private static readonly string[] TrialAssemblies = ["Trial.Protocol", "Trial.Followup", "Trial.Enrollment", "trial-analysis", "trial-fidelity"];

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
    public void Followup_ReferencesProtocolOnly() => Assert.Equal(["Trial.Protocol"], TrialReferences("Trial.Followup"));

    [Fact]
    public void Enrollment_ReferencesFollowupProtocolAndFidelity() => Assert.Equal(["Trial.Followup", "Trial.Protocol", "trial-fidelity"], TrialReferences("Trial.Enrollment"));

    [Fact]
    public void Analysis_ReferencesProtocolAtMost_NeverEnrollmentOrFollowup() =>
        Assert.Empty(TrialReferences("trial-analysis").Except(["Trial.Protocol"]));

    [Fact]
    public void Fidelity_StandsOnTheProtocolLibraryAlone() => Assert.Equal(["Trial.Protocol"], TrialReferences("trial-fidelity"));
}
