using Trial.Analysis.Inputs;
using Trial.Analysis.Package;

namespace Trial.Analysis.Tests.Package;

public class DataPackageReaderTest
{
    [Fact]
    public void Open_SimulatedPackage_VerifiesAndReadsEveryTable()
    {
        var package = DataPackageReader.Open(SimulatedTrial.Package);
        Assert.Equal(64, package.Sha256.Length);
        Assert.Contains("severity", package.CovariateColumns);
        Assert.NotEmpty(package.Scores);
    }

    [Fact]
    public void Open_ChangedFile_NamesTheFileAndTheHash()
    {
        var copy = SimulatedTrial.Copy();
        File.AppendAllText(Path.Combine(copy, "covariates.csv"), "P-9999-ZZ,40,male,,,1.00,true,true,false,\n");
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(copy));
        Assert.Equal("covariates.csv", e.File);
        Assert.Contains("does not match the manifest", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ManifestRowCountWrong_NamesTheFile()
    {
        var copy = SimulatedTrial.Copy();
        var manifest = Path.Combine(copy, "manifest.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"rows\": 429", "\"rows\": 428", StringComparison.Ordinal));
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(copy));
        Assert.Equal("screening.csv", e.File);
        Assert.Contains("429 rows, but the manifest says 428", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ListedFileMissing_IsAnError()
    {
        var copy = SimulatedTrial.Copy();
        File.Delete(Path.Combine(copy, "occasions.csv"));
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(copy));
        Assert.Equal("occasions.csv", e.File);
    }

    [Fact]
    public void Open_NoManifest_IsNotAPackage()
    {
        var e = Assert.Throws<InputRejectedException>(() => DataPackageReader.Open(Path.GetTempPath()));
        Assert.Contains("manifest.json is missing", e.Rule, StringComparison.Ordinal);
    }
}
