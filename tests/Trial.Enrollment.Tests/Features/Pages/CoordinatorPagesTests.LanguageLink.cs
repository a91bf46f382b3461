using System.Net;
using System.Text.RegularExpressions;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Pages;

/// <summary>
/// The language link of a page that answers a form's POST. It was "?lang=en", relative to the POST's address, and
/// several POST addresses have no page (POST /participants/{id}/consent is shown at /participants/{id}): the link
/// gave a 405. Each case posts a form that fails, follows the link as a browser would, and gets the page in English.
/// </summary>
public partial class CoordinatorPagesTests
{
    [GeneratedRegex("""<nav aria-label="[^"]*" class="language">\s*<a class="ds-link" href="([^"]*)" """)]
    private static partial Regex LanguageLink();

    /// <summary>The page's language link, resolved against the address that answered as a browser does.</summary>
    private static async Task<string> LanguageLinkAsync(HttpResponseMessage page, string answeredAt)
    {
        var href = WebUtility.HtmlDecode(LanguageLink().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value);
        Assert.NotEmpty(href);
        return new Uri(new Uri(new Uri("http://trial.test"), answeredAt), href).PathAndQuery;
    }

    [Fact]
    public async Task LanguageLink_AfterAFailedParticipantForm_LeadsToTheParticipantsPage()
    {
        var id = await TrialApi.ScreenedIdAsync(await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", ApiFixture.NextPerson()));
        var session = new PageSession(fixture.App.Anonymous());
        await session.SignInAsync("coord.oslo", TrialTestApp.Password);

        // No decision ticked: the participant's page again, with the error, answered at the POST's address.
        var failed = await session.PostFormAsync($"/participants/{id}", $"/participants/{id}/consent", []);
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var link = await LanguageLinkAsync(failed, $"/participants/{id}/consent");
        Assert.Equal($"/participants/{id}?lang=en", link);
        var english = await session.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        Assert.Contains("<html lang=\"en\">", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LanguageLink_AfterAFailedTrialLockForm_LeadsToTheTrialPage_AndARefusalsLinkLeadsHome()
    {
        var manager = new PageSession(fixture.App.Anonymous());
        await manager.SignInAsync("manager", TrialTestApp.Password);
        // No reason: refused on the field, nothing closed.
        var failed = await manager.PostFormAsync("/manager/trial", "/manager/trial/close-recruitment", []);
        Assert.Equal(HttpStatusCode.BadRequest, failed.StatusCode);
        var link = await LanguageLinkAsync(failed, "/manager/trial/close-recruitment");
        Assert.Equal("/manager/trial?lang=en", link);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync(link)).StatusCode);

        // A coordinator's POST there is refused with a page that has no address of its own: the link goes home, in English.
        var coordinator = new PageSession(fixture.App.Anonymous());
        await coordinator.SignInAsync("coord.oslo", TrialTestApp.Password);
        var refused = await coordinator.PostFormAsync("/participants", "/manager/trial/close-recruitment", []);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var home = await LanguageLinkAsync(refused, "/manager/trial/close-recruitment");
        Assert.Equal("/?lang=en", home);
        var redirect = await coordinator.GetAsync(home);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var page = await coordinator.GetAsync(redirect.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"en\">", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/participants?q=ab", "/login?returnUrl=%2Fparticipants%3Fq%3Dab&lang=en")]
    [InlineData("//elsewhere.example/x", "/login?lang=en")]
    [InlineData("/\\elsewhere.example/x", "/login?lang=en")]
    public async Task LanguageLink_AfterAFailedSignIn_KeepsOnlyALocalReturnAddress(string returnUrl, string expected)
    {
        // A name nobody has, one try each: wrong passwords lock an account, and twenty lock the test's address.
        var session = new PageSession(fixture.App.Anonymous());
        var failed = await session.PostFormAsync("/login", "/login",
            new Dictionary<string, string> { ["username"] = $"nobody.{Guid.NewGuid():N}", ["password"] = "not the password", ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        // A failed sign-in is not a form that could not be saved.
        Assert.Contains("Du ble ikke logget inn:", await failed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var link = await LanguageLinkAsync(failed, "/login");
        Assert.Equal(expected, link);
        var english = await (await session.GetAsync(link)).Content.ReadAsStringAsync();
        Assert.Contains("Sign in", english, StringComparison.Ordinal);
        if (expected.Contains("returnUrl", StringComparison.Ordinal))
        {
            Assert.Contains($"name=\"returnUrl\" value=\"{returnUrl}\"", english, StringComparison.Ordinal);
        }
    }
}
