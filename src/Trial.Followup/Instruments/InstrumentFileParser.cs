using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Trial.Followup.Instruments;

/// <summary>Parses and validates one instrument file (format trial-instrument, version 1).</summary>
internal static partial class InstrumentFileParser
{
    public const string Format = "trial-instrument";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex CodePattern();

    public static InstrumentDefinition Parse(string path)
    {
        var (reader, root) = YamlFileReader.Open(path);
        reader.Expect(root, "$", "format", Format);
        if (reader.Int(root, "$", "formatVersion") != 1)
        {
            throw reader.Fail("$.formatVersion", "must be 1");
        }
        var code = Code(reader, root, "$");
        var expectedCode = System.IO.Path.GetFileNameWithoutExtension(path);
        if (!string.Equals(code, expectedCode, StringComparison.Ordinal))
        {
            throw reader.Fail("$.code", $"must equal the file name '{expectedCode}'");
        }
        var textSource = reader.String(root, "$", "text") switch
        {
            "open" => InstrumentTextSource.Open,
            "licensed-placeholder" => InstrumentTextSource.LicensedPlaceholder,
            var other => throw reader.Fail("$.text", $"must be 'open' or 'licensed-placeholder', found '{other}'"),
        };
        var optionSets = OptionSets(reader, root);
        var items = Items(reader, root, optionSets);
        var scales = Scales(reader, root, items);
        return new InstrumentDefinition(
            code,
            reader.String(root, "$", "version"),
            reader.Text(root, "$", "title"),
            reader.OptionalText(root, "$", "instructions"),
            reader.String(root, "$", "reference"),
            textSource,
            items,
            scales);
    }

    internal static string Code(YamlFileReader reader, YamlMappingNode map, string path)
    {
        var code = reader.String(map, path, "code");
        return CodePattern().IsMatch(code) ? code : throw reader.Fail($"{path}.code", $"'{code}' must be lower-case letters, digits and '-'");
    }

    private static Dictionary<string, IReadOnlyList<ResponseOption>> OptionSets(YamlFileReader reader, YamlMappingNode root)
    {
        var sets = new Dictionary<string, IReadOnlyList<ResponseOption>>(StringComparer.Ordinal);
        if (reader.Optional(root, "option-sets") is not { } node)
        {
            return sets;
        }
        foreach (var (key, value) in reader.Map(node, "$.option-sets").Children)
        {
            var name = ((YamlScalarNode)key).Value ?? "";
            sets[name] = Options(reader, value, $"$.option-sets.{name}");
        }
        return sets;
    }

