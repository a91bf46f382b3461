using System.Globalization;
using Trial.Protocol.Files;

namespace Trial.Fidelity.Scale;

/// <summary>
/// Reads a fidelity scale file (protocol/fidelity/*.yaml) with the project's one YAML reader and validates it: bands
/// that cover every value, anchors for every score, component tables for every count, caps within the item range and
/// categories that cover every total. Errors name the file, the path and the rule.
/// </summary>
public static class ScaleReader
{
    private static readonly Dictionary<string, ScoringMethod> Methods = Enum.GetValues<ScoringMethod>()
        .ToDictionary(m => Scoring.SettingNames.Of(m), m => m, StringComparer.Ordinal);

    private static readonly Dictionary<string, DiversityKey> Keys = new(StringComparer.Ordinal)
    {
        ["jobType"] = DiversityKey.JobType,
        ["employerSite"] = DiversityKey.EmployerSite,
    };

    public static FidelityScale Load(string path) => Read(YamlValue.Load(path));

    public static FidelityScale Read(YamlValue root)
    {
        root.OnlyKeys("format", "formatVersion", "code", "version", "manual", "title", "itemRange", "missingEvidenceScore",
            "categories", "sections", "items");
        if (root.Child("format").Text() != "trial-fidelity-scale")
        {
            throw root.Child("format").Fail("must be 'trial-fidelity-scale'");
        }
        root.Child("formatVersion").Integer(1, 1);
        var range = root.Child("itemRange").Items();
        if (range.Count != 2)
        {
            throw root.Child("itemRange").Fail("must be [min, max]");
        }
        var (min, max) = (range[0].Integer(0, 10), range[1].Integer(1, 10));
        var errors = new ProtocolFileErrors();
        var sections = root.Child("sections").Items().ToDictionary(
            s => { s.OnlyKeys("code", "label"); return s.Child("code").Text(); }, s => s.Child("label").Localised(), StringComparer.Ordinal);
        var items = new List<ScaleItem>();
        foreach (var node in root.Child("items").Items())
        {
            errors.Check(() => items.Add(Item(node, sections, min, max)));
        }
        var categories = errors.Check(() => Categories(root.Child("categories"), items.Count * min, items.Count * max), []);
        foreach (var duplicate in items.GroupBy(i => i.Code).Where(g => g.Count() > 1))
        {
            errors.Add(root.Child("items").ErrorAt($"item {duplicate.Key} is defined {duplicate.Count()} times"));
        }
        var missing = errors.Check(() => root.Child("missingEvidenceScore").Integer(min, max), min);
        errors.ThrowIfAny();
        return new FidelityScale(root.Child("code").Text(), root.Child("version").Text(), root.Child("title").Localised(),
            min, max, missing, categories, sections, items);
    }

    private static ScaleItem Item(YamlValue node, IReadOnlyDictionary<string, LocalisedText> sections, int min, int max)
    {
        node.OnlyKeys("code", "section", "name", "method", "sources", "bands", "anchors", "components", "componentScores",
            "caps", "key", "setting", "boundary");
        var code = node.Child("code");
        var itemCode = Parse(code);
        var section = node.Child("section");
        if (!sections.ContainsKey(section.Text()))
        {
            throw section.Fail($"'{section.Text()}' is not a section (known: {string.Join(", ", sections.Keys)})");
        }
        var method = node.Child("method").Enum(Methods);
        var anchors = node.Optional("anchors")?.Entries().ToDictionary(e => Score(e.Key, e.Value, min, max), e => e.Value.Localised())
            ?? new Dictionary<int, LocalisedText>();
        var components = node.Optional("components")?.Entries().ToDictionary(e => e.Key, e => e.Value.Localised(), StringComparer.Ordinal)
            ?? new Dictionary<string, LocalisedText>();
        var componentScores = node.Optional("componentScores")?.Entries()
            .ToDictionary(e => Count(e.Key, e.Value), e => e.Value.Integer(min, max)) ?? new Dictionary<int, int>();
        if (method == ScoringMethod.Components)
        {
            if (components.Count == 0 || Enumerable.Range(0, components.Count + 1).Any(n => !componentScores.ContainsKey(n)))
            {
                throw node.Fail($"a components item needs components and a componentScores entry for every count 0–{components.Count}");
            }
        }
        else if (Enumerable.Range(min, max - min + 1).Any(s => !anchors.ContainsKey(s)))
        {
            throw node.Fail($"anchors must be given for every score {min}–{max}");
        }
        var bands = node.Optional("bands") is { } b ? Bands(b, min, max) : [];
        if (NeedsBands(method) && bands.Count == 0)
        {
            throw node.Fail($"method '{Scoring.SettingNames.Of(method)}' needs bands");
        }
        var caps = node.Optional("caps")?.Items().Select(c => Cap(c, min, max)).ToList() ?? [];
        var key = node.Optional("key")?.Enum(Keys) ?? DiversityKey.None;
        if (method == ScoringMethod.Diversity && key == DiversityKey.None)
        {
            throw node.Fail("a diversity item needs key: jobType or employerSite");
        }
        var boundary = node.Optional("boundary") is { } bound
            ? new BoundaryRule(bound.Child("value").Integer(0), bound.Child("lowerScore").Integer(min, max), bound.Child("upperScore").Integer(min, max))
            : null;
        var setting = node.Optional("setting")?.Enum(new Dictionary<string, bool>(StringComparer.Ordinal) { ["team-integration"] = true }) ?? false;
        return new ScaleItem(itemCode, section.Text(), node.Child("name").Localised(), method,
            node.Child("sources").Texts(), anchors, bands, components, componentScores, caps)
        {
            DiversityKey = key,
            Boundary = boundary,
            UsesTeamIntegrationSetting = setting,
        };
    }

