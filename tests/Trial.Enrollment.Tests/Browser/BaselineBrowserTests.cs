using System.Net.Http.Json;
using System.Text.Json;
using Trial.Enrollment.Tests.Hosting;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Browser;

/// <summary>The protocol's baseline form on a page, in Chromium: a refusal on the field, a correction, another centre.</summary>
[Trait("db", "postgres")]
[Collection(BrowserCollection.Name)]
public sealed class BaselineBrowserTests(BrowserTrialFixture fixture)
{
    [ChromiumFact]
    public async Task Coordinator_RecordsTheBaselineForm_AfterAFieldIsRefused()
    {
        fixture.App.Clock.Reset(NodaTime.Instant.FromUtc(2014, 11, 1, 12, 0));
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", 260_201, "2014-10-01");
        var page = await fixture.SignedInAsync("coord.oslo");
        await page.GotoAsync($"/participants/{id}");
        await page.ClickAsync("#baseline");
        await page.CheckPageAsync("baseline-1-form-nb");
        await page.CheckAsync("#f-values-born-norway-0");
        await page.SelectOptionAsync("#f-values-education", "higher");
        await page.FillAsync("#f-values-years-mental-complaints", "200");
        await page.ClickAsync("#save-baseline");

        // Outside the protocol's 0–80: refused on that field; the other answers are still there.
        Assert.Equal("true", await page.GetAttributeAsync("#f-values-years-mental-complaints", "aria-invalid"));
        Assert.Equal("200", await page.InputValueAsync("#f-values-years-mental-complaints"));
        Assert.True(await page.IsCheckedAsync("#f-values-born-norway-0"));
        Assert.Equal("higher", await page.InputValueAsync("#f-values-education"));
        await page.CheckPageAsync("baseline-2-refused-nb");
        await page.FillAsync("#f-values-years-mental-complaints", "12");
        await page.ClickAsync("#save-baseline");

        Assert.EndsWith("?saved=baseline", page.Url, StringComparison.Ordinal);
        var saved = await (await oslo.GetAsync($"/api/participants/{id}/baseline")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("true", saved.GetProperty("values").GetProperty("born_norway").GetString());
        Assert.Equal("12", saved.GetProperty("values").GetProperty("years_mental_complaints").GetString());
        Assert.Equal(JsonValueKind.Null, saved.GetProperty("values").GetProperty("civil_status").ValueKind);

        // Opened again in English, the form shows what is recorded, to correct it.
        await page.GotoAsync($"/participants/{id}/baseline?lang=en");
        Assert.Equal("12", await page.InputValueAsync("#f-values-years-mental-complaints"));
        Assert.True(await page.Locator("#recorded-before").IsVisibleAsync());
        await page.CheckPageAsync("baseline-3-correct-en");

        var hadeland = await fixture.SignedInAsync("coord.hadeland");
        Assert.Equal(403, (await hadeland.GotoAsync($"/participants/{id}/baseline"))!.Status);
        Assert.DoesNotContain("Person 260201", await hadeland.ContentAsync(), StringComparison.Ordinal);
    }
}
