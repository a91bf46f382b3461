using Microsoft.Extensions.Configuration;
using Trial.Followup.Hosting;

namespace Trial.Followup.Tests.Hosting;

/// <summary>The "Trial:Smtp" section binds straight onto <see cref="SmtpSettings"/>, and a setting that cannot work stops the start by name.</summary>
public sealed class SmtpSettingsTests
{
    [Fact]
    public void Bind_TrialSmtpSection_EverySettingArrives()
    {
        var settings = Bind(new()
        {
            ["Trial:Smtp:Host"] = " relay.example.org ",
            ["Trial:Smtp:Port"] = "465",
            ["Trial:Smtp:Tls"] = "SslOnConnect",
            ["Trial:Smtp:UserName"] = "trial",
            ["Trial:Smtp:Password"] = "secret",
            ["Trial:Smtp:AllowPlainTextAuth"] = "true",
            ["Trial:Smtp:TimeoutSeconds"] = "30",
        }).Validated("Trial:Smtp");

        Assert.NotNull(settings);
        Assert.Equal(("relay.example.org", 465, SmtpTlsMode.SslOnConnect, "trial", "secret", true, TimeSpan.FromSeconds(30)),
            (settings.Host, settings.Port, settings.Tls, settings.UserName, settings.Password, settings.AllowPlainTextAuth, settings.Timeout));
    }

    [Fact]
    public void Bind_NothingConfigured_NoRelayAndTheSafeDefaults()
    {
        var settings = Bind([]);

        Assert.Null(settings.Validated("Trial:Smtp"));
        Assert.Equal((587, SmtpTlsMode.StartTlsWhenAvailable, false, null), (settings.Port, settings.Tls, settings.AllowPlainTextAuth, settings.TrustedCertificateFile));
    }

    [Theory]
    [InlineData("Tls", "None", "Trial:Smtp:AllowPlainTextAuth must be true to sign in with Tls=None")]
    [InlineData("TrustedCertificateFile", "/nonexistent/relay.pem", "Trial:Smtp:TrustedCertificateFile must name an existing PEM file")]
    [InlineData("Port", "0", "Trial:Smtp:Port must be a TCP port")]
    public void Validated_SettingThatCannotWork_StopsTheStartNamingIt(string key, string value, string message)
    {
        var settings = Bind(new()
        {
            ["Trial:Smtp:Host"] = "relay.example.org",
            ["Trial:Smtp:UserName"] = "trial",
            ["Trial:Smtp:Password"] = "secret",
            ["Trial:Smtp:" + key] = value,
        });

        var error = Assert.Throws<InvalidOperationException>(() => settings.Validated("Trial:Smtp"));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    private static SmtpSettings Bind(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Trial:Smtp").Get<SmtpSettings>() ?? new SmtpSettings();
}
