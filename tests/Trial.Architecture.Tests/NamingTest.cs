using System.Reflection;
using System.Text.RegularExpressions;

namespace Trial.Architecture.Tests;

/// <summary>Names say what a thing is (style-anchors §6.15) and the layout is by feature, not by layer (§6.2).</summary>
public partial class NamingTest
{
    private static readonly Assembly[] Product =
        [Assembly.Load("Trial.Web"), Assembly.Load("Trial.Enrollment"), Assembly.Load("Trial.Followup"), Assembly.Load("trial-analysis"), Assembly.Load("trial-fidelity"), Assembly.Load("Trial.Demo")];

    [GeneratedRegex(@"(Manager|Helper|Helpers|Util|Utils|Utilities|Misc)$|^Common$")]
    private static partial Regex VagueName();

    [Fact]
    public void ProductTypes_HaveNoVagueNames()
    {
        var offenders = Product.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && t.Namespace?.StartsWith("Trial", StringComparison.Ordinal) == true)
            .Where(t => !t.Name.Contains('<', StringComparison.Ordinal))
            .Where(t => VagueName().IsMatch(t.Name) || (t.Namespace ?? "").Split('.').Any(p => VagueName().IsMatch(p)))
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void SourceTree_HasNoLayerFolders()
    {
        string[] layerFolders = ["Controllers", "Services", "Handlers", "Validators", "Helpers", "Utils", "Common", "Managers"];
        var offenders = Directory.EnumerateDirectories(Path.Combine(RepositoryTree.Root, "src"), "*", SearchOption.AllDirectories)
            .Where(d => layerFolders.Contains(Path.GetFileName(d), StringComparer.Ordinal))
            .Select(RepositoryTree.Relative)
            .ToList();
        Assert.Empty(offenders);
    }
}
