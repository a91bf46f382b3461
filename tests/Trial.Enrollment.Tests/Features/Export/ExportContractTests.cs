using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Trial.Protocol.Files;
using Trial.Protocol.Package;

namespace Trial.Enrollment.Tests.Features.Export;

/// <summary>
/// The writer's side of the data-package contract: a trial run through the real service and the real Follow-up
/// (baseline forms, 0-month answers entered by phone, withdrawals of each data scope), then the real export, which
/// must pass <see cref="PackageVerifier"/> against protocol/data-package.schema.yaml and the IPS protocol.
/// </summary>
public abstract class ExportContractTests(DatabaseProvider provider) : IDisposable
{
    private readonly string _package = Path.Combine(Path.GetTempPath(), "trial-contract-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_package))
        {
            Directory.Delete(_package, recursive: true);
        }
    }

    private const string Today = "2014-11-01";

    private static readonly Dictionary<string, Dictionary<string, int?>> HadsAllOnes = new()
    {
        ["hads"] = new[] { "a", "d" }.SelectMany(s => Enumerable.Range(1, 7).Select(i => $"{s}{i}")).ToDictionary(k => k, _ => (int?)1),
    };

    private static async Task<Guid> BaselineOccasionAsync(HttpClient client, Guid participant)
    {
        var occasions = await client.GetFromJsonAsync<JsonElement>($"/api/followup/participants/{participant}/occasions");
        Assert.Equal(["m0", "m6", "m12"], occasions.EnumerateArray().Select(o => o.GetProperty("occasion").GetString()));
        return occasions[0].GetProperty("occasionId").GetGuid();
    }