    private static List<ResponseOption> Options(YamlFileReader reader, YamlNode node, string path)
    {
        var list = reader.Sequence(node, path);
        var options = new List<ResponseOption>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var p = $"{path}[{i}]";
            var map = reader.Map(list.Children[i], p);
            var option = new ResponseOption(reader.Int(map, p, "value"), reader.Text(map, p, "label"));
            if (options.Any(o => o.Value == option.Value))
            {
                throw reader.Fail($"{p}.value", $"value {option.Value} appears twice");
            }
            options.Add(option);
        }
        return options.Count >= 2 ? options : throw reader.Fail(path, "must list at least two options");
    }

    private static List<ItemDefinition> Items(YamlFileReader reader, YamlMappingNode root, Dictionary<string, IReadOnlyList<ResponseOption>> optionSets)
    {
        var list = reader.Sequence(root, "$", "items");
        var items = new List<ItemDefinition>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var p = $"$.items[{i}]";
            var map = reader.Map(list.Children[i], p);
            var code = Code(reader, map, p);
            if (items.Any(x => string.Equals(x.Code, code, StringComparison.Ordinal)))
            {
                throw reader.Fail($"{p}.code", $"item '{code}' appears twice");
            }
            var requirement = reader.OptionalString(map, p, "required") switch
            {
                null or "true" => ItemRequirement.Required,
                "false" => ItemRequirement.Optional,
                var other => throw reader.Fail($"{p}.required", $"must be true or false, found '{other}'"),
            };
            items.Add(Item(reader, map, p, code, requirement, optionSets));
        }
        return items.Count > 0 ? items : throw reader.Fail("$.items", "must list at least one item");
    }

    private static ItemDefinition Item(YamlFileReader reader, YamlMappingNode map, string p, string code, ItemRequirement requirement, Dictionary<string, IReadOnlyList<ResponseOption>> optionSets)
    {
        var text = reader.Text(map, p, "text");
        var optionsNode = reader.Optional(map, "options");
        var integerNode = reader.Optional(map, "integer");
        if ((optionsNode is null) == (integerNode is null))
        {
            throw reader.Fail(p, "must have exactly one of 'options' or 'integer'");
        }
        if (optionsNode is not null)
        {
            IReadOnlyList<ResponseOption> options = optionsNode is YamlScalarNode { Value: { } setName }
                ? optionSets.GetValueOrDefault(setName) ?? throw reader.Fail($"{p}.options", $"option set '{setName}' is not declared under option-sets")
                : Options(reader, optionsNode, $"{p}.options");
            return new ItemDefinition(code, text, ItemResponseKind.Choice, options, options.Min(o => o.Value), options.Max(o => o.Value), requirement, null, null);
        }
        var range = reader.Map(integerNode!, $"{p}.integer");
        var min = reader.Int(range, $"{p}.integer", "min");
        var max = reader.Int(range, $"{p}.integer", "max");
        if (max <= min)
        {
            throw reader.Fail($"{p}.integer.max", $"must be greater than min ({min})");
        }
        return new ItemDefinition(code, text, ItemResponseKind.Integer, [], min, max, requirement,
            reader.OptionalText(range, $"{p}.integer", "min-label"), reader.OptionalText(range, $"{p}.integer", "max-label"));
    }

    private static List<ScaleDefinition> Scales(YamlFileReader reader, YamlMappingNode root, List<ItemDefinition> items)
    {
        var list = reader.Sequence(root, "$", "scales");
        var scales = new List<ScaleDefinition>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var p = $"$.scales[{i}]";
            var map = reader.Map(list.Children[i], p);
            var code = Code(reader, map, p);
            if (scales.Any(s => string.Equals(s.Code, code, StringComparison.Ordinal)))
            {
                throw reader.Fail($"{p}.code", $"scale '{code}' appears twice");
            }
            var hasItems = reader.Optional(map, "items") is not null;
            if (hasItems == (reader.Optional(map, "parts") is not null))
            {
                throw reader.Fail(p, "must have exactly one of 'items' or 'parts'");
            }
            var scale = hasItems ? ItemScale(reader, map, p, code, items) : CompositeScale(reader, map, p, code, scales);
            CheckRange(reader, map, p, scale, items, scales);
            scales.Add(scale);
        }
        var unscored = items.FirstOrDefault(item => !scales.Any(s => s.Items.Contains(item.Code)));
        return unscored is null ? scales : throw reader.Fail("$.scales", $"item '{unscored.Code}' is in no scale");
    }

    private static ScaleDefinition ItemScale(YamlFileReader reader, YamlMappingNode map, string p, string code, List<ItemDefinition> items)
    {
        var codes = reader.Codes(map, p, "items");
        for (var j = 0; j < codes.Count; j++)
        {
            if (!items.Any(x => string.Equals(x.Code, codes[j], StringComparison.Ordinal)))
            {
                throw reader.Fail($"{p}.items[{j}]", $"item '{codes[j]}' is not declared under items");
            }
            if (codes.Take(j).Contains(codes[j], StringComparer.Ordinal))
            {
                throw reader.Fail($"{p}.items[{j}]", $"item '{codes[j]}' appears twice");
            }
        }
        var missing = reader.Map(map, p, "missing");
        var rule = reader.String(missing, $"{p}.missing", "rule") switch
        {
            "all-required" => MissingItemRule.AllRequired,
            "prorate-by-mean" => MissingItemRule.ProrateByMean,
            var other => throw reader.Fail($"{p}.missing.rule", $"must be 'all-required' or 'prorate-by-mean', found '{other}'"),
        };
        var maxMissing = rule == MissingItemRule.ProrateByMean ? reader.Int(missing, $"{p}.missing", "max-missing") : 0;
        if (rule == MissingItemRule.ProrateByMean && (maxMissing < 1 || maxMissing >= codes.Count))
        {
            throw reader.Fail($"{p}.missing.max-missing", $"must be between 1 and {codes.Count - 1} (one less than the scale's item count)");
        }
        var transform = reader.OptionalString(map, p, "transform") switch
        {
            null or "none" => ScaleTransform.None,
            "percent-of-range" => ScaleTransform.PercentOfRange,
            var other => throw reader.Fail($"{p}.transform", $"must be 'none' or 'percent-of-range', found '{other}'"),
        };
        var range = reader.Map(map, p, "range");
        return new ScaleDefinition(code, reader.Text(map, p, "title"), codes, [], rule, maxMissing, transform,
            reader.Decimal(range, $"{p}.range", "min"), reader.Decimal(range, $"{p}.range", "max"));
    }

    private static ScaleDefinition CompositeScale(YamlFileReader reader, YamlMappingNode map, string p, string code, List<ScaleDefinition> earlier)
    {
        var parts = reader.Codes(map, p, "parts");
        for (var j = 0; j < parts.Count; j++)
        {
            if (!earlier.Any(s => string.Equals(s.Code, parts[j], StringComparison.Ordinal)))
            {
                throw reader.Fail($"{p}.parts[{j}]", $"scale '{parts[j]}' must be declared before this scale");
            }
        }
        var range = reader.Map(map, p, "range");
        return new ScaleDefinition(code, reader.Text(map, p, "title"), [], parts, MissingItemRule.AllRequired, 0, ScaleTransform.None,
            reader.Decimal(range, $"{p}.range", "min"), reader.Decimal(range, $"{p}.range", "max"));
    }

    /// <summary>The declared range must be what the items and transform can actually produce.</summary>
    private static void CheckRange(YamlFileReader reader, YamlMappingNode map, string p, ScaleDefinition scale, List<ItemDefinition> items, List<ScaleDefinition> earlier)
    {
        _ = map;
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
            throw reader.Fail($"{p}.range", $"declared {scale.Minimum}–{scale.Maximum} but the items give {low}–{high}");
        }
    }
}
