using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Consort;

/// <summary>
/// The CONSORT boxes a reviewer checks: people still on the way are awaiting, not excluded; deaths and mistaken
/// randomisations have their own counts; a participant who widened a withdrawal is counted once, by the widest scope.
/// </summary>
public class ConsortFlowTests
{
    private static int Count(JsonElement rows, string stage, string group) => ConsortRowsJson.Count(rows, stage, group);

    [Fact]
    public async Task Consort_WaitingDeathsMistakesAndWidenedWithdrawals_AreEachCountedOnceInTheirOwnBox()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "consort-flow");
        await TrialApi.SetSeedAsync(app);
        var manager = await app.ClientAsync("manager");
        async Task Post(string path, object body) =>
            Assert.True((await manager.PostAsJsonAsync(path, body)).IsSuccessStatusCode, path);
        async Task<Guid> Randomised(int person)
        {
            var id = await TrialApi.ConsentedAsync(manager, "oslo", person);
            Assert.Equal(HttpStatusCode.Created, (await TrialApi.RandomiseAsync(manager, id, $"flow-{person}")).StatusCode);
            return id;
        }

        await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(manager, "oslo", 60_001));            // awaiting consent
        await TrialApi.ConsentedAsync(manager, "oslo", 60_002);                                          // awaiting randomisation
        var diedEarly = await TrialApi.ConsentedAsync(manager, "oslo", 60_003);
        await Post($"/api/participants/{diedEarly}/death", new { diedOn = "2014-10-01" });
        var died = await Randomised(60_004);
        await Post($"/api/participants/{died}/death", new { diedOn = "2014-11-01" });
        var mistaken = await Randomised(60_005);
        await Post($"/api/participants/{mistaken}/randomisation/mistaken", new { reason = "already in another trial" });
        var widened = await Randomised(60_006);
        foreach (var scope in new[] { "followup-contact", "data-collection", "data-use" })
        {
            await Post($"/api/participants/{widened}/withdrawals", new { scope, effectiveOn = "2014-11-01", reason = "asked" });
        }
        var intervention = await Randomised(60_007);
        await Post($"/api/participants/{intervention}/withdrawals", new { scope = "intervention", effectiveOn = "2014-11-01", reason = "moved" });

        var rows = await manager.GetFromJsonAsync<JsonElement>("/api/consort");
        Assert.Equal(7, Count(rows, "assessed", ""));
        Assert.Equal((1, 1), (Count(rows, "awaiting", "consent"), Count(rows, "awaiting", "randomisation")));
        Assert.Equal(1, Count(rows, "excluded", "died-before-randomisation"));
        Assert.Equal(0, Count(rows, "excluded", "not-randomised"));
        Assert.Equal(1, rows.EnumerateArray().Where(r => r.GetProperty("stage").GetString() == "excluded").Sum(r => r.GetProperty("count").GetInt32()));
        Assert.Equal(4, Count(rows, "randomised", ""));
        Assert.Equal(1, Count(rows, "died", "ips") + Count(rows, "died", "control"));
        Assert.Equal(1, Count(rows, "mistaken", "ips") + Count(rows, "mistaken", "control"));
        Assert.Equal(1, Count(rows, "withdrawn", "data-use"));
        Assert.Equal(1, Count(rows, "withdrawn", "intervention"));
        Assert.Equal(0, Count(rows, "withdrawn", "followup-contact") + Count(rows, "withdrawn", "data-collection"));
        Assert.Equal(1, Count(rows, "withdrawn-scopes", "data-use;data-collection;followup-contact"));
    }
}
