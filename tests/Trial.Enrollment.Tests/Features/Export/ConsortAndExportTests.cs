using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Export;

/// <summary>CONSORT counts and the data package, checked against what the small trial did.</summary>
public class ConsortAndExportTests(SmallTrialFixture fixture) : IClassFixture<SmallTrialFixture>
{
    private TrialTestApp App => fixture.App;

    private static int Count(JsonElement rows, string stage, string group) => Consort.ConsortRowsJson.Count(rows, stage, group);

    [Fact]
    public async Task Consort_AfterSmallTrial_CountsEachStageFromEvents()
    {
        var rows = await (await App.ClientAsync("manager")).GetFromJsonAsync<JsonElement>("/api/consort");
        Assert.Equal(6, Count(rows, "assessed", ""));
        Assert.Equal(1, Count(rows, "excluded", "insufficient-norwegian"));
        Assert.Equal(1, Count(rows, "excluded", "declined-consent"));
        Assert.Equal(1, Count(rows, "awaiting", "randomisation"));
        Assert.Equal(0, Count(rows, "excluded", "not-randomised"));
        Assert.Equal(3, Count(rows, "randomised", ""));
        Assert.Equal(3, Count(rows, "allocated", "ips") + Count(rows, "allocated", "control"));
        Assert.Equal(1, rows.EnumerateArray().Count(r => r.GetProperty("group").GetString()!.EndsWith("/p1-2to1", StringComparison.Ordinal)));
        Assert.Equal(1, Count(rows, "withdrawn", "data-collection"));
    }

    [Fact]
    public async Task Consort_ForOtherCentreUser_CountsNothingFromOslo()
    {
        var rows = await (await App.ClientAsync("coord.hadeland")).GetFromJsonAsync<JsonElement>("/api/consort");
        Assert.Equal(0, Count(rows, "assessed", ""));
    }

    [Fact]
    public async Task Export_AfterSmallTrial_WritesFilesThatMatchTheManifest()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-lock-" + Guid.NewGuid().ToString("N")[..8]);
        await using var scope = App.Services.CreateAsyncScope();
        var manifest = await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(folder, "statistician", CancellationToken.None);
        Assert.Equal(["participants.csv", "withdrawals.csv", "covariates.csv", "screening.csv", "consort.csv"], manifest.Files.Take(5).Select(f => f.Name));
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(folder, file.Name);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))));
        }
        Assert.Equal(3, manifest.Files.Single(f => f.Name == "participants.csv").Rows);
        Assert.Equal(6, manifest.Files.Single(f => f.Name == "screening.csv").Rows);
        var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "manifest.json"))).RootElement;
        Assert.Equal("trial-data-package", json.GetProperty("format").GetString());
        Assert.Equal(App.Services.GetRequiredService<Trial.Enrollment.Protocol.TrialProtocol>().Sha256, json.GetProperty("protocol").GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task Export_Participants_HaveHeaderOfDataPackageFormatAndNoIdentifiers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-lock-" + Guid.NewGuid().ToString("N")[..8]);
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(folder, "statistician", CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(Path.Combine(folder, "participants.csv"));
        Assert.Equal("participant_id,centre,arm,period,ratio,stratum,block,randomised_on,protocol_sha256,mistaken,mistaken_reason,died_on,withdrawn_scopes", lines[0]);
        var all = string.Concat(Directory.GetFiles(folder).Select(File.ReadAllText));
        Assert.DoesNotContain(TestPeople.NationalId(50_005), all, StringComparison.Ordinal);
        Assert.DoesNotContain("Person 50005", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_IntoNonEmptyFolder_IsRefused()
    {
        var folder = Path.Combine(Path.GetTempPath(), "trial-lock-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), "{}");
        await using var scope = App.Services.CreateAsyncScope();
        await Assert.ThrowsAsync<Trial.Enrollment.Problems.RejectedException>(() =>
            scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(folder, "statistician", CancellationToken.None));
    }
}
