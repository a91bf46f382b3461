using System.Text.RegularExpressions;
using Trial.Protocol.Files;

namespace Trial.Followup.Instruments;

/// <summary>Parses and validates one instrument file (format trial-instrument, version 1).</summary>
internal static partial class InstrumentFileParser
{
    public const string Format = "trial-instrument";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();

    public static InstrumentDefinition Parse(string path)
    {
        var root = YamlValue.Load(path);
        root.ExpectFormat(Format);
        var code = Code(root);
        var expectedCode = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(code, expectedCode, StringComparison.Ordinal))
        {
            throw root.Child("code").Fail($"must equal the file name '{expectedCode}'");
        }
        var textSource = root.Child("text").Enum(TextSources);
        var optionSets = OptionSets(root);
        var items = Items(root, optionSets);
        var scales = Scales(root, items);
        return new InstrumentDefinition(
            code,
            root.Child("version").Text(),
            root.Child("title").Wording(),
            root.OptionalWording("instructions"),
            root.Child("reference").Text(),
            textSource,
            items,
            scales);
    }

    private static readonly Dictionary<string, InstrumentTextSource> TextSources = new(StringComparer.Ordinal)
    {
        ["open"] = InstrumentTextSource.Open,
        ["licensed-placeholder"] = InstrumentTextSource.LicensedPlaceholder,
    };

    private static readonly Dictionary<string, MissingItemRule> MissingRules = new(StringComparer.Ordinal)
    {
        ["all-required"] = MissingItemRule.AllRequired,
        ["prorate-by-mean"] = MissingItemRule.ProrateByMean,
    };

    private static readonly Dictionary<string, ScaleTransform> Transforms = new(StringComparer.Ordinal)
    {
        ["none"] = ScaleTransform.None,
        ["percent-of-range"] = ScaleTransform.PercentOfRange,
    };

    internal static string Code(YamlValue map)
    {
        var node = map.Child("code");
        var code = node.Text();
        return CodePattern().IsMatch(code) ? code : throw node.Fail($"'{code}' must be lower-case letters, digits and '-'");
    }

    private static Dictionary<string, IReadOnlyList<ResponseOption>> OptionSets(YamlValue root)
    {
        var sets = new Dictionary<string, IReadOnlyList<ResponseOption>>(StringComparer.Ordinal);
        foreach (var (name, value) in root.Optional("option-sets")?.Entries() ?? [])
        {
            sets[name] = Options(value);
        }
        return sets;
    }

    private static List<ResponseOption> Options(YamlValue node)
    {
        var options = new List<ResponseOption>();
        foreach (var entry in node.Items())
        {
            var option = new ResponseOption(entry.Child("value").Integer(), entry.Child("label").Wording());
            if (options.Any(o => o.Value == option.Value))
            {
                throw entry.Child("value").Fail($"value {option.Value} appears twice");
            }
            options.Add(option);
        }
        return options.Count >= 2 ? options : throw node.Fail("must list at least two options");
    }

    private static List<ItemDefinition> Items(YamlValue root, Dictionary<string, IReadOnlyList<ResponseOption>> optionSets)
    {
        var list = root.Child("items");
        var items = new List<ItemDefinition>();
        foreach (var entry in list.Items())
        {
            var code = Code(entry);
            if (items.Any(x => string.Equals(x.Code, code, StringComparison.Ordinal)))
            {
                throw entry.Child("code").Fail($"item '{code}' appears twice");
            }
            var required = entry.Optional("required")?.Boolean() ?? true;
            items.Add(Item(entry, code, required ? ItemRequirement.Required : ItemRequirement.Optional, optionSets));
        }
        return items.Count > 0 ? items : throw list.Fail("must list at least one item");
    }

    private static ItemDefinition Item(YamlValue entry, string code, ItemRequirement requirement, Dictionary<string, IReadOnlyList<ResponseOption>> optionSets)
    {
        var text = entry.Child("text").Wording();
        var optionsNode = entry.Optional("options");
        var integerNode = entry.Optional("integer");
        if ((optionsNode is null) == (integerNode is null))
        {
            throw entry.Fail("must have exactly one of 'options' or 'integer'");
        }
        if (optionsNode is not null)
        {
            IReadOnlyList<ResponseOption> options = optionsNode.IsList
                ? Options(optionsNode)
                : optionSets.GetValueOrDefault(optionsNode.Text()) ?? throw optionsNode.Fail($"option set '{optionsNode.Text()}' is not declared under option-sets");
            return new ItemDefinition(code, text, ItemResponseKind.Choice, options, options.Min(o => o.Value), options.Max(o => o.Value), requirement, null, null);
        }
        var min = integerNode!.Child("min").Integer();
        var max = integerNode.Child("max").Integer();
        if (max <= min)
        {
            throw integerNode.Child("max").Fail($"must be greater than min ({min})");
        }
        return new ItemDefinition(code, text, ItemResponseKind.Integer, [], min, max, requirement,
            integerNode.OptionalWording("min-label"), integerNode.OptionalWording("max-label"));
    }

    private static List<ScaleDefinition> Scales(YamlValue root, List<ItemDefinition> items)
    {
        var list = root.Child("scales");
        var scales = new List<ScaleDefinition>();
        foreach (var entry in list.Items())
        {
            var code = Code(entry);
            if (scales.Any(s => string.Equals(s.Code, code, StringComparison.Ordinal)))
            {
                throw entry.Child("code").Fail($"scale '{code}' appears twice");
            }
            var hasItems = entry.Has("items");
            if (hasItems == entry.Has("parts"))
            {
                throw entry.Fail("must have exactly one of 'items' or 'parts'");
            }
            var scale = hasItems ? ItemScale(entry, code, items) : CompositeScale(entry, code, scales);
            CheckRange(entry, scale, items, scales);
            scales.Add(scale);
        }
        var unscored = items.FirstOrDefault(item => !scales.Any(s => s.Items.Contains(item.Code)));
        return unscored is null ? scales : throw list.Fail($"item '{unscored.Code}' is in no scale");
    }

    private static ScaleDefinition ItemScale(YamlValue entry, string code, List<ItemDefinition> items)
    {
        var listed = entry.Child("items").Items();
        var codes = listed.Select(c => c.Text()).ToList();
        for (var j = 0; j < codes.Count; j++)
        {
            if (!items.Any(x => string.Equals(x.Code, codes[j], StringComparison.Ordinal)))
            {
                throw listed[j].Fail($"item '{codes[j]}' is not declared under items");
            }
            if (codes.Take(j).Contains(codes[j], StringComparer.Ordinal))
            {
                throw listed[j].Fail($"item '{codes[j]}' appears twice");
            }
        }
        var missing = entry.Child("missing");
        var rule = missing.Child("rule").Enum(MissingRules);
        var maxMissing = rule == MissingItemRule.ProrateByMean ? missing.Child("max-missing").Integer() : 0;
        if (rule == MissingItemRule.ProrateByMean && (maxMissing < 1 || maxMissing >= codes.Count))
        {
            throw missing.Child("max-missing").Fail($"must be between 1 and {codes.Count - 1} (one less than the scale's item count)");
        }
        var transform = entry.Optional("transform")?.Enum(Transforms) ?? ScaleTransform.None;
        var range = entry.Child("range");
        return new ScaleDefinition(code, entry.Child("title").Wording(), codes, [], rule, maxMissing, transform,
            range.Child("min").Decimal(), range.Child("max").Decimal());
    }

    private static ScaleDefinition CompositeScale(YamlValue entry, string code, List<ScaleDefinition> earlier)
    {
        var listed = entry.Child("parts").Items();
        var parts = listed.Select(c => c.Text()).ToList();
        for (var j = 0; j < parts.Count; j++)
        {
            if (!earlier.Any(s => string.Equals(s.Code, parts[j], StringComparison.Ordinal)))
            {
                throw listed[j].Fail($"scale '{parts[j]}' must be declared before this scale");
            }
        }
        var range = entry.Child("range");
        return new ScaleDefinition(code, entry.Child("title").Wording(), [], parts, MissingItemRule.AllRequired, 0, ScaleTransform.None,
            range.Child("min").Decimal(), range.Child("max").Decimal());
    }

    /// <summary>The declared range must be what the items and transform can actually produce.</summary>
    private static void CheckRange(YamlValue entry, ScaleDefinition scale, List<ItemDefinition> items, List<ScaleDefinition> earlier)
    {
        decimal low, high;
        if (scale.Parts.Count > 0)
        {
            var parts = scale.Parts.Select(c => earlier.First(s => string.Equals(s.Code, c, StringComparison.Ordinal))).ToList();
            (low, high) = (parts.Sum(s => s.Minimum), parts.Sum(s => s.Maximum));
        }
        else if (scale.Transform == ScaleTransform.PercentOfRange)
        {
            (low, high) = (0m, 100m);
        }
        else
        {
            var members = scale.Items.Select(c => items.First(x => string.Equals(x.Code, c, StringComparison.Ordinal))).ToList();
            (low, high) = (members.Sum(x => x.Minimum), members.Sum(x => x.Maximum));
        }
        if (scale.Minimum != low || scale.Maximum != high)
        {
            throw entry.Child("range").Fail($"declared {scale.Minimum}–{scale.Maximum} but the items give {low}–{high}");
        }
    }
}
