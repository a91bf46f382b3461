using Trial.Protocol.Files;
using Trial.Protocol.Occasions;

namespace Trial.Protocol.Package;

/// <summary>
/// The codes a trial's protocol folder declares for each <see cref="CodeListName"/>, so a package can be checked
/// against the protocol it was collected under (arms, centres, periods and exclusion reasons from protocol.yaml;
/// occasions from followup.yaml plus the baseline 0m; instruments from instruments/*.yaml).
/// </summary>
public sealed record PackageCodeValues(IReadOnlyDictionary<CodeListName, IReadOnlySet<string>> Lists)
{
    /// <summary>No protocol at hand: code columns are checked for their form only.</summary>
    public static readonly PackageCodeValues Unknown = new(new Dictionary<CodeListName, IReadOnlySet<string>>());

    public IReadOnlySet<string>? For(CodeListName list) => Lists.GetValueOrDefault(list);

    public static PackageCodeValues Read(string protocolFolder)
    {
        var protocol = YamlValue.Load(Path.Combine(protocolFolder, "protocol.yaml"));
        IReadOnlySet<string> Codes(string list, string key) =>
            (protocol.Optional(list)?.Items() ?? []).Select(i => i.Child(key).Text()).ToHashSet(StringComparer.Ordinal);
        var lists = new Dictionary<CodeListName, IReadOnlySet<string>>
        {
            [CodeListName.Arms] = Codes("arms", "code"),
            [CodeListName.Centres] = Codes("centres", "code"),
            [CodeListName.Periods] = Codes("allocationPeriods", "code"),
            [CodeListName.ExclusionReasons] = Codes("eligibility", "exclusionReason"),
        };
        var followup = Path.Combine(protocolFolder, "followup.yaml");
        if (File.Exists(followup))
        {
            var occasions = YamlValue.Load(followup).Child("occasions").Items().Select(o => OccasionMonths.PackageCode(o.Child("code").Text()));
            lists[CodeListName.Occasions] = occasions.Append(OccasionMonths.BaselineCode).ToHashSet(StringComparer.Ordinal);
        }
        var instruments = Path.Combine(protocolFolder, "instruments");
        if (Directory.Exists(instruments))
        {
            lists[CodeListName.Instruments] = Directory.EnumerateFiles(instruments, "*.yaml")
                .Where(f => Path.GetFileName(f) != "questionnaires.yaml")
                .Select(f => YamlValue.Load(f, $"instruments/{Path.GetFileName(f)}").Child("code").Text())
                .ToHashSet(StringComparer.Ordinal);
        }
        return new PackageCodeValues(lists);
    }
}
