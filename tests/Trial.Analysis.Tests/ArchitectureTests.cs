using System.Reflection;
using Trial.Analysis.Numerics;

namespace Trial.Analysis.Tests;

/// <summary>style-anchors §6.10: numeric kernels take arrays and never see specs, formulas, data frames or names.</summary>
public class ArchitectureTests
{
    private static readonly string[] Forbidden = ["Trial.Analysis.Spec", "Trial.Analysis.Data", "Trial.Analysis.Designs", "Trial.Analysis.Ols", "Trial.Analysis.Variance"];

    /// <summary>Issue 8: the analysis plan and cost-benefit inputs are read by Trial.Protocol's one YAML reader; Analysis has none of its own.</summary>
    [Fact]
    public void Analysis_HasNoYamlReaderOfItsOwn()
    {
        var analysis = typeof(Trial.Analysis.Plan.AnalysisPlanLoader).Assembly;
        Assert.DoesNotContain(analysis.GetReferencedAssemblies(), a => a.Name == "YamlDotNet");
        Assert.DoesNotContain(analysis.GetTypes(), t => t.Name.Contains("Yaml", StringComparison.Ordinal));
        Assert.Contains(analysis.GetReferencedAssemblies(), a => a.Name == "Trial.Protocol");
    }

    [Fact]
    public void Numerics_ReferencesNoModelLayer()
    {
        var kernels = typeof(LeastSquares).Assembly.GetTypes().Where(t => t.Namespace == "Trial.Analysis.Numerics");
        var offenders = kernels
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType))
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static).Select(f => f.FieldType))
                .Where(type => Forbidden.Any(ns => (type.Namespace ?? "").StartsWith(ns, StringComparison.Ordinal)))
                .Select(type => $"{t.Name} uses {type.FullName}"))
            .ToArray();
        Assert.Empty(offenders);
    }
}