    private static async Task AnswerBaselineByPhoneAsync(HttpClient client, Guid participant, string answeredAt)
    {
        var response = await client.PostAsJsonAsync($"/api/followup/occasions/{await BaselineOccasionAsync(client, participant)}/responses",
            new { mode = "phone", answeredAt, answers = HadsAllOnes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static async Task<Guid> IncludedAsync(HttpClient client, int person, IReadOnlyDictionary<string, object?> baseline, string key)
    {
        // Included on the service's date (the test clock: 2014-11-01), so the baseline occasion m0 is open now.
        var id = await TrialApi.ConsentedAsync(client, "oslo", person, Today);
        Assert.Equal(HttpStatusCode.OK, (await BaselineForms.PutAsync(client, id, baseline, Today)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(client, id, key, Today)).StatusCode);
        return id;
    }

    private static async Task<string> ResearchIdAsync(HttpClient client, Guid id) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/participants/{id}/baseline")).GetProperty("researchId").GetString()!;

    [Fact]
    public async Task Export_OfATrialRunThroughTheService_PassesTheContract()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "contract", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        var full = await IncludedAsync(oslo, 260_001, BaselineForms.Complete, "c1");
        var partial = await IncludedAsync(oslo, 260_002, new Dictionary<string, object?> { ["born_norway"] = false, ["civil_status"] = "married" }, "c2");
        var dataUse = await IncludedAsync(oslo, 260_003, BaselineForms.Complete, "c3");
        var lateAnswer = await IncludedAsync(oslo, 260_004, BaselineForms.Complete, "c4");
        foreach (var id in new[] { full, partial, dataUse })
        {
            await AnswerBaselineByPhoneAsync(oslo, id, "2014-11-01T10:00:00Z");
        }
        // Answered today, but the withdrawal from data collection was recorded as effective from today: not exported.
        await AnswerBaselineByPhoneAsync(oslo, lateAnswer, "2014-11-01T11:00:00Z");
        Assert.Equal(HttpStatusCode.NoContent, (await oslo.PostAsJsonAsync($"/api/participants/{dataUse}/withdrawals",
            new { scope = "data-use", effectiveOn = Today, reason = "Vil ikke at dataene brukes" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await oslo.PostAsJsonAsync($"/api/participants/{lateAnswer}/withdrawals",
            new { scope = "data-collection", effectiveOn = Today, reason = "Orker ikke flere skjema" })).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(_package, "statistician", CancellationToken.None);
        }
        var package = PackageVerifier.Open(_package, PackageExpectations.FromProtocolFolder(RepositoryPaths.IpsProtocol));

        var covariates = package.Table("covariates.csv")!;
        string[] Row(PackageTable t, string id) => t.Rows.Single(r => r[0] == id);
        string Cell(string id, string column) => Row(covariates, id)[covariates.ColumnIndex(column)];
        var (fullId, partialId, dataUseId, lateId) = (await ResearchIdAsync(oslo, full), await ResearchIdAsync(oslo, partial),
            await ResearchIdAsync(oslo, dataUse), await ResearchIdAsync(oslo, lateAnswer));
        Assert.Equal(("true", "divorced", "true", "12", "true", "bipolar", "false", "severe", "within-weeks"),
            (Cell(fullId, "born_norway"), Cell(fullId, "civil_status"), Cell(fullId, "single_divorced"), Cell(fullId, "years_mental_complaints"),
             Cell(fullId, "involuntary_admission"), Cell(fullId, "mini_diagnosis"), Cell(fullId, "psychotic"), Cell(fullId, "severity"),
             Cell(fullId, "return_to_work_expectation")));
        Assert.Equal(("false", "married", "false", ""), (Cell(partialId, "born_norway"), Cell(partialId, "civil_status"), Cell(partialId, "single_divorced"), Cell(partialId, "mini_diagnosis")));
        Assert.All(Row(covariates, dataUseId).Skip(1), cell => Assert.Equal("", cell));

        var scores = package.Table("responses_scores.csv")!;
        Assert.Contains(scores.Rows, r => r[0] == fullId && r[1] == "0m" && r[2] == "hads" && r[3] == "total" && r[4] == "14");
        Assert.DoesNotContain(scores.Rows, r => r[0] == dataUseId);
        Assert.DoesNotContain(scores.Rows, r => r[0] == lateId);
        Assert.DoesNotContain(package.Table("responses_items.csv")!.Rows, r => r[0] == dataUseId || r[0] == lateId);
        Assert.Equal([[dataUseId, "data-use", Today], [lateId, "data-collection", Today]],
            package.Table("withdrawals.csv")!.Rows.OrderBy(r => r[0], StringComparer.Ordinal).Select(r => r.ToList()));
        var occasions = package.Table("occasions.csv")!;
        Assert.Contains(occasions.Rows, r => r[0] == fullId && r[1] == "0m" && r[3] == "completed" && r[6] == "phone");
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(_package, "occasions.csv")), "Orker", StringComparison.Ordinal);
        Assert.DoesNotContain(File.ReadAllText(Path.Combine(_package, "withdrawals.csv")), "Vil ikke", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_AfterTheFileIsEdited_IsRefusedByTheReadersCheck()
    {
        await using var app = await TrialTestApp.StartAsync(provider, "contract_edit", registerFollowup: false);
        await TrialApi.SetSeedAsync(app);
        var oslo = await app.ClientAsync("coord.oslo");
        await IncludedAsync(oslo, 260_101, BaselineForms.Complete, "e1");
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(_package, "statistician", CancellationToken.None);
        }
        var path = Path.Combine(_package, "covariates.csv");
        File.WriteAllText(path, File.ReadAllText(path).Replace(",divorced,", ",single,", StringComparison.Ordinal));
        var e = Assert.Throws<ProtocolFileException>(() => PackageVerifier.Open(_package, PackageExpectations.FromProtocolFolder(RepositoryPaths.IpsProtocol)));
        Assert.Equal("covariates.csv", e.First.File);
    }
}

public sealed class SqliteExportContractTests() : ExportContractTests(DatabaseProvider.Sqlite);

[Trait("db", "postgres")]
public sealed class PostgresExportContractTests() : ExportContractTests(DatabaseProvider.Postgres);
