using System.Text;
using Trial.Analysis.Inputs;
using Trial.Analysis.Plan;
using Trial.Analysis.Register;
using Trial.Protocol.Package;

namespace Trial.Analysis.Tests.Register;

/// <summary>
/// Extra register-extract columns (issue 13): the contract allows them after the nine core columns
/// (extraColumns: plan-register-columns), the plan declares them (register_columns), and the reader refuses any other.
/// </summary>
public class RegisterExtraColumnsTest
{
    private const string Core = "participant_id,month,employed,aap,disability,social_assistance,nav_measure,sick_leave,education";
    private static readonly Dictionary<string, RegisterColumnKind> Declared = new(StringComparer.Ordinal) { ["npr_phv_outpatient"] = RegisterColumnKind.Count };

    private static RegisterExtract Parse(string text, IReadOnlyDictionary<string, RegisterColumnKind>? declared) =>
        RegisterExtractReader.Parse("register.csv", Encoding.UTF8.GetBytes(text), declared);

    [Fact]
    public void CoreColumns_AreTheContractsRegisterExtract()
    {
        var contract = PackageContract.Current.RegisterExtract;
        Assert.Equal(ExtraColumns.PlanRegisterColumns, contract.Extra);
        Assert.Equal(contract.Columns.Select(c => c.Name), RegisterExtract.Columns);
        Assert.Equal(RegisterExtract.Columns.Skip(2), Enum.GetValues<RegisterStatus>().Select(RegisterExtract.ColumnOf));
    }

    [Fact]
    public void DeclaredCountColumn_IsRead()
    {
        var r = Parse($"{Core},npr_phv_outpatient\nP-0001-AB,2014-01,1,0,0,,0,0,0,3\nP-0001-AB,2014-02,0,1,0,1,0,0,0,\n", Declared);
        Assert.Equal(3.0, r.Extra["npr_phv_outpatient"][0]);
        Assert.True(double.IsNaN(r.Extra["npr_phv_outpatient"][1]));
        Assert.Equal(1.0, r.Status(RegisterStatus.Employed)[0]);
    }

    [Fact]
    public void UndeclaredExtraColumn_IsRefusedNamingFileAndColumn()
    {
        var e = Assert.Throws<InputRejectedException>(() => Parse($"{Core},npr_bup\nP-0001-AB,2014-01,1,0,0,0,0,0,0,1\n", Declared));
        Assert.Equal("register.csv", e.File);
        Assert.Equal("line 1, column 10 (npr_bup)", e.Location);
        Assert.Contains("not declared under register_columns", e.Rule, StringComparison.Ordinal);
        var none = Assert.Throws<InputRejectedException>(() => Parse($"{Core},npr_bup\n", null));
        Assert.Contains("the plan declares none", none.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredColumnMissing_OrBadCount_IsRefused()
    {
        var missing = Assert.Throws<InputRejectedException>(() => Parse($"{Core}\nP-0001-AB,2014-01,1,0,0,0,0,0,0\n", Declared));
        Assert.Contains("'npr_phv_outpatient' is declared", missing.Rule, StringComparison.Ordinal);
        var bad = Assert.Throws<InputRejectedException>(() => Parse($"{Core},npr_phv_outpatient\nP-0001-AB,2014-01,1,0,0,0,0,0,0,-1\n", Declared));
        Assert.Equal("line 2, column 10 (npr_phv_outpatient)", bad.Location);
        Assert.Contains("whole number", bad.Rule, StringComparison.Ordinal);
    }

    /// <summary>A reader is tested on what the real writer writes: the simulator's extract with the committed plan's declarations.</summary>
    [Fact]
    public void SimulatedExtract_IsReadWithTheCommittedPlansColumns()
    {
        var plan = AnalysisPlanLoader.Load(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var register = RegisterExtractReader.Read(SimulatedTrial.Register, plan.RegisterColumnKinds());
        Assert.Equal(plan.RegisterColumns.Keys.Order(StringComparer.Ordinal), register.Extra.Keys.Order(StringComparer.Ordinal));
        var outpatient = register.Extra["npr_phv_outpatient"];
        Assert.Contains(outpatient, v => v > 1);                                       // counts, not statuses
        var december2015 = RegisterExtract.MonthIndex(2015, 12);
        Assert.All(Enumerable.Range(0, register.Count).Where(r => register.Month[r] > december2015), r => Assert.True(double.IsNaN(outpatient[r])));
        Assert.Throws<InputRejectedException>(() => RegisterExtractReader.Read(SimulatedTrial.Register));   // no declarations: refused
    }

    [Fact]
    public void Plan_OutcomeOnUndeclaredColumn_OrCoreColumnDeclared_IsRefused()
    {
        var committed = File.ReadAllText(RepositoryFiles.Protocol("ips-norway/analysis-plan.yaml"));
        var undeclared = Assert.Throws<Trial.Protocol.Files.ProtocolFileException>(() => AnalysisPlanLoader.Parse("plan.yaml",
            Encoding.UTF8.GetBytes(committed.Replace("column: npr_bup }", "column: npr_bupp }", StringComparison.Ordinal))));
        Assert.Equal("$.register_outcomes.bup_contacts.column", undeclared.First.Path);
        var core = Assert.Throws<Trial.Protocol.Files.ProtocolFileException>(() => AnalysisPlanLoader.Parse("plan.yaml",
            Encoding.UTF8.GetBytes(committed.Replace("  npr_bup: { type: count", "  employed: { type: count", StringComparison.Ordinal))));
        Assert.Contains("core column", core.Message, StringComparison.Ordinal);
    }
}
