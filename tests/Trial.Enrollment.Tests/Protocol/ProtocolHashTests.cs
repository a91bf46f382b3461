using Trial.Protocol.Hashing;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Tests.Protocol;

public class ProtocolHashTests
{
    [Fact]
    public void Compute_SameFolderTwice_IsEqual() =>
        Assert.Equal(ProtocolHash.Compute(RepositoryPaths.IpsProtocol), ProtocolHash.Compute(RepositoryPaths.CopyOfIpsProtocol()));

    [Fact]
    public void Compute_ConsentFormEdited_Changes()
    {
        var folder = RepositoryPaths.CopyOfIpsProtocol();
        var before = ProtocolHash.Compute(folder);
        File.AppendAllText(Path.Combine(folder, "consent", "consent-1.0.md"), " ");
        Assert.NotEqual(before, ProtocolHash.Compute(folder));
    }

    [Fact]
    public void Compute_AnalysisPlanAdded_IsUnchanged()
    {
        var folder = RepositoryPaths.CopyOfIpsProtocol();
        var before = ProtocolHash.Compute(folder);
        File.WriteAllText(Path.Combine(folder, "analysis-plan.yaml"), "x: 1");
        File.WriteAllText(Path.Combine(folder, "cost-benefit.yaml"), "x: 1");
        Assert.Equal(before, ProtocolHash.Compute(folder));
    }

    [Fact]
    public void Load_Protocol_CarriesFolderHash() =>
        Assert.Equal(ProtocolHash.Compute(RepositoryPaths.IpsProtocol), ProtocolLoader.Load(RepositoryPaths.IpsProtocol).Sha256);
}
