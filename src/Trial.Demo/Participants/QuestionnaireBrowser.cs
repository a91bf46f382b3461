using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Trial.Analysis.Simulation;
using Trial.Demo.Population;

namespace Trial.Demo.Participants;

/// <summary>
/// A participant's browser without script: GET the link from the invitation, then page by page (one instrument per
/// page) read the form's fields from the HTML, answer each one and POST the form back as the page's "Next" button does,
/// following the redirect to the next page; the last page's "Submit" sends it (application/x-www-form-urlencoded).
/// </summary>
internal sealed partial class QuestionnaireBrowser(HttpClient http)
{
    [GeneratedRegex("""<input [^>]*type="radio"[^>]* name="([^"]+)" value="(-?[0-9]+)""")]
    private static partial Regex Radio();

    [GeneratedRegex("""<input [^>]*type="number"[^>]* name="([^"]+)" min="(-?[0-9]+)" max="(-?[0-9]+)""")]
    private static partial Regex Number();

    [GeneratedRegex("""name="(submission|lang|step)" value="([^"]*)""")]
    private static partial Regex Hidden();

    /// <summary>Answers every item; true when the service confirmed receipt, false when the link no longer works (closed, used).</summary>
    public async Task<bool> AnswerAsync(Uri link, Referral person, double level, SimulationRandom rng, CancellationToken cancellationToken)
    {
        using var page = await http.GetAsync(link, cancellationToken);
        if (page.StatusCode is HttpStatusCode.Gone or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            return false;
        }
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            throw new Service.ServiceCallException($"GET {link.AbsolutePath[..5]}…", (int)page.StatusCode, html);
        }
        // A bound on the pages, so a page that never ends the form fails the run instead of looping.
        for (var pageNumber = 0; pageNumber < 50; pageNumber++)
        {
            var fields = Hidden().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value), StringComparer.Ordinal);
            var choices = Radio().Matches(html).GroupBy(m => m.Groups[1].Value, StringComparer.Ordinal)
                .Select(g => (Name: g.Key, Values: g.Select(m => int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).Order().ToList()));
            var numbers = Number().Matches(html).Select(m => (Name: m.Groups[1].Value,
                Values: Range(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture))));
            foreach (var (name, values) in choices.Concat(numbers))
            {
                var instrument = name.Split('.') is [_, var code, ..] ? code : name;
                fields[name] = AnswerModel.Answer(instrument, values, person, level, rng).ToString(CultureInfo.InvariantCulture);
            }
            var last = html.Contains("id=\"submit\"", StringComparison.Ordinal);
            fields["action"] = last ? "submit" : "next";
            using var posted = await http.PostAsync(link, new FormUrlEncodedContent(fields), cancellationToken);
            var reply = await posted.Content.ReadAsStringAsync(cancellationToken);
            if (last)
            {
                if (posted.StatusCode != HttpStatusCode.OK || reply.Contains("<form", StringComparison.Ordinal))
                {
                    throw new Service.ServiceCallException($"POST questionnaire form of participant {person.Number}", (int)posted.StatusCode, reply);
                }
                return true;
            }
            if (posted.StatusCode is HttpStatusCode.Redirect && posted.Headers.Location is { } next)
            {
                // A client that does not follow redirects itself.
                using var nextPage = await http.GetAsync(new Uri(link, next), cancellationToken);
                reply = await nextPage.Content.ReadAsStringAsync(cancellationToken);
            }
            else if (posted.StatusCode != HttpStatusCode.OK || !reply.Contains("<form", StringComparison.Ordinal))
            {
                throw new Service.ServiceCallException($"POST questionnaire page of participant {person.Number}", (int)posted.StatusCode, reply);
            }
            html = reply;
        }
        throw new Service.ServiceCallException($"questionnaire of participant {person.Number} did not end within 50 pages", 0, html);
    }

    private static List<int> Range(int min, int max) => Enumerable.Range(min, max - min + 1).ToList();
}
