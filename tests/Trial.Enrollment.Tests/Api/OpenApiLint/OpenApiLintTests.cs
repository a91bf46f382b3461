using System.Diagnostics;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Tests.Hosting;
using Xunit.Abstractions;

namespace Trial.Enrollment.Tests.Api.OpenApiLint;

/// <summary>
/// /openapi/v1.json as the running service serves it, linted with Redocly's CLI and its recommended rules: any error
/// fails the test (warnings are printed). The CLI is pinned by the package-lock.json next to this file and installed
/// by install-redocly.sh with `npm ci` into obj/tools/redocly at the repository root, never globally; npm itself comes
/// from test.sh or Trial.Web's build (design/ensure-npm.sh). Without npm the test fails saying so: it is never skipped.
/// </summary>
public sealed class OpenApiLintTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OpenApiDocument_PassesRedoclyRecommendedRules_WithoutErrors()
    {
        await using var app = await TrialTestApp.StartAsync(DatabaseProvider.Sqlite, "openapi-lint", registerFollowup: false);
        var document = await app.Anonymous().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var file = Path.Combine(Path.GetTempPath(), $"trial-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, document);

        var (exit, text) = await RunAsync(await RedoclyAsync(), ["lint", file, "--extends=recommended", "--format=stylish"], Path.GetTempPath());

        output.WriteLine(text);
        Assert.True(exit == 0, $"Redocly found errors in /openapi/v1.json:\n{text}");
        using var json = System.Text.Json.JsonDocument.Parse(document);
        var paths = json.RootElement.GetProperty("paths");
        var token = paths.GetProperty("/api/token").GetProperty("post");
        Assert.Equal("[{}]", Compact(token.GetProperty("security"))); // anonymous, said explicitly
        Assert.True(token.GetProperty("responses").TryGetProperty("200", out _));
        var screening = paths.GetProperty("/api/screenings").GetProperty("post");
        Assert.Equal("""[{"bearer":[]},{"cookie":[]}]""", Compact(screening.GetProperty("security")));
        Assert.True(screening.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(screening.GetProperty("responses").TryGetProperty("403", out _));
    }

    private static string Compact(System.Text.Json.JsonElement element) => System.Text.Json.JsonSerializer.Serialize(element);

    /// <summary>
    /// The pinned CLI under obj/tools/redocly, installed by install-redocly.sh (next to this file) when missing or when
    /// the lock file changed; test.sh runs the same script during the build, so there it is normally installed already.
    /// </summary>
    private static async Task<string> RedoclyAsync()
    {
        var source = Path.Combine(RepositoryPaths.Root, "tests", "Trial.Enrollment.Tests", "Api", "OpenApiLint");
        var tools = Path.Combine(RepositoryPaths.Root, "obj", "tools", "redocly");
        var (exit, text) = await RunAsync("sh", [Path.Combine(source, "install-redocly.sh")], source);
        Assert.True(exit == 0, $"`npm ci` of @redocly/cli in {tools} failed (is npm installed? ./test.sh installs it):\n{text}");
        return Path.Combine(tools, "node_modules", "@redocly", "cli", "bin", "cli.js");
    }

    private static async Task<(int Exit, string Text)> RunAsync(string program, string[] arguments, string directory)
    {
        var info = new ProcessStartInfo(program.EndsWith(".js", StringComparison.Ordinal) ? "node" : program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (program.EndsWith(".js", StringComparison.Ordinal))
        {
            info.ArgumentList.Add(program);
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // No telemetry or update check from the CLI during a test run.
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{info.FileName} is not installed: ./test.sh installs nodejs and npm from Debian's packages.", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await stdout) + (await stderr));
        }
    }
}
