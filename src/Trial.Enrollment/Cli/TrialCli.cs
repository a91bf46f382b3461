using Trial.Protocol.Files;
using Trial.Protocol.Package;
using Trial.Enrollment.Features.DatabaseLock;
using Microsoft.EntityFrameworkCore;
using Trial.Enrollment.Features.Access;
using Trial.Enrollment.Features.Audit;
using Trial.Enrollment.Features.Export;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Hosting;
using Trial.Enrollment.Hosting.Keys;
using Trial.Enrollment.Persistence;
using Trial.Enrollment.Problems;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Cli;

/// <summary>trial-enrollment [serve | export | audit verify | users add | schema] — one entry point for the service and its tools.</summary>
internal static class TrialCli
{
    public const string Help = """
        trial-enrollment — the trial service: protocol, screening, consent, randomisation, audit, export.

        Usage:
          trial-enrollment [serve] [--urls URL] [--Trial:Key=value ...]   run the web service (default)
          trial-enrollment export --out DIR [--locked-by NAME] [--lock]   write the data package; with --lock (after the trial manager
                                                                           closed recruitment and locked follow-up) lock the database:
                                                                           afterwards only data-use withdrawals are recorded
          trial-enrollment audit verify [--expect HEAD]                    check every audit hash chain, replay the trail against the
                                                                           tables, and (with --expect) that the trail still reaches a
                                                                           head kept elsewhere (e.g. auditHead in an export's manifest)
          trial-enrollment seed rotate-key --new-key-file FILE             re-encrypt the allocation seed under a new key (then
                                                                           configure Trial:SeedKeyFile=FILE and restart)
          trial-enrollment keys rotate-master --new-master-key-file FILE   re-wrap every person's key and the key ring under a new
                                                                           master key (service stopped; then start with the new key)
          trial-enrollment users add --username U --role R --organisation O --centres a,b [--name N]
                                                                           add a staff user; password from TRIAL_NEW_PASSWORD
          trial-enrollment users list                                      list staff users (role, organisation, centres, state)
          trial-enrollment users disable --username U                      refuse sign-in and end every session of U
          trial-enrollment users reset-password --username U               new password from TRIAL_NEW_PASSWORD; ends U's sessions
          trial-enrollment schema                                          print the EF model's PostgreSQL create script (a starting
                                                                           point for a numbered migration script)
          trial-enrollment --help

        Configuration (appsettings, environment Trial__Key, or --Trial:Key=value):
          Trial:Database            Sqlite (default, files under ./data) | Postgres
          Trial:ConnectionString    research store; required for Postgres
          Trial:IdentityConnectionString  identity store (default: data/identity.db, or schema "identity" on Postgres)
          Trial:ProtocolDirectory   default: protocol/ips-norway, searched upward from the working directory
          Trial:DemoUsers           None | SeedAndPrint (development; the only mode that prints the allocation seed)
          Trial:SeedKeyFile         key encrypting the allocation seed (default data/allocation-seed.key, created on
                                    first use; keep it off the database server's backups)
          Trial:SeedKeyVariable     or: the name of an environment variable holding that key
          Trial:MasterKey           32 random bytes, base64; encrypts the key ring and every person's identity key
                                    (default: file data/master.key; Trial:MasterKeyFile names another file)

        Exit codes: 0 ok; 1 failure; 2 usage; 3 invalid input (protocol or arguments, nothing written); 4 audit chain broken.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var verb = args.FirstOrDefault();
        try
        {
            return verb switch
            {
                "--help" or "-h" or "help" => Print(Console.Out, Help, ExitCodes.Ok),
                null => await ServeAsync(args),
                "serve" => await ServeAsync(args[1..]),
                "export" => await ExportAsync(args[1..]),
                "audit" when args.Length > 1 && args[1] == "verify" => await AuditVerifyAsync(args[2..]),
                "users" when args.Length > 1 && args[1] == "add" => await AddUserAsync(args[2..]),
                "seed" when args.Length > 1 && args[1] == "rotate-key" => await RotateSeedKeyAsync(args[2..]),
                "keys" when args.Length > 1 && args[1] == "rotate-master" => await RotateMasterKeyAsync(args[2..]),
                "users" when args.Length > 1 && args[1] == "list" => await ListUsersAsync(args[2..]),
                "users" when args.Length > 1 && args[1] == "disable" => await ChangeUserAsync(args[2..], (staff, username, actor, ct) =>
                    staff.DisableAsync(username, actor, ct), "Disabled"),
                "users" when args.Length > 1 && args[1] == "reset-password" => await ChangeUserAsync(args[2..], (staff, username, actor, ct) =>
                    staff.ResetPasswordAsync(username, NewPassword(), actor, ct), "Reset the password of"),
                "schema" => await SchemaAsync(args[1..]),
                _ when verb.StartsWith("--", StringComparison.Ordinal) => await ServeAsync(args),
                _ => Print(Console.Error, $"Unknown command '{verb}'.\n\n{Help}", ExitCodes.Usage),
            };
        }
        catch (ProtocolFileException e)
        {
            return Print(Console.Error, e.Message, ExitCodes.InvalidInput);
        }
        catch (RejectedException e)
        {
            return Print(Console.Error, e.Field is null ? e.Message : $"{e.Field}: {e.Message}", ExitCodes.InvalidInput);
        }
        catch (Trial.Schema.SchemaVersionException e)
        {
            // A database newer than this build, or an applied migration edited: the message says which and what to do.
            return Print(Console.Error, e.Message, ExitCodes.InvalidInput);
        }
        catch (UsageException e)
        {
            return Print(Console.Error, $"{e.Message}\n\n{Help}", ExitCodes.Usage);
        }
    }

    private static int Print(TextWriter writer, string text, int code)
    {
        writer.WriteLine(text);
        return code;
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        var app = TrialHost.Build(args);
        var options = app.Services.GetRequiredService<TrialHostOptions>();
        var protocol = app.Services.GetRequiredService<TrialProtocol>();
        await DatabaseSetup.InitialiseAsync(app.Services, options, CancellationToken.None);
        if (options.DemoUsers == DemoUserPolicy.SeedAndPrint)
        {
            await DemoUsers.SeedAsync(app.Services, Console.Out, CancellationToken.None);
        }
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            Console.WriteLine($"Protocol {protocol.Trial} {protocol.Version} (sha256 {protocol.Sha256[..12]}…) from {protocol.Directory}");
            Console.WriteLine($"Database: {options.Database}");
            foreach (var url in app.Urls)
            {
                Console.WriteLine($"Trial service listening on {url}  (pages: {url}/login, OpenAPI: {url}/openapi/v1.json)");
            }
        });
        await app.RunAsync();
        return ExitCodes.Ok;
    }

    private static async Task<int> ExportAsync(string[] args)
    {
        var lockDatabase = args.Contains("--lock", StringComparer.Ordinal);
        var (named, rest) = Options(args.Where(a => a != "--lock").ToArray(), "--out", "--locked-by");
        var directory = named.GetValueOrDefault("--out") ?? throw new UsageException("export needs --out DIR.");
        var lockedBy = named.GetValueOrDefault("--locked-by") ?? Environment.UserName;
        await using var app = TrialHost.Build(rest);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        Console.Error.WriteLine($"Writing data package to {Path.GetFullPath(directory)} …");
        PackageManifest manifest;
        if (lockDatabase)
        {
            (manifest, var manifestSha) = await scope.ServiceProvider.GetRequiredService<LockedExport>().WriteAsync(directory, lockedBy, CancellationToken.None);
            Console.WriteLine($"database locked by {lockedBy}; manifest.json sha256 {manifestSha}");
        }
        else
        {
            manifest = await scope.ServiceProvider.GetRequiredService<DataPackageExport>().WriteAsync(directory, lockedBy, CancellationToken.None);
        }
        foreach (var file in manifest.Files)
        {
            Console.WriteLine($"{file.Name,-24} {file.Rows,7} rows  sha256 {file.Sha256}");
        }
        Console.WriteLine($"manifest.json: protocol {manifest.Protocol.Version} sha256 {manifest.Protocol.Sha256}");
        Console.WriteLine($"audit trail head {manifest.AuditHead} (keep it elsewhere; check with: audit verify --expect HEAD)");
        return ExitCodes.Ok;
    }

    private static async Task<int> AuditVerifyAsync(string[] args)
    {
        var (named, rest) = Options(args, "--expect");
        var expected = named.GetValueOrDefault("--expect");
        if (expected is not null && (expected.Length != 64 || !expected.All(Uri.IsHexDigit)))
        {
            throw new UsageException("--expect takes the 64 hex digits of a trail head (auditHead in an export's manifest.json).");
        }
        await using var app = TrialHost.Build(rest);
        if (await DatabaseSetup.NotUpgradedAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None) is { } notUpgraded)
        {
            return Print(Console.Error, notUpgraded, ExitCodes.InvalidInput);
        }
        await using var scope = app.Services.CreateAsyncScope();
        var result = await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<TrialDbContext>(), CancellationToken.None, expected);
        Console.WriteLine($"{result.Entries} entries in {result.Chains} chains; trail head {result.TrailHead}.");
        foreach (var (chain, hash) in result.Heads.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  head {chain,-12} {hash}");
        }
        foreach (var note in result.Notes)
        {
            Console.WriteLine("NOTE: " + note);
        }
        foreach (var problem in result.Problems)
        {
            Console.Error.WriteLine("BROKEN: " + problem);
        }
        Console.WriteLine(result.Intact ? "Audit trail intact." : $"Audit trail BROKEN: {result.Problems.Count} problem(s).");
        return result.Intact ? ExitCodes.Ok : ExitCodes.AuditBroken;
    }

    private static async Task<int> RotateSeedKeyAsync(string[] args)
    {
        var (named, rest) = Options(args, "--new-key-file");
        var path = named.GetValueOrDefault("--new-key-file") ?? throw new UsageException("seed rotate-key needs --new-key-file FILE.");
        var newKey = SeedProtection.ReadKeyFile(path);
        await using var app = TrialHost.Build(rest);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var keyId = await SeedKeyRotation.RotateAsync(scope.ServiceProvider.GetRequiredService<TrialDbContext>(),
            scope.ServiceProvider.GetRequiredService<SeedProtection>(), scope.ServiceProvider.GetRequiredService<AuditTrail>(), newKey,
            Environment.UserName, CancellationToken.None);
        Console.WriteLine($"Allocation seed re-encrypted under key {keyId}. Now set Trial:SeedKeyFile={path} and restart.");
        return ExitCodes.Ok;
    }

    private static async Task<int> RotateMasterKeyAsync(string[] args)
    {
        var (named, rest) = Options(args, "--new-master-key-file");
        var path = named.GetValueOrDefault("--new-master-key-file") ?? throw new UsageException("keys rotate-master needs --new-master-key-file FILE.");
        MasterKey next;
        try
        {
            next = MasterKey.FromExistingFile(path);
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException)
        {
            return Print(Console.Error, e.Message, ExitCodes.InvalidInput);
        }
        await using var app = TrialHost.Build(rest);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var persons = await MasterKeyRotation.RotateAsync(scope.ServiceProvider.GetRequiredService<IdentityStoreContext>(),
            scope.ServiceProvider.GetRequiredService<TrialDbContext>(), app.Services.GetRequiredService<MasterKey>(), next, CancellationToken.None);
        Console.WriteLine($"{persons} person keys and the data-protection key ring re-wrapped under master key {next.Fingerprint}. "
                          + $"Now start every node with Trial:MasterKeyFile={path} (or its value in Trial:MasterKey) and keep the old key only until backups made under it expire.");
        return ExitCodes.Ok;
    }

    private static async Task<int> AddUserAsync(string[] args)
    {
        var (named, rest) = Options(args, "--username", "--role", "--organisation", "--centres", "--name");
        string Need(string key) => named.GetValueOrDefault(key) ?? throw new UsageException($"users add needs {key}.");
        var password = NewPassword();
        await using var app = TrialHost.Build(rest);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StaffDirectory>().AddAsync(Need("--username"), named.GetValueOrDefault("--name") ?? Need("--username"),
            password, Need("--role"), Need("--organisation"), Need("--centres").Split(','), CancellationToken.None, CliActor);
        Console.WriteLine($"Added {Need("--username")} ({Need("--role")}).");
        return ExitCodes.Ok;
    }

    /// <summary>Who made a change from the command line, as the audit trail records it.</summary>
    private static string CliActor => "cli:" + Environment.UserName;

    private static string NewPassword() =>
        Environment.GetEnvironmentVariable("TRIAL_NEW_PASSWORD") ?? throw new UsageException("Set TRIAL_NEW_PASSWORD.");

    private static async Task<int> ListUsersAsync(string[] args)
    {
        await using var app = TrialHost.Build(args);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Console.WriteLine($"{"username",-24} {"role",-14} {"organisation",-16} {"state",-9} centres");
        foreach (var user in await scope.ServiceProvider.GetRequiredService<StaffDirectory>().ListAsync(CancellationToken.None))
        {
            Console.WriteLine($"{user.Username,-24} {user.Role,-14} {user.Organisation,-16} {user.StateAt(now),-9} {user.Centres.Replace(';', ',')}");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> ChangeUserAsync(string[] args, Func<StaffDirectory, string, string, CancellationToken, Task> change, string done)
    {
        var (named, rest) = Options(args, "--username");
        var username = named.GetValueOrDefault("--username") ?? throw new UsageException("This verb needs --username.");
        await using var app = TrialHost.Build(rest);
        await DatabaseSetup.InitialiseAsync(app.Services, app.Services.GetRequiredService<TrialHostOptions>(), CancellationToken.None);
        await using var scope = app.Services.CreateAsyncScope();
        await change(scope.ServiceProvider.GetRequiredService<StaffDirectory>(), username, CliActor, CancellationToken.None);
        Console.WriteLine($"{done} {username}; every session of the user has ended.");
        return ExitCodes.Ok;
    }

    private static async Task<int> SchemaAsync(string[] args)
    {
        await using var app = TrialHost.Build([.. args, "--Trial:Database=Postgres", "--Trial:ConnectionString=Host=localhost"]);
        await using var scope = app.Services.CreateAsyncScope();
        Console.WriteLine("-- research store");
        Console.WriteLine(scope.ServiceProvider.GetRequiredService<TrialDbContext>().Database.GenerateCreateScript());
        Console.WriteLine("-- identity store");
        Console.WriteLine(scope.ServiceProvider.GetRequiredService<IdentityStoreContext>().Database.GenerateCreateScript());
        return ExitCodes.Ok;
    }

    /// <summary>Splits the verb's own --key value pairs from the rest, which go to the host's configuration.</summary>
    private static (Dictionary<string, string> Named, string[] Others) Options(string[] args, params string[] keys)
    {
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (keys.Contains(args[i], StringComparer.Ordinal))
            {
                named[args[i]] = i + 1 < args.Length ? args[++i] : throw new UsageException($"{args[i]} needs a value.");
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        return (named, rest.ToArray());
    }
}
