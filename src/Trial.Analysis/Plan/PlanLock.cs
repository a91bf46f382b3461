using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Trial.Analysis.Inputs;

namespace Trial.Analysis.Plan;

/// <summary>
/// The lock of an analysis plan: its SHA-256 and when it was locked, stored beside the plan as
/// <c>&lt;plan&gt;.lock.json</c>. A run checks the plan against it (<see cref="Check"/>).
/// </summary>
public sealed record PlanLock(string PlanFile, string Sha256, Instant LockedAt, int DeviationsAtLock)
{
    public static string PathFor(string planPath) => Path.ChangeExtension(planPath, null) + ".lock.json";

    public static PlanLock Create(AnalysisPlan plan, IClock clock) =>
        new(Path.GetFileName(plan.File), plan.Sha256, clock.GetCurrentInstant(), plan.Deviations.Count);

    public void Write(string path)
    {
        var json = new JsonObject
        {
            ["plan"] = PlanFile,
            ["sha256"] = Sha256,
            ["lockedAt"] = InstantPattern.ExtendedIso.Format(LockedAt),
            ["deviationsAtLock"] = DeviationsAtLock,
        }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        File.WriteAllText(path, json, new UTF8Encoding(false));
    }

    public static PlanLock? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path)) ?? throw new JsonException("empty");
            var at = InstantPattern.ExtendedIso.Parse(node["lockedAt"]!.GetValue<string>());
            return new PlanLock(node["plan"]!.GetValue<string>(), node["sha256"]!.GetValue<string>(), at.GetValueOrThrow(),
                node["deviationsAtLock"]!.GetValue<int>());
        }
        catch (Exception e) when (e is JsonException or NullReferenceException or InvalidOperationException or UnparsableValueException or FormatException)
        {
            throw new InputRejectedException(path, "$", $"not a valid plan lock ({e.Message})");
        }
    }

    /// <summary>
    /// Whether the plan may run unblinded under this lock: unchanged, or changed with at least one deviation recorded
    /// since locking. Returns the status line for the report; throws <see cref="PlanLockMismatchException"/> otherwise.
    /// </summary>
    public string Check(AnalysisPlan plan, Report.ReportLocale? l = null)
    {
        l ??= Report.ReportLocale.English;
        var at = InstantPattern.ExtendedIso.Format(LockedAt);
        if (plan.Sha256 == Sha256)
        {
            return l.Text($"matches the lock of {at}", $"samsvarer med låsen fra {at}");
        }
        if (plan.Deviations.Count > DeviationsAtLock)
        {
            var added = plan.Deviations.Count - DeviationsAtLock;
            return l.Text($"changed since the lock of {at} (locked SHA-256 {Sha256[..12]}…); {added} deviation(s) recorded",
                $"endret etter låsen fra {at} (låst SHA-256 {Sha256[..12]}…); {added} avvik registrert");
        }
        throw new PlanLockMismatchException(plan.File,
            $"the plan's SHA-256 {plan.Sha256[..12]}… differs from the lock's {Sha256[..12]}… (locked {InstantPattern.ExtendedIso.Format(LockedAt)}) " +
            "and no deviation was recorded: add an entry under 'deviations' with date, section, change and reason");
    }
}