    private static bool NeedsBands(ScoringMethod method) => method is ScoringMethod.Caseload or ScoringMethod.MeanPercent
        or ScoringMethod.MedianDays or ScoringMethod.Diversity or ScoringMethod.CompetitiveShare or ScoringMethod.PercentBands;

    private static ItemCode Parse(YamlValue code)
    {
        try
        {
            return ItemCode.Parse(code.Text());
        }
        catch (FormatException e)
        {
            throw code.Fail(e.Message);
        }
    }

    private static int Score(string key, YamlValue at, int min, int max) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s >= min && s <= max
            ? s
            : throw at.Fail($"'{key}' is not a score {min}–{max}");

    private static int Count(string key, YamlValue at) =>
        int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw at.Fail($"'{key}' is not a count");

    /// <summary>
    /// Bands are written either upward by their top value ({max: 20, score: 5}, {max: 25, score: 4}, …) or downward by
    /// their bottom value ({min: 96, score: 5}, …), ending with an open band; this makes them contiguous by construction.
    /// </summary>
    private static List<ScoreBand> Bands(YamlValue node, int min, int max)
    {
        var entries = node.Items();
        var upward = entries[0].Has("max");
        var bands = new List<ScoreBand>();
        int? previous = null;
        foreach (var (entry, index) in entries.Select((e, i) => (e, i)))
        {
            entry.OnlyKeys("min", "max", "score");
            var score = entry.Child("score").Integer(min, max);
            var last = index == entries.Count - 1;
            var bound = last ? (int?)null : entry.Child(upward ? "max" : "min").Integer(0);
            if (last && (entry.Has("min") || entry.Has("max")))
            {
                throw entry.Fail("the last band is open: give only its score");
            }
            if (bound is { } value && previous is { } before && (upward ? value <= before : value >= before))
            {
                throw entry.Fail(upward ? "bands must rise: each max above the one before" : "bands must fall: each min below the one before");
            }
            bands.Add(upward ? new ScoreBand(previous + 1, bound, score) : new ScoreBand(bound, previous - 1, score));
            previous = bound;
        }
        return bands;
    }

    private static ScoreCap Cap(YamlValue node, int min, int max)
    {
        node.OnlyKeys("code", "max", "fixed", "line", "label");
        var capMax = node.Optional("max")?.Integer(min, max);
        var capFixed = node.Optional("fixed")?.Integer(min, max);
        if (capMax is null == capFixed is null)
        {
            throw node.Fail("a cap gives exactly one of max or fixed");
        }
        return new ScoreCap(node.Child("code").Text(), capMax, capFixed, node.Child("line").Text(), node.Child("label").Localised());
    }

    private static List<FidelityCategory> Categories(YamlValue node, int totalMin, int totalMax)
    {
        var categories = node.Items().Select(c =>
        {
            c.OnlyKeys("min", "max", "code", "label");
            return new FidelityCategory(c.Child("min").Integer(0), c.Child("max").Integer(0), c.Child("code").Text(), c.Child("label").Localised());
        }).OrderBy(c => c.Min).ToList();
        var expected = totalMin;
        foreach (var category in categories)
        {
            if (category.Min != expected || category.Max < category.Min)
            {
                throw node.Fail($"categories must cover every total {totalMin}–{totalMax} once; '{category.Code}' starts at {category.Min}, expected {expected}");
            }
            expected = category.Max + 1;
        }
        return expected == totalMax + 1 ? categories : throw node.Fail($"categories must end at the highest total {totalMax}");
    }
}
