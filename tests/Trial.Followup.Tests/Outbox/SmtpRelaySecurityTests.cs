using NodaTime;
using Trial.Followup.Channels;
using Trial.Followup.Contact;
using Trial.Followup.Coordinator;
using Trial.Followup.Hosting;
using Trial.Followup.Outbox;
using Trial.Followup.Tests.Support;
using Trial.TestServers;

namespace Trial.Followup.Tests.Outbox;

/// <summary>
/// TLS and AUTH towards a real relay process on loopback (aiosmtpd with a certificate made in the test): e-mail goes
/// out encrypted and signed in; a refused password, an untrusted certificate or a relay without TLS leaves the message
/// pending with its reason (never marked sent) and says why in the log; and the password never crosses in clear
/// unless AllowPlainTextAuth says so. Such relay-wide failures back off for the relay as a whole and never park e-mail.
/// </summary>
public abstract class SmtpRelaySecurityTests(FollowupDatabase database)
{
    private static readonly LocalDate Anchor = new(2013, 10, 15);
    private static readonly Instant Opened = Oslo.At(2014, 4, 1, 10);
    private static readonly SmtpSinkLogin Login = new("trial-relay", "s3cret-relay-password");

    [Theory]
    [InlineData(SmtpSinkTls.StartTls, SmtpTlsMode.StartTls)]
    [InlineData(SmtpSinkTls.StartTls, SmtpTlsMode.StartTlsWhenAvailable)]
    [InlineData(SmtpSinkTls.Implicit, SmtpTlsMode.SslOnConnect)]
    public async Task Tls_PinnedCertificateAndLogin_DeliversOverTlsAsTheSignedInUser(SmtpSinkTls relay, SmtpTlsMode mode)
    {
        using var certificate = SmtpTestCertificate.Create();
        await using var rig = await FollowupRig.CreateAsync(database, nameof(Tls_PinnedCertificateAndLogin_DeliversOverTlsAsTheSignedInUser) + mode, Opened,
            new SmtpSinkOptions { Tls = relay, Certificate = certificate, Login = Login });
        var participant = await ScheduleOneAsync(rig);

        var report = await DispatchAsync(rig, rig.Smtp with
        {
            Tls = mode, TrustedCertificateFile = certificate.CertificateFile, UserName = Login.UserName, Password = Login.Password,
        });

        Assert.Equal((2, 0), (report.Sent, report.Failed));
        var mail = Assert.Single(rig.MailTo(participant));
        Assert.Equal((true, Login.UserName), (mail.OverTls, mail.AuthUser));
        Assert.All(rig.Sink.AuthAttempts(), a => Assert.True(a.OverTls));
        Assert.Equal(1L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "channel = 'email' AND state = 'sent'"));
    }

    [Fact]
    public async Task WrongPassword_MessageStaysPendingWithItsReason_NotMarkedSent_AndLogged()
    {
        using var certificate = SmtpTestCertificate.Create();
        await using var rig = await FollowupRig.CreateAsync(database, nameof(WrongPassword_MessageStaysPendingWithItsReason_NotMarkedSent_AndLogged), Opened,
            new SmtpSinkOptions { Tls = SmtpSinkTls.StartTls, Certificate = certificate, Login = Login });
        await ScheduleOneAsync(rig);

        var report = await DispatchAsync(rig, rig.Smtp with
        {
            Tls = SmtpTlsMode.StartTls, TrustedCertificateFile = certificate.CertificateFile, UserName = Login.UserName, Password = "wrong",
        });

        Assert.Equal((1, 1), (report.Sent, report.Failed)); // the SMS went
        Assert.All(rig.Sink.AuthAttempts(), a => Assert.Equal((true, false), (a.OverTls, a.Accepted))); // MailKit tries PLAIN, then LOGIN
        Assert.NotEmpty(rig.Sink.AuthAttempts());
        Assert.Empty(rig.Sink.Messages());
        await AssertWaitingAsync(rig, "smtp-auth");
        Assert.Contains(rig.Logs.Entries, e => e.Message.Contains("refused the configured user name and password", StringComparison.Ordinal));
        var shown = Assert.Single(await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None));
        Assert.Equal((UndeliveredState.Retrying, "smtp-auth", 0, Opened + OutboxRetryPolicy.Default.FirstRetry), (shown.State, shown.Error, shown.Tries, shown.NextAttemptAt));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task UntrustedCertificate_NoPasswordSentNothingMarkedSent_LogNamesTheCertificate(bool pinAnotherCertificate)
    {
        using var certificate = SmtpTestCertificate.Create();
        using var other = SmtpTestCertificate.Create("CN=some-other-relay");
        await using var rig = await FollowupRig.CreateAsync(database, nameof(UntrustedCertificate_NoPasswordSentNothingMarkedSent_LogNamesTheCertificate) + pinAnotherCertificate, Opened,
            new SmtpSinkOptions { Tls = SmtpSinkTls.StartTls, Certificate = certificate, Login = Login });
        await ScheduleOneAsync(rig);

        var report = await DispatchAsync(rig, rig.Smtp with
        {
            Tls = SmtpTlsMode.StartTls, TrustedCertificateFile = pinAnotherCertificate ? other.CertificateFile : null, UserName = Login.UserName, Password = Login.Password,
        });

        Assert.Equal((1, 1), (report.Sent, report.Failed));
        Assert.Empty(rig.Sink.AuthAttempts());
        Assert.Empty(rig.Sink.Messages());
        await AssertWaitingAsync(rig, "smtp-tls-untrusted");
        var log = Assert.Single(rig.Logs.Entries, e => e.Message.Contains("smtp-tls-untrusted", StringComparison.Ordinal)).Message;
        Assert.Contains("CN=trial-test-relay", log, StringComparison.Ordinal);
        Assert.Contains(pinAnotherCertificate ? "does not chain to TrustedCertificateFile" : "not trusted by this machine's authorities", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A certificate issued by the pinned authority, but for another host name, is refused before the password is sent;
    /// the same authority's certificate for the relay's address is accepted (so the refusal is the name's, not the chain's).
    /// </summary>
    [Theory]
    [InlineData("relay.example.org", false)]
    [InlineData("127.0.0.1", true)]
    public async Task PinnedAuthority_CertificateForAnotherHostName_IsRefused_NothingSent(string issuedFor, bool accepted)
    {
        using var certificate = SmtpTestCertificate.CreateIssuedByAuthority(issuedFor);
        await using var rig = await FollowupRig.CreateAsync(database, nameof(PinnedAuthority_CertificateForAnotherHostName_IsRefused_NothingSent) + accepted, Opened,
            new SmtpSinkOptions { Tls = SmtpSinkTls.StartTls, Certificate = certificate, Login = Login });
        await ScheduleOneAsync(rig);
        Assert.Equal("127.0.0.1", rig.Smtp.Host);

        var report = await DispatchAsync(rig, rig.Smtp with
        {
            Tls = SmtpTlsMode.StartTls, TrustedCertificateFile = certificate.AuthorityFile, UserName = Login.UserName, Password = Login.Password,
        });

        if (accepted)
        {
            Assert.Equal((2, 0), (report.Sent, report.Failed));
            return;
        }
        Assert.Equal((1, 1), (report.Sent, report.Failed));
        Assert.Empty(rig.Sink.AuthAttempts());
        Assert.Empty(rig.Sink.Messages());
        await AssertWaitingAsync(rig, "smtp-tls-untrusted");
        var log = Assert.Single(rig.Logs.Entries, e => e.Message.Contains("smtp-tls-untrusted", StringComparison.Ordinal)).Message;
        Assert.Contains("CN=relay.example.org", log, StringComparison.Ordinal);
        Assert.Contains("is not issued for the configured host name", log, StringComparison.Ordinal);
    }

    /// <summary>
    /// A relay refusing the password for hours: each attempt to sign in counts once, for the relay, and the relay's wait
    /// doubles as a message's would; no pass knocks before that wait is over, and the second e-mail of the first pass
    /// waits for the relay without a try of its own; the e-mails keep their tries (0), are never
    /// parked and opens no phone task even after more relay failures than a message may have tries; the coordinator
    /// sees the relay's attempts with the error. Once the password is right, it goes, and the relay's record is cleared.
    /// </summary>
    [Fact]
    public async Task RelayRefusingForHours_BacksOffRelayWide_NeverParksEmail_ShowsAttempts_ThenDelivers()
    {
        using var certificate = SmtpTestCertificate.Create();
        await using var rig = await FollowupRig.CreateAsync(database, nameof(RelayRefusingForHours_BacksOffRelayWide_NeverParksEmail_ShowsAttempts_ThenDelivers), Opened,
            new SmtpSinkOptions { Tls = SmtpSinkTls.StartTls, Certificate = certificate, Login = Login });
        var participant = await ScheduleOneAsync(rig);
        var second = await ScheduleOneAsync(rig);
        var right = rig.Smtp with { Tls = SmtpTlsMode.StartTls, TrustedCertificateFile = certificate.CertificateFile, UserName = Login.UserName, Password = Login.Password };
        var wrong = right with { Password = "wrong" };
        var policy = OutboxRetryPolicy.Default;
        var failures = policy.MaxTries + 1;
        for (var failure = 1; failure <= failures; failure++)
        {
            var knocked = rig.Sink.AuthAttempts().Count;
            var pass = await DispatchAsync(rig, wrong);
            Assert.True(rig.Sink.AuthAttempts().Count > knocked, $"attempt {failure} signed in");
            Assert.Equal(failure == 1 ? (2, 1, 1) : (0, 1, 1), (pass.Sent, pass.Failed, pass.Deferred)); // SMS went first; one e-mail knocked, the other waited
            var relay = await RelayBackoff.ReadAsync(rig.Db.Store, CancellationToken.None);
            Assert.NotNull(relay);
            Assert.Equal((failure, "smtp-auth", rig.Clock.GetCurrentInstant() + policy.DelayAfter(failure)), (relay.Failures, relay.LastError, relay.NextTryAt));

            knocked = rig.Sink.AuthAttempts().Count;
            rig.Clock.Advance(policy.DelayAfter(failure) - Duration.FromMinutes(1));
            await DispatchAsync(rig, wrong);
            Assert.Equal(knocked, rig.Sink.AuthAttempts().Count);
            rig.Clock.Advance(Duration.FromMinutes(1));
        }
        Assert.Equal(policy.MaxRetryDelay, policy.DelayAfter(failures)); // the wait grew to its ceiling

        var outbox = rig.Db.Store.Dialect.Outbox;
        Assert.Equal(2L, await rig.CountAsync(outbox, "channel = 'email' AND state = 'pending' AND last_error = 'smtp-auth' AND tries = 0"));
        Assert.Equal(0L, await rig.CountAsync(outbox, "channel = 'email' AND (state <> 'pending' OR sent_at IS NOT NULL)"));
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.PhoneTask, "1 = 1"));
        var shown = await new CentreStatusQuery(rig.Db.Store, rig.Clock, NodaTime.DateTimeZoneProviders.Tzdb["Europe/Oslo"]).UndeliveredAsync("oslo", CancellationToken.None);
        Assert.Equal(2, shown.Count);
        Assert.All(shown, m => Assert.Equal((UndeliveredState.Retrying, "smtp-auth", 0, failures, rig.Clock.GetCurrentInstant()),
            (m.State, m.Error, m.Tries, m.RelayAttempts, m.NextAttemptAt)));

        var report = await DispatchAsync(rig, right);
        Assert.Equal((2, 0), (report.Sent, report.Failed));
        Assert.Single(rig.MailTo(participant));
        Assert.Single(rig.MailTo(second));
        Assert.Null(await RelayBackoff.ReadAsync(rig.Db.Store, CancellationToken.None));
    }

    /// <summary>
    /// The default mode, credentials configured, and a relay that offers AUTH but no STARTTLS (as when a machine in the
    /// middle strips the offer): before the fix MailKit signed in over plain TCP and the relay logged the password.
    /// </summary>
    [Fact]
    public async Task DefaultTlsMode_RelayWithoutStartTls_NeverReceivesThePassword_AndEmailWaits()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(DefaultTlsMode_RelayWithoutStartTls_NeverReceivesThePassword_AndEmailWaits), Opened,
            new SmtpSinkOptions { Login = Login, AuthWithoutTls = true });
        await ScheduleOneAsync(rig);
        var settings = rig.Smtp with { UserName = Login.UserName, Password = Login.Password };
        Assert.Equal(SmtpTlsMode.StartTlsWhenAvailable, settings.Tls);

        var report = await DispatchAsync(rig, settings);

        Assert.Empty(rig.Sink.AuthAttempts());
        Assert.Equal((1, 1), (report.Sent, report.Failed));
        Assert.Empty(rig.Sink.Messages());
        await AssertWaitingAsync(rig, "smtp-auth-needs-tls");
        Assert.Contains(rig.Logs.Entries, e => e.Message.Contains("offered no TLS, so the password was not sent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllowPlainTextAuth_RelayWithoutStartTls_SignsInInClearAndDelivers()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(AllowPlainTextAuth_RelayWithoutStartTls_SignsInInClearAndDelivers), Opened,
            new SmtpSinkOptions { Login = Login, AuthWithoutTls = true });
        var participant = await ScheduleOneAsync(rig);

        var report = await DispatchAsync(rig, rig.Smtp with { UserName = Login.UserName, Password = Login.Password, AllowPlainTextAuth = true });

        Assert.Equal((2, 0), (report.Sent, report.Failed));
        var attempt = Assert.Single(rig.Sink.AuthAttempts());
        Assert.Equal((false, true), (attempt.OverTls, attempt.Accepted));
        Assert.Equal((false, Login.UserName), (Assert.Single(rig.MailTo(participant)).OverTls, Assert.Single(rig.MailTo(participant)).AuthUser));
    }

    [Fact]
    public async Task StartTlsRequired_RelayWithoutStartTls_NothingSentAndEmailWaits()
    {
        await using var rig = await FollowupRig.CreateAsync(database, nameof(StartTlsRequired_RelayWithoutStartTls_NothingSentAndEmailWaits), Opened, new SmtpSinkOptions());
        await ScheduleOneAsync(rig);

        var report = await DispatchAsync(rig, rig.Smtp with { Tls = SmtpTlsMode.StartTls });

        Assert.Equal((1, 1), (report.Sent, report.Failed));
        Assert.Empty(rig.Sink.Messages());
        await AssertWaitingAsync(rig, "smtp-no-starttls");
    }

    private static async Task<ParticipantRef> ScheduleOneAsync(FollowupRig rig)
    {
        var participant = (await rig.ScheduleAsync(Anchor)).Participant;
        await rig.SweepAsync();
        return participant;
    }

    private static Task<DispatchReport> DispatchAsync(FollowupRig rig, SmtpSettings settings) =>
        rig.Dispatcher("node-a", new SmtpEmailChannel(settings)).DispatchDueAsync(1, CancellationToken.None);

    /// <summary>The e-mail is pending for a later try with the reason stored, its try given back, and nothing says sent.</summary>
    private static async Task AssertWaitingAsync(FollowupRig rig, string error)
    {
        var outbox = rig.Db.Store.Dialect.Outbox;
        Assert.Equal($"pending {error} 0", await rig.Db.ScalarAsync<string>($"SELECT state || ' ' || last_error || ' ' || tries FROM {outbox} WHERE channel = 'email'"));
        Assert.Equal(1L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, $"channel = 'email' AND state = 'pending' AND last_error = '{error}' AND tries = 0"));
        Assert.Equal(0L, await rig.CountAsync(rig.Db.Store.Dialect.Outbox, "channel = 'email' AND (state = 'sent' OR sent_at IS NOT NULL)"));
    }
}

[Trait(TestTraits.Database, TestTraits.Postgres)]
public sealed class SmtpRelaySecurityPostgresTests() : SmtpRelaySecurityTests(FollowupDatabase.Postgres);

[Trait(TestTraits.Database, TestTraits.Sqlite)]
public sealed class SmtpRelaySecuritySqliteTests() : SmtpRelaySecurityTests(FollowupDatabase.Sqlite);
