using Trial.Analysis.Inputs;
using Trial.Demo.Analysis;
using Trial.Demo.Service;
using Trial.Protocol.Files;

namespace Trial.Demo.Cli;

/// <summary>trial-demo: the command line around <see cref="DemoRun"/>, with --help, exit codes and --serve.</summary>
internal static class DemoCli
{
    public const string Help = """
        trial-demo — one simulated trial through the real system, from referral to report.

        Usage:
          dotnet run --project src/Trial.Demo -- --out DIR [--seed N] [--effect X] [--participants N] [--early-late D]
                                                 [--serve [--port P]] [--postgres "Host=…;Database=…"]

        Starts the trial service (Trial.Enrollment) in-process on a virtual clock and an empty database. Simulated
        coordinators at the six centres screen, consent and randomise the referred people through its REST API from
        October 2013 to October 2014 (the 2:1 then 1:1 ratio comes from the protocol's allocation periods); deaths,
        a mistaken randomisation and a withdrawal in each scope go through their endpoints. Follow-up runs on the same
        clock: the sweeps that Quartz's jobs run open the 0-, 6- and 12-month occasions, the outbox sends the invitations to a
        loopback SMTP sink (DIR/mail) and to SMS files (DIR/sms), and participants answer on the questionnaire pages
        (nearly all at inclusion, about 47 % at 6 and 44 % at 12 months, more often the more distressed at baseline);
        some answer by phone to their coordinator. The coordinator records the protocol's baseline form at inclusion.
        Then the service's export locks the data (DIR/package), a register extract is simulated for the exported ids
        (DIR/register.csv), and `trial-analysis run` runs the locked plan (DIR/report/report.pdf, results.json).

          --out DIR           new or empty folder; written as DIR.partial-xxxx and renamed to DIR when complete
          --seed N            random seed of the simulation (default 1)
          --effect X          true average IPS effect on the monthly probability of being in work (default 0.095)
          --participants N    people randomised (default 410, with 19 more referred and excluded as in seed 001)
          --early-late D      true effect in those randomised before April 2014 minus after (default 0.06)
          --serve             afterwards keep the service running on the demo's database; prints the demo users
          --port P            port for --serve (default 5080)
          --postgres CONN     run the service on PostgreSQL (an Npgsql connection string; the database must be empty)
                              instead of the default embedded SQLite in DIR/database
          --Trial:Key=value   other service settings passed through, e.g. --Trial:ConnectionString=…

        Exit codes: 0 ok; 1 the service refused a call or another failure; 2 usage; 3 --out not empty or database
        not empty (nothing written); 4 the locked plan could not run on the exported package (work folder kept);
        130 interrupted (DIR is not created, only DIR.partial-xxxx; rerun, the same --out works).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var options = DemoOptions.Parse(args, out var problem);
        if (options is null)
        {
            if (problem == "")
            {
                output.WriteLine(Help);
                return ExitCodes.Ok;
            }
            error.WriteLine($"trial-demo: {problem}\n\n{Help}");
            return ExitCodes.Usage;
        }
        DemoResult result;
        try
        {
            result = await DemoRun.RunAsync(options, output, cancellationToken);
        }
        catch (DemoInputException e)
        {
            error.WriteLine($"trial-demo: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (PlanFailedException e)
        {
            error.WriteLine($"trial-demo: the analysis did not run on the exported package. {e.Message}");
            error.WriteLine("trial-demo: the package, register extract and database are kept in the .partial folder printed above; no report was written.");
            return ExitCodes.AnalysisFailed;
        }
        catch (InputRejectedException e)
        {
            error.WriteLine($"trial-demo: the exported package was refused: {e.Message}");
            return ExitCodes.AnalysisFailed;
        }
        catch (ProtocolFileException e)
        {
            error.WriteLine($"trial-demo: the exported package does not pass the data-package contract: {e.Message}");
            return ExitCodes.AnalysisFailed;
        }
        catch (ServiceCallException e)
        {
            error.WriteLine($"trial-demo: the service refused a call of the simulation: {e.Message}");
            return ExitCodes.Failed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"trial-demo: interrupted; {Path.GetFullPath(options.Out)} was not created (the unfinished work is in a .partial-xxxx folder beside it, which may be deleted). Rerun; the same --out works.");
            return ExitCodes.Interrupted;
        }
        if (options.Serve)
        {
            await ServeAsync(options, result, output, cancellationToken);
        }
        return ExitCodes.Ok;
    }

    private static async Task ServeAsync(DemoOptions options, DemoResult result, TextWriter output, CancellationToken cancellationToken)
    {
        await using var service = await DemoService.StartAsync(options.HostArguments, Path.Combine(result.Folder, "database"), Path.Combine(result.Folder, "sms"),
            mail: null, clock: null, seedUsers: false, TextWriter.Null, cancellationToken, options.Port);
        output.WriteLine();
        output.WriteLine($"Trial service on the demo's database: {service.BaseUrl}login   (OpenAPI: {service.BaseUrl}openapi/v1.json)");
        output.WriteLine("Demo users (development only):");
        foreach (var user in result.Trial.Users)
        {
            output.WriteLine($"  {user.Role,-14} {user.Username,-22} {user.Password}");
        }
        output.WriteLine("Press Ctrl+C to stop.");
        try
        {
            await service.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C: stop the service normally.
        }
    }
}
