using Trial.Fidelity.Scale;
using Trial.Fidelity.Scoring;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Evidence;

/// <summary>
/// Reads a review's evidence file (YAML, or JSON, which the same parser reads) against its scale. Every value is
/// checked against the field's rule: a negative caseload, a share above 100%, an anchor outside 1–5, a condition
/// the item does not know; errors name the file, the path and the rule (format: protocol/fidelity/evidence-format.md).
/// </summary>
public static class EvidenceReader
{
    public static ReviewEvidence Load(string path, FidelityScale scale) => Read(YamlValue.Load(path), scale);

    public static ReviewEvidence Read(YamlValue root, FidelityScale scale)
    {
        root.OnlyKeys("format", "formatVersion", "scale", "centre", "reviewDate", "specialists", "settings", "jobs", "items");
        if (root.Child("format").Text() != "trial-fidelity-evidence")
        {
            throw root.Child("format").Fail("must be 'trial-fidelity-evidence'");
        }
        root.Child("formatVersion").Integer(1, 1);
        var scaleNode = root.Child("scale");
        if (scaleNode.Text() != scale.Code)
        {
            throw scaleNode.Fail($"the evidence is for scale '{scaleNode.Text()}', not '{scale.Code}'");
        }
        var errors = new ProtocolFileErrors();
        var settings = errors.Check(() => root.Optional("settings") is { } s ? Settings(s) : ScoringSettings.Default, ScoringSettings.Default);
        var jobs = errors.Check(() => root.Optional("jobs")?.Items().Select(Job).ToList() ?? [], []);
        var items = new Dictionary<ItemCode, ItemEvidence>();
        if (root.Optional("items") is { } itemsNode)
        {
            foreach (var (key, value) in itemsNode.Entries())
            {
                errors.Check(() =>
                {
                    var item = ItemCode.TryParse(key, out var code) ? scale.Item(code) : null;
                    if (item is null)
                    {
                        throw value.Fail($"'{key}' is not an item of {scale.Code}");
                    }
                    items[code] = Item(value, item, scale);
                });
            }
        }
        var centre = errors.Check(() => root.OptionalText("centre"), null);
        var date = errors.Check(() => root.Optional("reviewDate")?.Date(), null);
        var specialists = errors.Check(() => root.Optional("specialists")?.Integer(1, 200), null);
        errors.ThrowIfAny();
        return new ReviewEvidence(scale.Code, centre, date, specialists, jobs, items, settings);
    }

    private static ItemEvidence Item(YamlValue node, ScaleItem item, FidelityScale scale)
    {
        node.OnlyKeys("anchor", "note", "conditions", "caseloads", "percentages", "specialistScores", "components", "days",
            "contactLogs", "logReview", "jobSeekers", "jobs");
        var range = (scale.ItemMin, scale.ItemMax);
        var conditions = node.Optional("conditions")?.Items().Select(c =>
            item.Cap(c.Text()) is not null
                ? c.Text()
                : throw c.Fail($"'{c.Text()}' is not a condition of {item.Code} (known: {string.Join(", ", item.Caps.Select(k => k.Code))})")).ToHashSet()
            ?? [];
        var components = node.Optional("components");
        var evidence = new ItemEvidence
        {
            Anchor = node.Optional("anchor")?.Integer(range.ItemMin, range.ItemMax),
            Note = node.OptionalText("note"),
            Conditions = conditions,
            Caseloads = node.Optional("caseloads")?.Items().Select(Caseload).ToList() ?? [],
            Percentages = node.Optional("percentages")?.Items().Select(p => Percent(p)).ToList() ?? [],
            SpecialistScores = node.Optional("specialistScores")?.Items().Select(s => s.Integer(range.ItemMin, range.ItemMax)).ToList() ?? [],
            ComponentsRecorded = components is not null,
            ComponentsPresent = components?.Items().Select(c =>
                item.Components.ContainsKey(c.Text())
                    ? c.Text()
                    : throw c.Fail($"'{c.Text()}' is not a component of {item.Code} (known: {string.Join(", ", item.Components.Keys)})")).ToHashSet()
                ?? [],
            Days = node.Optional("days")?.Items().Select(Days).ToList() ?? [],
            ContactLogs = node.Optional("contactLogs")?.Items().Select(Contacts).ToList() ?? [],
            LogReview = node.Optional("logReview")?.Enum(Names<LogReview>()),
            JobSeekers = node.Optional("jobSeekers")?.Integer(0, 10_000),
            Jobs = node.Optional("jobs")?.Items().Select(Job).ToList() ?? [],
        };
        if (evidence.Anchor is not null && item.Method != ScoringMethod.Ordinal && item.Method != ScoringMethod.CompetitiveShare
            && string.IsNullOrWhiteSpace(evidence.Note))
        {
            throw node.Child("anchor").Fail($"{item.Code} is computed from counted evidence; a judgement anchor needs a note saying why the counts are missing");
        }
        if (item.Method == ScoringMethod.Ordinal && evidence.Anchor is null)
        {
            throw node.Fail($"{item.Code} is rated by the reviewers: give anchor {range.ItemMin}–{range.ItemMax}");
        }
        return evidence;
    }

