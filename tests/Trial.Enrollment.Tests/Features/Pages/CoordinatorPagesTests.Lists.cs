using System.Net;
using Trial.Enrollment.Tests.Features.Api;
using Trial.Enrollment.Tests.Hosting;

namespace Trial.Enrollment.Tests.Features.Pages;

/// <summary>
/// The participant list and the audit log past their last page, and their error summary: an empty table under a
/// page number that does not exist read as "nobody matches", and a search form's errors were headed as a form that
/// could not be saved.
/// </summary>
public partial class CoordinatorPagesTests
{
    [Theory]
    [InlineData("coord.oslo", "/participants?q=&state=&centre=&page=40", "/participants?q=&amp;state=&amp;centre=&amp;page=")]
    [InlineData("auditor", "/audit?page=100000", "/audit?chain=&amp;action=&amp;actor=&amp;from=&amp;to=&amp;page=")]
    public async Task AListPastItsLastPage_SaysSoInBothLanguages_AndLinksToTheLastPage(string user, string address, string lastPage)
    {
        await TrialApi.ScreenAsync(await fixture.App.ClientAsync("coord.oslo"), "oslo", ApiFixture.NextPerson());
        var session = new PageSession(fixture.App.Anonymous());
        await session.SignInAsync(user, TrialTestApp.Password);

        var norwegian = await session.GetAsync(address);
        Assert.Equal(HttpStatusCode.OK, norwegian.StatusCode);
        var html = await norwegian.Content.ReadAsStringAsync();
        Assert.Matches("Det finnes ingen side [0-9]+: listen slutter på side [0-9]+\\.", html);
        Assert.Contains($"<a class=\"ds-link\" href=\"{lastPage}", html, StringComparison.Ordinal);
        // No empty table and no pager saying "page 40 of 1".
        Assert.DoesNotContain("<table", html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"pager\"", html, StringComparison.Ordinal);

        var english = await (await session.GetAsync(address + "&lang=en")).Content.ReadAsStringAsync();
        Assert.Matches("There is no page [0-9]+: the list ends at page [0-9]+\\.", english);
        Assert.Matches("Go to page [0-9]+</a>", english);

        // The link leads to the last page, which lists something.
        var last = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(english, "href=\"([^\"]*)\" id=\"last-page\"").Groups[1].Value);
        var lastHtml = await (await session.GetAsync(last)).Content.ReadAsStringAsync();
        Assert.Contains("<table", lastHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"beyond-end\"", lastHtml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("coord.oslo", "/participants?page=abc")]
    [InlineData("auditor", "/audit?page=abc")]
    public async Task ASearchFormsErrors_AreHeadedAsASearch_NotAsAFormToSave(string user, string address)
    {
        var session = new PageSession(fixture.App.Anonymous());
        await session.SignInAsync(user, TrialTestApp.Password);
        var norwegian = await session.GetAsync(address);
        Assert.Equal(HttpStatusCode.BadRequest, norwegian.StatusCode);
        var html = await norwegian.Content.ReadAsStringAsync();
        Assert.Contains("<h2 class=\"ds-heading\" data-size=\"xs\">Sjekk søket og filtrene:</h2>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("lagres", html, StringComparison.Ordinal);
        var english = await (await session.GetAsync(address + "&lang=en")).Content.ReadAsStringAsync();
        Assert.Contains("<h2 class=\"ds-heading\" data-size=\"xs\">Check the search and filters:</h2>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("saved", english, StringComparison.Ordinal);
    }
}
