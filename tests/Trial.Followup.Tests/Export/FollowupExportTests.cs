using Microsoft.Extensions.DependencyInjection;
using Trial.Followup.Contact;
using Trial.Followup.Export;
using Trial.Followup.Hosting;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Export;

/// <summary>occasions.csv, responses_items.csv and responses_scores.csv as protocol/data-package.md specifies them.</summary>
public abstract class FollowupExportTests(FollowupDatabase database) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("followup-export-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(QuestionnaireHost Host, string[] Occasions, string[] Items, string[] Scores)> ExportAsync(string name, Func<QuestionnaireHost, Task<Dictionary<ParticipantRef, string>>> arrange)
    {
        var host = await QuestionnaireHost.StartAsync(database, name);
        var ids = await arrange(host);
        var files = await host.Services.GetRequiredService<IFollowupExport>().WriteFilesAsync(_dir, ids, new Dictionary<ParticipantRef, NodaTime.Instant>(), CancellationToken.None);
        Assert.Equal(["occasions.csv", "responses_items.csv", "responses_scores.csv"], files.Select(f => f.Name));
        string[] Read(string file) => File.ReadAllText(Path.Combine(_dir, file)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return (host, Read("occasions.csv"), Read("responses_items.csv"), Read("responses_scores.csv"));
    }

    [Fact]
    public async Task Export_WebResponse_WritesScoresWithPackageOccasionCodes()
    {
        var (host, _, _, scores) = await ExportAsync("x_scores", async host =>
        {
            var (participant, occasion) = await host.ScheduleAsync();
            await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(occasion), FormAnswers.Complete(Guid.NewGuid()));
            return new() { [participant] = "P-0001-7K" };
        });
        await using var _ = host;
        Assert.Equal("participant_id,occasion,instrument,scale,score,items_answered,items_total,prorated", scores[0]);
        Assert.Contains("P-0001-7K,6m,hads,total,14,14,14,false", scores);
        Assert.Contains("P-0001-7K,6m,whodas12,score,25,12,12,false", scores);
    }

    [Fact]
    public async Task Export_WebResponse_WritesItemsWithModeAndTime()
    {
        var (host, _, items, _) = await ExportAsync("x_items", async host =>
        {
            var (participant, occasion) = await host.ScheduleAsync();
            await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(occasion), FormAnswers.Complete(Guid.NewGuid()));
            return new() { [participant] = "P-0001-7K" };
        });
        await using var _ = host;
        Assert.Equal("participant_id,occasion,instrument,item,value,mode,answered_at", items[0]);
        Assert.Equal("P-0001-7K,6m,hads,a1,1,web,2026-07-10T10:00:00Z", items[1]);
        Assert.Equal(1 + 83, items.Length);
    }

    [Fact]
    public async Task Export_Occasions_OneRowPerOccasionWithStatusAndCompletion()
    {
        var (host, occasions, _, _) = await ExportAsync("x_occasions", async host =>
        {
            var (participant, occasion) = await host.ScheduleAsync();
            await FormAnswers.PostAsync(host.Client, await host.IssueLinkAsync(occasion), FormAnswers.Complete(Guid.NewGuid()));
            return new() { [participant] = "P-0001-7K" };
        });
        await using var _ = host;
        Assert.Equal(
            ["participant_id,occasion,due_on,status,reason,completed_at,mode",
             "P-0001-7K,0m,2026-01-15,pending,,,",
             "P-0001-7K,6m,2026-07-15,completed,,2026-07-10T10:00:00Z,web",
             "P-0001-7K,12m,2027-01-15,pending,,,"],
            occasions);
    }

    [Fact]
    public async Task Export_ParticipantNotListed_IsLeftOut()
    {
        var (host, occasions, _, _) = await ExportAsync("x_filter", async host =>
        {
            await host.ScheduleAsync();
            var (listed, _) = await host.ScheduleAsync();
            return new() { [listed] = "P-0002-AB" };
        });
        await using var _ = host;
        Assert.Equal(4, occasions.Length);
        Assert.All(occasions.Skip(1), row => Assert.StartsWith("P-0002-AB,", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_ProratedScore_WritesExactDecimalAndFlag()
    {
        var (host, _, _, scores) = await ExportAsync("x_prorated", async host =>
        {
            var (participant, occasion) = await host.ScheduleAsync();
            var phone = new Trial.Followup.Coordinator.ManualResponseRequest("phone", null, new()
            {
                ["hads"] = new() { ["a1"] = 2, ["a2"] = 1, ["a3"] = 3, ["a4"] = 0, ["a5"] = 2, ["a6"] = 1, ["a7"] = null },
            });
            var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Role, "coordinator"), new(Access.TrialClaimTypes.Centre, "oslo"), new(Access.TrialClaimTypes.UserId, "coord-1")], "Test"));
            await host.Services.GetRequiredService<Trial.Followup.Coordinator.ManualResponses>().RecordAsync(occasion, user, phone, CancellationToken.None);
            return new() { [participant] = "P-0003-CD" };
        });
        await using var _ = host;
        Assert.Contains("P-0003-CD,6m,hads,anxiety,10.5,6,7,true", scores); // 9 × 7/6
        Assert.Contains("P-0003-CD,6m,hads,depression,,0,7,false", scores);
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class FollowupExportPostgresTests() : FollowupExportTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class FollowupExportSqliteTests() : FollowupExportTests(FollowupDatabase.Sqlite);
