using System.Net;
using System.Text.RegularExpressions;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>A browser-like cookie session on the staff pages: keeps cookies, posts forms with their antiforgery token.</summary>
public sealed partial class PageSession(HttpClient client)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    /// <summary>Every Set-Cookie header seen, as sent (attributes included).</summary>
    public List<string> SetCookies { get; } = [];

    public HttpClient Client => client;

    public string CookieHeader => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();

    /// <summary>GET /login then POST it; the response (302 to /participants on success, 200 page on failure).</summary>
    public async Task<HttpResponseMessage> SignInAsync(string username, string password) =>
        await PostFormAsync("/login", "/login", new Dictionary<string, string> { ["username"] = username, ["password"] = password });

    /// <summary>Loads <paramref name="formPage"/> for its form token, then posts the fields to <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await GetAsync(formPage);
        var token = TokenField().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(fields) });
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", CookieHeader);
        }
        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var values))
        {
            foreach (var value in values)
            {
                SetCookies.Add(value);
                var pair = value.Split(';')[0];
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                _cookies[pair[..eq]] = pair[(eq + 1)..];
                if (pair[(eq + 1)..].Length == 0)
                {
                    _cookies.Remove(pair[..eq]);
                }
            }
        }
        return response;
    }
}
