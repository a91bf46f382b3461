using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Hosting;

/// <summary>Builds the web application from configuration; the CLI verbs and the tests use the same path.</summary>
internal static class TrialHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? customise = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        var options = builder.Configuration.GetSection("Trial").Get<TrialHostOptions>() ?? new TrialHostOptions();
        var protocolDirectory = ProtocolLocator.Find(options.ProtocolDirectory, Directory.GetCurrentDirectory(), builder.Environment.ContentRootPath);
        var protocol = ProtocolLoader.Load(protocolDirectory);
        builder.Services.AddTrialEnrollment(options, protocol);
        // After registration, so a test's replacements (clock, test server) win.
        customise?.Invoke(builder);
        var app = builder.Build();
        app.UseTrialEnrollment();
        return app;
    }
}