    private static CaseloadEntry Caseload(YamlValue node)
    {
        node.OnlyKeys("specialist", "fte", "participants", "supervisor");
        var fte = node.Child("fte").Decimal();
        if (fte <= 0 || fte > 1)
        {
            throw node.Child("fte").Fail("a full-time-equivalent share must be above 0 and at most 1");
        }
        return new CaseloadEntry(node.Child("specialist").Text(), fte, node.Child("participants").Integer(0, 1000),
            node.Optional("supervisor")?.Boolean() ?? false);
    }

    private static decimal Percent(YamlValue node)
    {
        var value = node.Decimal();
        return value is >= 0 and <= 100 ? value : throw node.Fail("a percentage must be between 0 and 100");
    }

    private static RapidSearchEntry Days(YamlValue node)
    {
        if (!node.IsMapping)
        {
            return new RapidSearchEntry(null, NonNegativeDays(node));
        }
        node.OnlyKeys("specialist", "days");
        return new RapidSearchEntry(node.OptionalText("specialist"), NonNegativeDays(node.Child("days")));
    }

    private static decimal NonNegativeDays(YamlValue node)
    {
        var value = node.Decimal();
        return value is >= 0 and <= 3650 ? value : throw node.Fail("days must be between 0 and 3650");
    }

    private static ContactLog Contacts(YamlValue node)
    {
        node.OnlyKeys("specialist", "contacts", "weeks", "absentWeeks", "monthsInPost");
        var weeks = node.Child("weeks").Decimal();
        if (weeks <= 0 || weeks > 520)
        {
            throw node.Child("weeks").Fail("specialist-weeks must be above 0 and at most 520");
        }
        var absent = node.Optional("absentWeeks")?.Integer(0, 520) ?? 0;
        if (absent >= weeks)
        {
            throw node.Child("absentWeeks").Fail("absent weeks must be fewer than the weeks logged");
        }
        var months = node.Optional("monthsInPost")?.Decimal();
        if (months is < 0)
        {
            throw node.Child("monthsInPost").Fail("months in post cannot be negative");
        }
        return new ContactLog(node.Child("specialist").Text(), node.Child("contacts").Integer(0, 100_000), weeks, absent, months);
    }

    private static JobEntry Job(YamlValue node)
    {
        node.OnlyKeys("type", "employer", "worksite", "competitive", "beforeIps", "sample");
        return new JobEntry(node.Child("type").Text(), node.Child("employer").Text(), node.OptionalText("worksite"),
            node.Child("competitive").Boolean(), node.Optional("beforeIps")?.Boolean() ?? false,
            node.Optional("sample")?.Enum(Names<JobSampleKind>()) ?? JobSampleKind.Current);
    }

    private static ScoringSettings Settings(YamlValue node)
    {
        node.OnlyKeys("rounding", "rapidSearchStatistic", "logReviewForTopBands", "competitiveJobsSmallSample",
            "communityThirtyPercent", "teamIntegration");
        var d = ScoringSettings.Default;
        return new ScoringSettings
        {
            Rounding = node.Optional("rounding")?.Enum(Names<Rounding>()) ?? d.Rounding,
            RapidSearchStatistic = node.Optional("rapidSearchStatistic")?.Enum(Names<RapidSearchStatistic>()) ?? d.RapidSearchStatistic,
            LogReviewForTopBands = node.Optional("logReviewForTopBands")?.Enum(Names<LogReviewRequirement>()) ?? d.LogReviewForTopBands,
            CompetitiveJobsSmallSample = node.Optional("competitiveJobsSmallSample")?.Enum(Names<SmallJobSample>()) ?? d.CompetitiveJobsSmallSample,
            CommunityThirtyPercent = node.Optional("communityThirtyPercent")?.Enum(Names<BoundaryBand>()) ?? d.CommunityThirtyPercent,
            TeamIntegration = node.Optional("teamIntegration")?.Enum(Names<SpecialistAggregation>()) ?? d.TeamIntegration,
        };
    }

    private static Dictionary<string, T> Names<T>() where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(v => SettingNames.Of(v), v => v, StringComparer.Ordinal);
}
