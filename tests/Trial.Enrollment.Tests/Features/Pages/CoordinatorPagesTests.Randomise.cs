using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Pages;

/// <summary>
/// A refused randomisation on the confirmation page. The page has no field to correct and nothing is saved, so its
/// error summary must not be headed "…before the form can be saved".
/// </summary>
public partial class CoordinatorPagesTests
{
    [Fact]
    public async Task RandomiseConfirmation_WithAKeyThatIsNoKey_IsRefusedAsARandomisation_AndAllocatesNothing()
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        var id = await TrialApi.ConsentedAsync(oslo, "oslo", ApiFixture.NextPerson());
        var session = new PageSession(fixture.App.Anonymous());
        await session.SignInAsync("coord.oslo", TrialTestApp.Password);

        // The hidden key emptied (the key is opaque, 1 to 100 characters): refused, and the page offers a fresh key to try again.
        var refused = await session.PostFormAsync($"/participants/{id}/randomise", $"/participants/{id}/randomise",
            new Dictionary<string, string> { ["idempotencyKey"] = "" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("<h2 class=\"ds-heading\" data-size=\"xs\">Deltakeren ble ikke randomisert:</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lagres", html, StringComparison.Ordinal);
        Assert.Matches("name=\"idempotencyKey\" value=\"[0-9a-f-]{36}\"", html);

        var english = await session.PostFormAsync($"/participants/{id}/randomise?lang=en", $"/participants/{id}/randomise?lang=en",
            new Dictionary<string, string> { ["idempotencyKey"] = new string('k', 101) });
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Contains("<h2 class=\"ds-heading\" data-size=\"xs\">The participant was not randomised:</h2>",
            await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var scope = fixture.App.Services.CreateAsyncScope();
        Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<TrialDbContext>().Randomisations.CountAsync(r => r.ParticipantId == id));
    }
}
