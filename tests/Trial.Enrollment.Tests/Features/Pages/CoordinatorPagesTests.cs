using System.Net;
using System.Text.RegularExpressions;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Pages;

/// <summary>The server-rendered pages: language switch, cookie sign-in with the form token, and the participant list.</summary>
public partial class CoordinatorPagesTests(SqliteApiFixture fixture) : IClassFixture<SqliteApiFixture>
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    [Fact]
    public async Task Login_InEnglish_ShowsEnglishLabels()
    {
        var html = await fixture.App.Anonymous().GetStringAsync("/login?lang=en");
        Assert.Contains("Sign in", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_ByDefault_IsNorwegian()
    {
        var html = await fixture.App.Anonymous().GetStringAsync("/login");
        Assert.Contains("Logg inn", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Participants_WithoutCookie_RedirectsToLogin()
    {
        var response = await fixture.App.Anonymous().GetAsync("/participants");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WithFormToken_ShowsParticipantsPage()
    {
        var client = fixture.App.Anonymous();
        var loginPage = await client.GetAsync("/login");
        var cookies = loginPage.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        var token = TokenField().Match(await loginPage.Content.ReadAsStringAsync()).Groups[1].Value;
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = System.Net.WebUtility.HtmlDecode(token), ["username"] = "coord.oslo", ["password"] = TrialTestApp.Password,
            }),
        };
        post.Headers.Add("Cookie", string.Join("; ", cookies));
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        cookies.AddRange(signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var list = new HttpRequestMessage(HttpMethod.Get, "/participants?lang=en");
        list.Headers.Add("Cookie", string.Join("; ", cookies));
        var page = await client.SendAsync(list);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Participants", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page=abc", "page", "Write a page number")]
    [InlineData("page=0", "page", "Write a page number")]
    [InlineData("state=nonsense", "state", "Choose one of the options.")]
    [InlineData("centre=nowhere", "centre", "Choose one of the options.")]
    [InlineData("q=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "q", "at most 100 characters")]
    public async Task ParticipantList_FilterThatCannotBeRead_IsAnErrorOnItsField_AndListsNobody(string query, string field, string words)
    {
        var oslo = await fixture.App.ClientAsync("coord.oslo");
        await TrialApi.ScreenAsync(oslo, "oslo", ApiFixture.NextPerson());
        var session = new PageSession(fixture.App.Anonymous());
        await session.SignInAsync("coord.oslo", TrialTestApp.Password);
        var page = await session.GetAsync("/participants?lang=en&" + query);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Matches($"id=\"f-{field}\"[^>]*aria-invalid=\"true\"|aria-invalid=\"true\"[^>]*id=\"f-{field}\"", html);
        Assert.Contains(words, html, StringComparison.Ordinal);
        // Nobody listed: not the whole list in place of the search that was asked for.
        Assert.DoesNotMatch("href=\"/participants/[0-9a-f-]{36}\"", html);
        Assert.DoesNotContain("id=\"count\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", html, StringComparison.Ordinal);

        var whole = await (await session.GetAsync("/participants?lang=en")).Content.ReadAsStringAsync();
        Assert.Matches("href=\"/participants/[0-9a-f-]{36}\"", whole);
    }
}
