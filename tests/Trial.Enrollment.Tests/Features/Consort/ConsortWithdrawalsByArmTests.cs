using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Consort;

/// <summary>
/// CONSORT's follow-up row: withdrawals per arm, each participant once by the widest scope, in the counts and under
/// each arm's box of the overview's diagram, in both languages; a withdrawal before randomisation stays an exclusion.
/// </summary>
public sealed partial class ConsortWithdrawalsByArmTests
{
    private static int Count(JsonElement rows, string stage, string group) => ConsortRowsJson.Count(rows, stage, group);

    [Fact]
    public async Task Withdrawals_InBothArms_AreCountedAndDrawnPerArmByWidestScope()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "consort-arms");
        await TrialApi.SetSeedAsync(app);
        var manager = await app.ClientAsync("manager");
        async Task Withdraw(Guid id, string scope) =>
            Assert.True((await manager.PostAsJsonAsync($"/api/participants/{id}/withdrawals", new { scope, effectiveOn = "2014-11-01", reason = "asked" })).IsSuccessStatusCode, scope);
        // Randomise until each arm has two: the allocation is the service's own, so the arms are read back.
        var byArm = new Dictionary<string, List<Guid>>(StringComparer.Ordinal) { ["ips"] = [], ["control"] = [] };
        for (var person = 61_001; byArm.Values.Any(a => a.Count < 2); person++)
        {
            Assert.True(person < 61_040, "forty randomisations never gave each arm two participants");
            var id = await TrialApi.ConsentedAsync(manager, "oslo", person);
            var response = await TrialApi.RandomiseAsync(manager, id, $"arms-{person}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            byArm[(await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("arm").GetString()!].Add(id);
        }
        // IPS: one from the intervention, one who widened follow-up contact to data use. Control: one from data collection.
        await Withdraw(byArm["ips"][0], "intervention");
        await Withdraw(byArm["ips"][1], "followup-contact");
        await Withdraw(byArm["ips"][1], "data-use");
        await Withdraw(byArm["control"][0], "data-collection");
        // Before randomisation: an exclusion, in no arm.
        await Withdraw(await TrialApi.ConsentedAsync(manager, "oslo", 61_100), "data-use");

        var rows = await manager.GetFromJsonAsync<JsonElement>("/api/consort");
        Assert.Equal((1, 1, 0), (Count(rows, "withdrawn", "ips/intervention"), Count(rows, "withdrawn", "ips/data-use"), Count(rows, "withdrawn", "ips/followup-contact")));
        Assert.Equal(1, Count(rows, "withdrawn", "control/data-collection"));
        Assert.Equal(3, rows.EnumerateArray().Where(r => r.GetProperty("stage").GetString() == "withdrawn" && r.GetProperty("group").GetString()!.Contains('/')).Sum(r => r.GetProperty("count").GetInt32()));
        Assert.Equal(1, Count(rows, "excluded", "withdrew-before-randomisation"));
        // The overall rows are as before: every withdrawer once, by the widest scope, the one before randomisation too.
        Assert.Equal((2, 1, 1), (Count(rows, "withdrawn", "data-use"), Count(rows, "withdrawn", "intervention"), Count(rows, "withdrawn", "data-collection")));

        var page = new PageSession(app.Anonymous());
        await page.SignInAsync("manager", TrialTestApp.Password);
        var norwegian = await (await page.GetAsync("/manager")).Content.ReadAsStringAsync();
        Assert.Equal("Trukket seg (n\u00A0=\u00A02)|• All bruk av data: 1|• Tiltaket: 1", BoxText(norwegian, "withdrawn-ips"));
        Assert.Equal("Trukket seg (n\u00A0=\u00A01)|• Videre datainnsamling: 1", BoxText(norwegian, "withdrawn-control"));
        var english = await (await page.GetAsync("/manager?lang=en")).Content.ReadAsStringAsync();
        Assert.Equal("Withdrawn (n\u00A0=\u00A02)|• All use of data: 1|• The intervention: 1", BoxText(english, "withdrawn-ips"));
        Assert.Equal("Withdrawn (n\u00A0=\u00A01)|• Further data collection: 1", BoxText(english, "withdrawn-control"));
    }

    /// <summary>The texts of one box of the diagram, '|' between texts, each text's lines joined as a reader reads them.</summary>
    private static string BoxText(string html, string id)
    {
        var box = Box().Matches(html).Single(m => m.Groups["id"].Value == id).Groups["body"].Value;
        return string.Join("|", Text().Matches(box).Select(t => WebUtility.HtmlDecode(Tag().Replace(t.Groups[1].Value, ""))));
    }

    [GeneratedRegex("<g class=\"box\" id=\"(?<id>[^\"]+)\">(?<body>.*?)</g>\\s*</g>", RegexOptions.Singleline)]
    private static partial Regex Box();

    [GeneratedRegex("<text[^>]*>(.*?)</text>", RegexOptions.Singleline)]
    private static partial Regex Text();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
}
