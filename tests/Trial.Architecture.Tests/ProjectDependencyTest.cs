using System.Reflection;

namespace Trial.Architecture.Tests;

/// <summary>Dependencies point one way: Enrollment → Followup; Analysis stands alone on the data package.</summary>
public class ProjectDependencyTest
{
    private static readonly Assembly Enrollment = Assembly.Load("Trial.Enrollment");
    private static readonly Assembly Followup = Assembly.Load("Trial.Followup");
    private static readonly Assembly Analysis = Assembly.Load("trial-analysis");

    [Fact]
    public void Analysis_ReferencesNeitherEnrollmentNorFollowup()
    {
        var names = Analysis.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Trial.Enrollment", names);
        Assert.DoesNotContain("Trial.Followup", names);
    }

    [Fact]
    public void Followup_DoesNotReferenceEnrollment()
    {
        var names = Followup.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain("Trial.Enrollment", names);
    }

    [Fact]
    public void Enrollment_ReferencesFollowup()
    {
        var names = Enrollment.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.Contains("Trial.Followup", names);
    }
}
