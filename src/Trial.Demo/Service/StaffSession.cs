using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Trial.Demo.Service;

/// <summary>One demo user signed in to the service's REST API with a bearer token, as a script or an app would be.</summary>
internal sealed class StaffSession : IDisposable
{
    private readonly HttpClient _client;

    private StaffSession(HttpClient client, string username)
    {
        _client = client;
        Username = username;
    }

    public string Username { get; }

    public static async Task<StaffSession> SignInAsync(Uri baseUrl, string username, string password, CancellationToken cancellationToken)
    {
        var client = new HttpClient { BaseAddress = baseUrl };
        var session = new StaffSession(client, username);
        var token = await session.PostAsync<JsonElement>("/api/token", new { username, password }, cancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return session;
    }

    public async Task<T> PostAsync<T>(string path, object body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        using var response = await SendAsync(path, body, idempotencyKey, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }

    public async Task PostAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var _ = await SendAsync(path, body, null, cancellationToken);
    }

    public async Task PutAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        using var response = await _client.SendAsync(request, cancellationToken);
        await EnsureAsync($"PUT {path} as {Username}", response, cancellationToken);
    }

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await _client.GetAsync(path, cancellationToken);
        await EnsureAsync($"GET {path} as {Username}", response, cancellationToken);
        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, object body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }
        var response = await _client.SendAsync(request, cancellationToken);
        await EnsureAsync($"POST {path} as {Username}", response, cancellationToken);
        return response;
    }

    private static async Task EnsureAsync(string call, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            response.Dispose();
            throw new ServiceCallException(call, (int)response.StatusCode, body);
        }
    }

    public void Dispose() => _client.Dispose();
}
