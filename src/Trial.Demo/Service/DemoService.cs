using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Quartz;
using Trial.Demo.Clock;
using Trial.Demo.Mail;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Persistence;
using Trial.Followup.Channels;
using Trial.Followup.Hosting;
using Trial.Followup.Instruments;
using Trial.Followup.Outbox;
using Trial.Followup.Questionnaires;
using Trial.Followup.Scheduling;
using Trial.Protocol.Package;

namespace Trial.Demo.Service;

/// <summary>
/// Enrollment's real host (the same builder as `trial-enrollment serve`) listening on a loopback port, on the demo's
/// database, with the virtual clock as its clock, e-mail going to the loopback SMTP sink and SMS to files. Quartz has
/// no timer here (FollowupSchedulerPolicy.OnDemand): each time the demo moves the clock it fires Follow-up's real jobs
/// through the real scheduler (<see cref="FollowupJobs"/>), then dispatches the outbox.
/// </summary>
internal sealed class DemoService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoService(WebApplication app, Uri baseUrl, IReadOnlyList<DemoCredential> users)
    {
        _app = app;
        BaseUrl = baseUrl;
        Users = users;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<DemoCredential> Users { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The follow-up jobs Quartz has executed (on the virtual clock; none when serving after the run).</summary>
    public QuartzRunCount QuartzRuns { get; } = new();

    public TrialHostOptions Options => _app.Services.GetRequiredService<TrialHostOptions>();

    public InstrumentCatalog Instruments => _app.Services.GetRequiredService<InstrumentCatalog>();

    /// <param name="hostArguments">--Trial:Key=value settings passed through (database and connection string).</param>
    /// <param name="clock">The virtual clock, or null for the real one (when serving after the run).</param>
    public static async Task<DemoService> StartAsync(IReadOnlyList<string> hostArguments, string databaseFolder, string smsFolder, SmtpSink? mail,
        IClock? clock, bool seedUsers, TextWriter userList, CancellationToken cancellationToken, int? port = null)
    {
        var baseUrl = new Uri($"http://127.0.0.1:{port ?? FreePort()}/");
        string[] args =
        [
            $"--Trial:DataDirectory={databaseFolder}", .. hostArguments, $"--Trial:PublicBaseUrl={baseUrl}",
            // Serving after the run (the real clock) runs no follow-up jobs: the simulated trial is over.
            $"--Trial:FollowupScheduler={(clock is null ? FollowupSchedulerPolicy.Off : FollowupSchedulerPolicy.OnDemand)}",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Error",
        ];
        WebApplication? app = null;
        try
        {
            app = Build(args, baseUrl, clock, mail, smsFolder);
            // The protocol, follow-up schedule and instruments are read when their services are first resolved.
            _ = app.Services.GetRequiredService<Trial.Enrollment.Protocol.TrialProtocol>();
            _ = app.Services.GetRequiredService<InstrumentCatalog>();
            _ = app.Services.GetRequiredService<Trial.Followup.Scheduling.Protocol.FollowupProtocol>();
        }
        catch (Trial.Protocol.Files.ProtocolFileException e)
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
            // The trial's own protocol folder, before anything ran: the user's input, not the package's contract.
            throw new DemoInputException($"the trial's protocol is not valid: {e.Message}");
        }
        try
        {
            var options = app.Services.GetRequiredService<TrialHostOptions>();
            await DatabaseSetup.InitialiseAsync(app.Services, options, cancellationToken);
            IReadOnlyList<DemoCredential> users = [];
            if (seedUsers)
            {
                await using (var scope = app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<TrialDbContext>();
                    if (await db.Participants.AnyAsync(cancellationToken) || await db.StaffUsers.AnyAsync(cancellationToken))
                    {
                        throw new DemoInputException($"the {options.Database} database already holds a trial or users; the demo needs an empty database");
                    }
                }
                users = await DemoUsers.SeedAsync(app.Services, userList, cancellationToken, setAllocationSeed: false);
            }
            await app.StartAsync(cancellationToken);
            var service = new DemoService(app, baseUrl, users);
            if (clock is not null)
            {
                var scheduler = await app.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(cancellationToken);
                scheduler.ListenerManager.AddJobListener(service.QuartzRuns);
            }
            return service;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static WebApplication Build(string[] args, Uri baseUrl, IClock? clock, SmtpSink? mail, string smsFolder) =>
        TrialHost.Build(args, builder =>
        {
            builder.WebHost.UseKestrel().UseUrls(baseUrl.ToString().TrimEnd('/'));
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
            if (mail is not null)
            {
                builder.Services.AddSingleton<IEmailChannel>(new SmtpEmailChannel(new SmtpSettings("127.0.0.1", mail.Port, "ips-studien@example.org", "IPS-studien")));
            }
            builder.Services.AddSingleton<ISmsChannel>(new FileSmsChannel(smsFolder));
            // Every simulated participant answers from 127.0.0.1, so the per-address request limit on the token pages is lifted for the demo.
            builder.Services.AddSingleton(new QuestionnaireOptions { RequestsPerAddress = 1_000_000 });
        });

    public Task<StaffSession> SignInAsync(string username, CancellationToken cancellationToken) =>
        StaffSession.SignInAsync(BaseUrl, username, Users.First(u => u.Username == username).Password, cancellationToken);

    /// <summary>Fires each Quartz job once (open, remind, close, phone tasks), then dispatches the outbox, at the clock's now.</summary>
    public async Task<(int Opened, DispatchReport Sent)> RunFollowupJobsAsync(CancellationToken cancellationToken)
    {
        var opened = await _app.Services.GetRequiredService<FollowupJobs>().RunOnceAsync(cancellationToken);
        var sent = await _app.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(2, cancellationToken);
        return (opened, sent);
    }

    /// <summary>
    /// The database lock, as `trial-enrollment export --lock` does it after follow-up is locked: the real export writes
    /// the data package, then the lock is recorded with the manifest's SHA-256 (audited as trial.database-locked).
    /// </summary>
    public async Task<PackageManifest> ExportAsync(string folder, string lockedBy, CancellationToken cancellationToken)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var (manifest, _) = await scope.ServiceProvider.GetRequiredService<LockedExport>().WriteAsync(folder, lockedBy, cancellationToken);
        return manifest;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
