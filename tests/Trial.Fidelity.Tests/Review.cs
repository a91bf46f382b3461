using Trial.Fidelity.Evidence;
using Trial.Fidelity.Scale;
using Trial.Fidelity.Scoring;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Tests;

/// <summary>Scores evidence written as YAML in a test against the committed IPS-25 scale.</summary>
internal static class Review
{
    public static readonly string Root = FindRoot();

    public static readonly FidelityScale Ips25 = ScaleReader.Load(Path.Combine(Root, "protocol", "fidelity", "ips-25.yaml"));

    public static ReviewEvidence Evidence(string items, string header = "")
    {
        var text = $"format: trial-fidelity-evidence\nformatVersion: 1\nscale: ips-25\n{header}\nitems:\n{Indent(items)}";
        return EvidenceReader.Read(YamlValue.Parse("evidence.yaml", text), Ips25);
    }

    public static ReviewScore Score(string items, string header = "") => FidelityScorer.Score(Ips25, Evidence(items, header));

    /// <summary>The score of one item, given only that item's evidence.</summary>
    public static ItemScore Item(string code, string evidence, string header = "") =>
        Score($"{code}:\n{Indent(evidence)}", header)[code];

    public static ProtocolFileException Refused(string items, string header = "") =>
        Assert.Throws<ProtocolFileException>(() => Evidence(items, header));

    private static string Indent(string text) => string.Join("\n", text.Split('\n').Select(l => "  " + l));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Trial.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("Trial.sln not found above the test folder.");
    }
}
