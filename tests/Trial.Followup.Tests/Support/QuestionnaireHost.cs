using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Trial.Followup.Contact;
using Trial.Followup.Hosting;
using Trial.Followup.Occasions;
using Trial.Followup.Questionnaires;

namespace Trial.Followup.Tests.Support;

/// <summary>
/// A minimal web host on 127.0.0.1 (Kestrel, a free port) running Follow-up exactly as a host wires it
/// (AddTrialFollowup + MapTrialFollowup), on a fresh real database, with a controllable clock.
/// </summary>
internal sealed class QuestionnaireHost : IAsyncDisposable
{
    /// <summary>2026-07-10 12:00 Oslo: inside the 6-month window of someone randomised on 2026-01-15.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 7, 10, 10, 0);
    public static readonly LocalDate Randomised = new(2026, 1, 15);

    private readonly WebApplication _app;

    private QuestionnaireHost(WebApplication app, TestDatabase db, FakeClock clock, Uri baseUrl)
    {
        _app = app;
        Db = db;
        Clock = clock;
        BaseUrl = baseUrl;
        Client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = baseUrl };
    }

    public TestDatabase Db { get; }

    public FakeClock Clock { get; }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    /// <summary>Where the default SMS channel writes messages (one file per message).</summary>
    public required string SmsDirectory { get; init; }

    public IServiceProvider Services => _app.Services;

    public static async Task<QuestionnaireHost> StartAsync(FollowupDatabase database, string name, QuestionnaireOptions? options = null, string? protocolDirectory = null)
    {
        var db = await TestDatabase.CreateAsync(database, name);
        var smsDirectory = Path.Combine(Path.GetTempPath(), "trial-sms-" + Guid.NewGuid().ToString("N"));
        var clock = new FakeClock(Start);
        var port = FreePort();
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Test", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrel().UseUrls(baseUrl.ToString().TrimEnd('/'));
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TRIAL_TEST_LOG") == "1") { builder.Logging.AddConsole(); }
        builder.Services.AddSingleton<IClock>(clock);
        builder.Services.AddSingleton<IContactDirectory, FixedContacts>();
        if (options is not null)
        {
            builder.Services.AddSingleton(options);
        }
        builder.Services.AddAuthentication(TestAuthentication.SchemeName).AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.SchemeName, null);
        builder.Services.AddProblemDetails();
        builder.Services.AddTrialFollowup(new FollowupHostOptions
        {
            ConnectionString = db.ConnectionString,
            Database = database,
            ProtocolDirectory = protocolDirectory ?? RepositoryPaths.IpsNorwayProtocol,
            TimeZone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"],
            PublicBaseUrl = baseUrl,
            RunScheduler = false,
            SmsOutboxDirectory = smsDirectory,
        });
        var app = builder.Build();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.MapTrialFollowup();
        try
        {
            await app.StartAsync();
        }
        catch (Exception)
        {
            await app.DisposeAsync();
            throw;
        }
        return new QuestionnaireHost(app, db, clock, baseUrl) { SmsDirectory = smsDirectory };
    }

    /// <summary>Randomises a participant through Follow-up's own entry point; returns the participant and its 6-month occasion.</summary>
    public async Task<(ParticipantRef Participant, OccasionId Occasion)> ScheduleAsync(string centre = "oslo", string arm = "ips", string language = "nb-NO")
    {
        var request = new ScheduleRequest(ParticipantRef.From(Guid.NewGuid()), Randomised, Participants.Oslo, language, "sha256:test", centre, arm);
        var contact = Services.GetRequiredService<IFollowupContact>();
        await Db.InTransactionAsync(tx => contact.ScheduleAsync(request, tx, CancellationToken.None));
        var id = await Db.ScalarAsync<string>(
            $"SELECT CAST(id AS TEXT) FROM {Db.Store.Dialect.Occasion} WHERE participant = @p AND occasion_code = 'm6'",
            ("p", Db.Store.Dialect.Bind(request.Participant.Value)));
        return (request.Participant, OccasionId.From(Guid.Parse(id)));
    }

    /// <summary>Issues a link the way the invitation dispatch does: in a transaction, expiring when the occasion closes.</summary>
    public async Task<Uri> IssueLinkAsync(OccasionId occasion)
    {
        var snapshot = await Services.GetRequiredService<IOccasionLifecycle>().FindAsync(occasion, CancellationToken.None);
        Uri? link = null;
        var links = Services.GetRequiredService<IQuestionnaireLinks>();
        await Db.InTransactionAsync(async tx => link = (await links.IssueAsync([new LinkRequest(occasion, snapshot!.ClosesAt)], tx, CancellationToken.None))[0]);
        return link!;
    }

    public async Task<OccasionState> StateAsync(OccasionId occasion) =>
        (await Services.GetRequiredService<IOccasionLifecycle>().FindAsync(occasion, CancellationToken.None))!.State;

    public Task<long> CountAsync(string table, OccasionId occasion) =>
        Db.ScalarAsync<long>($"SELECT COUNT(*) FROM {table} WHERE occasion_id = @o", ("o", Db.Store.Dialect.Bind(occasion.Value)));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Directory.Exists(SmsDirectory))
        {
            Directory.Delete(SmsDirectory, recursive: true);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
