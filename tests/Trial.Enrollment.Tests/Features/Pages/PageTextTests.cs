using System.Text.RegularExpressions;
using System.Xml.Linq;
using Trial.Enrollment.Features.DatabaseLock;
using Trial.Enrollment.Features.Participants;
using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Features.Withdrawal;
using Trial.Enrollment.Protocol;
using Trial.Followup.Access;
using Trial.Followup.Questionnaires.Participants;
using Trial.Web.Layout;

namespace Trial.Enrollment.Tests.Features.Pages;

/// <summary>
/// Every page text a page asks for exists in both PageText.resx (nb-NO) and PageText.en.resx, so a missing or
/// misspelt key fails here and never shows a user the key itself. Keys built at run time (state, scope, reason,
/// role, message kinds) are checked from the types and the protocol they come from.
/// </summary>
public partial class PageTextTests
{
    private static readonly string Localisation = Path.Combine(RepositoryPaths.Root, "src", "Trial.Web", "Localisation");

    // L["key"], texts["key"], TextKey="key", "refusal.x" keys and Find("key") with a literal key.
    [GeneratedRegex("""(?:L|texts|TextsIn\.Of\([^)]*\))\["([a-z0-9][a-z0-9.-]*)"\]|Find\("([a-z0-9.-]+)"\)|"((?:refusal|randomise|menu|role|notice)\.[a-z0-9.-]+)"|L\[\$"([a-z-]+)\.\{""")]
    private static partial Regex KeyUse();

    private static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Localisation, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void BothLanguages_HaveTheSameKeys()
    {
        var nb = Keys("PageText.resx");
        var en = Keys("PageText.en.resx");
        Assert.Empty(nb.Except(en));
        Assert.Empty(en.Except(nb));
    }

    [Fact]
    public void EveryLiteralKeyInPagesAndEndpoints_Exists()
    {
        var keys = Keys("PageText.resx");
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".razor", StringComparison.Ordinal) || p.EndsWith(".cs", StringComparison.Ordinal))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var used = sources.SelectMany(p => KeyUse().Matches(File.ReadAllText(p)).Select(m => (File: Path.GetFileName(p),
                Key: m.Groups.Values.Skip(1).First(g => g.Success).Value)))
            .Where(u => !u.Key.EndsWith('.'))
            .ToList();
        Assert.NotEmpty(used);
        Assert.Empty(used.Where(u => !keys.Contains(u.Key) && !keys.Any(k => k.StartsWith(u.Key + ".", StringComparison.Ordinal))).Select(u => $"{u.File}: {u.Key}"));
    }

    [Fact]
    public void KeysBuiltAtRunTime_Exist()
    {
        var keys = Keys("PageText.resx");
        var protocol = ProtocolLoader.Load(Path.Combine(RepositoryPaths.Root, "protocol", "ips-norway"));
        string[] needed =
        [
            .. Enum.GetValues<ParticipantState>().Select(s => $"state.{s}"),
            .. Enum.GetValues<WithdrawalScope>().Select(s => $"scope.{WithdrawalEffects.Code(s)}"),
            .. protocol.Eligibility.Select(e => $"reason.{e.ExclusionReason}"),
            .. StaffRole.All.Select(r => r.TextKey),
            .. QuestionnaireMessage.Kinds.SelectMany(k => new[] { $"q.{k}.title", $"q.{k}.body" }),
            .. StaffMessagePage.Keys.Concat(["randomise.already"]).SelectMany(k => new[] { $"{k}.title", $"{k}.body" }),
            .. new[] { "screening", "consent", "withdraw", "death", "paper", "mistaken", "baseline", "close-recruitment", "lock-followup", "correct", "reconsent" }
                .Select(n => $"notice.{n}"),
            .. Enum.GetValues<LockStage>().Select(s => $"lock.stage.{LockRules.Code(s)}"),
            .. new[] { "close-recruitment", "lock-followup" }.SelectMany(s => new[] { $"lock.{s}", $"lock.{s}.lead" }),
            .. new[] { "active", "locked", "disabled" }.Select(s => $"users.state.{s}"),
            .. new[] { "added", "disable", "reset-password" }.Select(s => $"users.done.{s}"),
            .. MistakeReasons.Codes.Select(c => $"mistaken.code.{c}"),
            .. Trial.Enrollment.Features.ScreeningCorrection.CorrectionReasons.Codes.Select(c => $"correction.reason.{c}"),
            .. Enum.GetValues<Trial.Enrollment.Features.Audit.AuditProblemKind>().Select(k => new Trial.Enrollment.Features.Audit.AuditProblem(k, []).TextKey),
        ];
        Assert.All(needed, k => Assert.Contains(k, keys));
    }
}
