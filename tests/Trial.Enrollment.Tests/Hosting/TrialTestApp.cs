using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Followup.Access;
using Trial.Followup.Contact;
using Trial.TestServers;

namespace Trial.Enrollment.Tests.Hosting;

/// <summary>
/// The real service (same host builder as production) on an in-memory test server, over its own SQLite folder or its
/// own PostgreSQL database; a fake clock on 2014-11-01 12:00 UTC; one signed-in client per test user.
/// </summary>
public sealed class TrialTestApp : IAsyncDisposable
{
    public const string Password = "correct horse battery staple";

    /// <summary>32 fixed bytes, base64: the master key of every test node.</summary>
    public const string TestMasterKey = "dGVzdC1tYXN0ZXIta2V5LTMyLWJ5dGVzLWxvbmchISE=";

    /// <summary>PBKDF2 iterations of the test apps' password hashes (Testing environment only).</summary>
    public const int TestPasswordHashIterations = 1;

    private readonly WebApplication _app;
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);

    private TrialTestApp(WebApplication app, string connectionString, DatabaseProvider provider, FakeClock clock, RecordingFollowupContact followup)
    {
        _app = app;
        ConnectionString = connectionString;
        Provider = provider;
        Clock = clock;
        Followup = followup;
    }

    public FakeClock Clock { get; }
    public RecordingFollowupContact Followup { get; }
    public string ConnectionString { get; }
    public DatabaseProvider Provider { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The loopback address with <see cref="TestTransport.Loopback"/>; null in memory.</summary>
    public Uri? BaseUrl { get; private init; }

    /// <summary>Users: coordinators at oslo (health trust, NAV) and hadeland (NAV, health trust), trial manager (all) and manager.hadeland, statistician, auditor.</summary>
    public static readonly (string Username, string Role, string Organisation, string[] Centres)[] Users =
    [
        ("coord.oslo", TrialRoles.Coordinator, "diakonhjemmet", ["oslo"]),
        ("coord.hadeland", TrialRoles.Coordinator, "nav-hadeland", ["hadeland"]),
        ("coord.oslo.nav", TrialRoles.Coordinator, "nav-oslo", ["oslo"]),
        ("coord.hadeland.ht", TrialRoles.Coordinator, "sykehuset-innlandet", ["hadeland"]),
        ("manager", TrialRoles.TrialManager, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("manager.hadeland", TrialRoles.TrialManager, "trial-office", ["hadeland"]),
        ("statistician", TrialRoles.Statistician, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("statistician.hadeland", TrialRoles.Statistician, "trial-office", ["hadeland"]),
        ("auditor", TrialRoles.Auditor, "trial-office", ["oslo", "hadeland", "vestfold", "akershus", "elverum", "hordaland"]),
        ("auditor.hadeland", TrialRoles.Auditor, "trial-office", ["hadeland"]),
    ];

    /// <param name="joinDatabase">An existing PostgreSQL database (its users already made).</param>
    /// <param name="existingDataDirectory">An existing SQLite data folder (its users already made).</param>
    /// <param name="replace">Extra service replacements (e.g. an SMS channel), applied after the clock.</param>
    /// <param name="settings">Extra configuration, as command-line arguments (--Trial:Key=value).</param>
    public static async Task<TrialTestApp> StartAsync(DatabaseProvider provider, string name, bool registerFollowup = true, Action<IServiceCollection>? replace = null,
        TestTransport transport = TestTransport.InMemory, string? joinDatabase = null, string? existingDataDirectory = null,
        string? protocolDirectory = null, string masterKey = TestMasterKey, string[]? settings = null)
    {
        string connection;
        string[] args;
        if (provider == DatabaseProvider.Postgres)
        {
            connection = joinDatabase ?? await PostgresServer.Instance.CreateDatabaseAsync(name);
            args = ["--Trial:Database=Postgres", $"--Trial:ConnectionString={connection}", $"--Trial:SeedKeyFile={ServiceProcess.SeedKeyFile}"];
        }
        else
        {
            var folder = existingDataDirectory ?? Path.Combine(Path.GetTempPath(), "trial-sqlite-" + Guid.NewGuid().ToString("N")[..10]);
            connection = folder;
            args = ["--Trial:Database=Sqlite", $"--Trial:DataDirectory={folder}"];
        }
        // Every node of a test shares one master key, as the nodes of a deployment must.
        args = [.. args, $"--Trial:MasterKey={masterKey}", .. settings ?? []];
        if (protocolDirectory is not null)
        {
            args = [.. args, $"--Trial:ProtocolDirectory={protocolDirectory}"];
        }
        var clock = new FakeClock(Instant.FromUtc(2014, 11, 1, 12, 0));
        var followup = new RecordingFollowupContact();
        Uri? loopback = transport == TestTransport.Loopback ? new Uri($"http://127.0.0.1:{ServiceProcess.FreePort()}/") : null;
        if (loopback is not null)
        {
            args = [.. args, $"--Trial:PublicBaseUrl={loopback}"];
        }
        // The lowest PBKDF2 count the hasher allows: every test app hashes ten passwords, and tests sign in again and
        // again; at the production count (StaffPasswords.DefaultIterations, tested in AccountTests) each costs ~50 ms.
        var app = TrialHost.Build([.. args, "--environment=Testing", "--Logging:LogLevel:Default=Warning", "--Trial:FollowupScheduler=Off",
            $"--Trial:PasswordHashIterations={TestPasswordHashIterations}"], builder =>
        {
            if (loopback is null)
            {
                builder.WebHost.UseTestServer();
            }
            else
            {
                builder.WebHost.UseKestrel().UseUrls(loopback.ToString().TrimEnd('/'));
            }
            builder.Services.AddSingleton<IClock>(clock);
            if (registerFollowup)
            {
                builder.Services.AddSingleton<IFollowupContact>(followup);
            }
            replace?.Invoke(builder.Services);
        });
        var testApp = new TrialTestApp(app, connection, provider, clock, followup) { BaseUrl = loopback };
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await app.StartAsync();
        if (joinDatabase is not null || existingDataDirectory is not null)
        {
            return testApp;
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var staff = scope.ServiceProvider.GetRequiredService<StaffDirectory>();
            foreach (var (username, role, organisation, centres) in Users)
            {
                await staff.AddAsync(username, username, Password, role, organisation, centres, CancellationToken.None);
            }
        }
        return testApp;
    }

    public HttpClient Anonymous() => BaseUrl is null ? _app.GetTestClient() : new HttpClient { BaseAddress = BaseUrl };

    public async Task<HttpClient> ClientAsync(string username)
    {
        if (_clients.TryGetValue(username, out var existing))
        {
            return existing;
        }
        var client = Anonymous();
        var response = await client.PostAsJsonAsync("/api/token", new { username, password = Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _clients[username] = client;
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
