using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Protocol.Tests.Package;

public class PackageVerifierTests
{
    private static readonly PackageExpectations Ips = PackageExpectations.FromProtocolFolder(RepositoryFiles.IpsProtocol);

    private static ProtocolFileError Refused(string folder, PackageExpectations? expectations = null) =>
        Assert.Throws<ProtocolFileException>(() => PackageVerifier.Open(folder, expectations ?? PackageExpectations.ContractOnly)).First;

    [Fact]
    public void ValidPackage_OpensWithItsTablesAndManifestHash()
    {
        var package = PackageVerifier.Open(SmallPackage.Write(), PackageExpectations.ContractOnly);
        Assert.Equal(2, package.Table("participants.csv")!.Rows.Count);
        Assert.Equal(64, package.Sha256.Length);
        Assert.Equal("test", package.Manifest.LockedBy);
    }

    [Fact]
    public void FileChangedAfterLock_IsRefusedNamingTheFile()
    {
        var folder = SmallPackage.Write();
        File.AppendAllText(Path.Combine(folder, "covariates.csv"), "P-0003-EF,1,male,,true\n");
        var e = Refused(folder);
        Assert.Equal("covariates.csv", e.File);
        Assert.Contains("does not match the manifest", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingManifest_IsNotAPackage()
    {
        Assert.Contains("not a data package", Refused(RepositoryFiles.TempFolder()).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void BadCell_IsRefusedNamingFileColumnLineAndRule()
    {
        var folder = SmallPackage.Write(covariates: [["P-0001-AB", 34, "woman", "", "true"], ["P-0002-CD", "", "", "", ""]]);
        var e = Refused(folder);
        Assert.Equal("covariates.csv: column sex (line 2): 'woman' is not one of the allowed codes (female, male)", e.ToString());
    }

    [Fact]
    public void CodeNotInProtocol_IsRefusedWhenTheProtocolIsKnown()
    {
        var folder = SmallPackage.Write(participants:
        [
            ["P-0001-AB", "tromso", "ips", "p1-2to1", "2:1", "oslo", 1, "2013-10-14", false, "", "", ""],
            ["P-0002-CD", "oslo", "control", "p1-2to1", "2:1", "oslo", 1, "2013-10-15", false, "", "", "data-use"],
        ]);
        PackageVerifier.Open(folder, PackageExpectations.ContractOnly);
        var e = Refused(folder, Ips);
        Assert.Equal(("participants.csv", "column centre", 2), (e.File, e.Path, e.Line));
        Assert.StartsWith("'tromso' is not one of the allowed codes", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingRequiredColumn_IsRefused()
    {
        var folder = SmallPackage.Write(covariateColumns: ["participant_id", "age", "income_2013_g", "born_norway"],
            covariates: [["P-0001-AB", 34, "", "true"], ["P-0002-CD", "", "", ""]]);
        Assert.Equal("covariates.csv: column sex (line 1): required column is missing from the header", Refused(folder).ToString());
    }

    [Fact]
    public void BaselineColumnsAreTypedByTheProtocolsForm()
    {
        var folder = SmallPackage.Write();
        var e = Refused(folder, Ips);
        Assert.Equal("covariates.csv", e.File);
        Assert.Equal("required column is missing from the header", e.Rule);
    }

    [Fact]
    public void AnswersOfADataUseWithdrawal_AreRefused()
    {
        var folder = SmallPackage.Write(scores: [["P-0002-CD", "0m", "hads", "total", "16", 14, 14, false]]);
        var e = Refused(folder);
        Assert.Equal("responses_scores.csv", e.File);
        Assert.Contains("withdrew from data use", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void CovariatesOfADataUseWithdrawal_AreRefused()
    {
        var folder = SmallPackage.Write(covariates: [["P-0001-AB", 34, "female", "", "true"], ["P-0002-CD", 40, "", "", ""]]);
        Assert.Contains("every covariate must be empty", Refused(folder).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownParticipant_IsRefused()
    {
        var folder = SmallPackage.Write(scores: [["P-0009-ZZ", "0m", "hads", "total", "16", 14, 14, false]]);
        var e = Refused(folder);
        Assert.Equal("column participant_id", e.Path);
        Assert.Contains("is not a participant of participants.csv", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKey_IsRefused()
    {
        var folder = SmallPackage.Write(scores: [["P-0001-AB", "0m", "hads", "total", "16", 14, 14, false], ["P-0001-AB", "0m", "hads", "total", "17", 14, 14, false]]);
        Assert.Contains("appears twice", Refused(folder).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void RowCountDifferentFromManifest_IsRefused()
    {
        var folder = SmallPackage.Write();
        var manifest = File.ReadAllText(Path.Combine(folder, "manifest.json")).Replace("\"rows\": 2", "\"rows\": 3", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest);
        Assert.Contains("the manifest says 3", Refused(folder).Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void ManifestPointingOutsideThePackage_IsRefused()
    {
        var folder = SmallPackage.Write();
        var manifest = File.ReadAllText(Path.Combine(folder, "manifest.json")).Replace("\"covariates.csv\"", "\"../covariates.csv\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(folder, "manifest.json"), manifest);
        var e = Refused(folder);
        Assert.Equal(("manifest.json", "$.files[1].name"), (e.File, e.Path));
    }

    [Fact]
    public void BaselineCellOutsideTheFormsCodes_IsRefused()
    {
        var form = Ips.BaselineForm.Columns().Select(c => c.Name).ToList();
        string Cell(string column, string married) => column switch
        {
            "born_norway" or "single_divorced" or "reading_writing_difficulties" or "involuntary_admission" or "psychotic" => "true",
            "civil_status" => married,
            "years_mental_complaints" => "3",
            _ => "",
        };
        IReadOnlyList<object?> Row(string id, string married) => [id, 30, "male", "", .. form.Select(c => Cell(c, married))];
        var folder = SmallPackage.Write(covariateColumns: ["participant_id", "age", "sex", "income_2013_g", .. form],
            covariates: [Row("P-0001-AB", "unmarried"), ["P-0002-CD", "", "", "", .. form.Select(_ => "")]]);
        PackageVerifier.Open(folder, Ips);
        folder = SmallPackage.Write(covariateColumns: ["participant_id", "age", "sex", "income_2013_g", .. form],
            covariates: [Row("P-0001-AB", "single"), ["P-0002-CD", "", "", "", .. form.Select(_ => "")]]);
        var e = Refused(folder, Ips);
        Assert.Equal(("covariates.csv", "column civil_status", 2), (e.File, e.Path, e.Line));
    }

    [Fact]
    public void ScopeWithoutItsWithdrawalRow_IsRefused()
    {
        var folder = SmallPackage.Write(withdrawals: []);
        var e = Refused(folder);
        Assert.Equal("withdrawals.csv", e.File);
        Assert.Contains("P-0002-CD lists 'data-use'", e.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void AnswerOnOrAfterADataCollectionWithdrawal_IsRefused()
    {
        IReadOnlyList<object?>[] participants =
        [
            ["P-0001-AB", "oslo", "ips", "p1-2to1", "2:1", "oslo", 1, "2013-10-14", false, "", "", "data-collection"],
            ["P-0002-CD", "oslo", "control", "p1-2to1", "2:1", "oslo", 1, "2013-10-15", false, "", "", "data-use"],
        ];
        IReadOnlyList<object?>[] Withdrawn(string on) => [["P-0001-AB", "data-collection", on], ["P-0002-CD", "data-use", "2014-01-02"]];
        var folder = SmallPackage.Write(participants: participants, withdrawals: Withdrawn("2014-04-14"), items: [["P-0001-AB", "6m", "hads", "a1", 2, "web", "2014-04-13T21:30:00Z"]]);
        PackageVerifier.Open(folder, PackageExpectations.ContractOnly);
        folder = SmallPackage.Write(participants: participants, withdrawals: Withdrawn("2014-04-13"), items: [["P-0001-AB", "6m", "hads", "a1", 2, "web", "2014-04-13T21:30:00Z"]]);
        var e = Refused(folder);
        Assert.Equal(("responses_items.csv", "column answered_at", 2), (e.File, e.Path, e.Line));
    }
}
