using NodaTime;
using Trial.Analysis.Inputs;
using Trial.Analysis.Plan;

namespace Trial.Analysis.Cli;

/// <summary>`trial-analysis lock-plan`: records the plan's SHA-256 and the time, before unblinding.</summary>
public sealed class LockPlanCommand(IClock clock) : ICliCommand
{
    public LockPlanCommand()
        : this(SystemClock.Instance)
    {
    }

    public string Name => "lock-plan";

    public string Summary => "Lock the analysis plan (SHA-256 + timestamp) before unblinding";

    public string Help => """
        trial-analysis lock-plan --plan FILE [--protocol FOLDER]

        Validates the analysis plan, checks it against the protocol (FOLDER, default the plan's own folder, must hold
        protocol.yaml): every variable an analysis uses must be a covariates.csv column that the data-package contract or
        the protocol's baseline form collects, and every questionnaire outcome a scale of one of the protocol's
        instruments; otherwise the plan is refused naming the analysis and the field, and nothing is written. Then it
        writes FILE's lock (<plan>.lock.json beside it) with the plan's SHA-256 and
        the current time. `run` then refuses a plan that differs from its lock unless the change is recorded as a
        deviation (date, section, change, reason) in the plan. An existing lock is never overwritten.

        Exit codes: 0 locked (or already locked with the same hash), 2 usage, 3 invalid plan, 5 a different lock exists.
        """;

    public int Run(IReadOnlyList<string> arguments, TextWriter output, TextWriter error)
    {
        var options = CommandOptions.Parse(arguments, new HashSet<string>(StringComparer.Ordinal) { "--plan", "--protocol" }, new HashSet<string>(StringComparer.Ordinal), error);
        if (options?.Value("--plan") is not { } path)
        {
            error.WriteLine("trial-analysis lock-plan: --plan FILE is required.");
            return ExitCodes.Usage;
        }
        try
        {
            var plan = AnalysisPlanLoader.Load(path);
            var protocol = options.Value("--protocol") ?? Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            if (!File.Exists(Path.Combine(protocol, "protocol.yaml")))
            {
                error.WriteLine($"trial-analysis lock-plan: {protocol} holds no protocol.yaml; give the trial's protocol folder with --protocol FOLDER.");
                return ExitCodes.Usage;
            }
            PlanProtocolCheck.Verify(plan, protocol);
            var lockPath = PlanLock.PathFor(path);
            if (PlanLock.Read(lockPath) is { } existing)
            {
                if (existing.Sha256 == plan.Sha256)
                {
                    output.WriteLine($"lock-plan: {path} is already locked with this SHA-256 ({existing.Sha256}).");
                    return ExitCodes.Ok;
                }
                error.WriteLine($"lock-plan: {lockPath} already locks a different version ({existing.Sha256[..12]}…); a lock is never replaced. Record the change as a deviation.");
                return ExitCodes.LockMismatch;
            }
            var planLock = PlanLock.Create(plan, clock);
            planLock.Write(lockPath);
            output.WriteLine($"lock-plan: locked {path}");
            output.WriteLine($"  sha256    {planLock.Sha256}");
            output.WriteLine($"  locked at {NodaTime.Text.InstantPattern.ExtendedIso.Format(planLock.LockedAt)}");
            output.WriteLine($"  lock file {lockPath}");
            return ExitCodes.Ok;
        }
        catch (InputRejectedException e)
        {
            error.WriteLine($"trial-analysis lock-plan: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        catch (Trial.Protocol.Files.ProtocolFileException e)
        {
            error.WriteLine($"trial-analysis lock-plan: {e.Message}");
            return ExitCodes.InvalidInput;
        }
    }
}
