using System.Net.Http.Json;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Export;

/// <summary>A small trial run through the API once per class (read-only tests follow).</summary>
public sealed class SmallTrialFixture : IAsyncLifetime
{
    public TrialTestApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "consort");
        await TrialApi.SetSeedAsync(App);
        var oslo = await App.ClientAsync("coord.oslo");
        // 6 screened: 1 ineligible (Norwegian), 1 declines, 1 consents but is not randomised, 3 randomised (1 in 2:1 period).
        await TrialApi.ScreenAsync(oslo, "oslo", 50_001, new Dictionary<string, bool>(TestPeople.AllYes) { ["norwegian"] = false });
        await TrialApi.ConsentAsync(oslo, await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(oslo, "oslo", 50_002)), "declined");
        await TrialApi.ConsentedAsync(oslo, "oslo", 50_003);
        var early = await TrialApi.ConsentedAsync(oslo, "oslo", 50_004, "2013-11-01");
        await TrialApi.RandomiseOnDayAsync(App, oslo, early, "k4", "2013-11-02");
        var late = await TrialApi.ConsentedAsync(oslo, "oslo", 50_005);
        await TrialApi.RandomiseAsync(oslo, late, "k5");
        var withdrawn = await TrialApi.ConsentedAsync(oslo, "oslo", 50_006);
        await TrialApi.RandomiseAsync(oslo, withdrawn, "k6");
        await oslo.PostAsJsonAsync($"/api/participants/{withdrawn}/withdrawals", new { scope = "data-collection", effectiveOn = "2014-05-01", reason = "x" });
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
