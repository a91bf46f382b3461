using YamlDotNet.RepresentationModel;

namespace Trial.Followup.Instruments;

/// <summary>
/// Loads protocol/&lt;trial&gt;/instruments: every &lt;code&gt;.yaml instrument, questionnaires.yaml (instruments per
/// occasion), and, for licensed instruments, the trial's wording file &lt;code&gt;.yaml from the licensed-text folder
/// when it exists. Any rule broken throws <see cref="InstrumentFileException"/> naming file, path and rule.
/// </summary>
public static class InstrumentCatalogLoader
{
    public const string QuestionnairesFile = "questionnaires.yaml";
    public const string QuestionnairesFormat = "trial-questionnaires";

    public static InstrumentCatalog Load(string instrumentsDirectory, string? licensedTextDirectory)
    {
        if (!Directory.Exists(instrumentsDirectory))
        {
            throw new InstrumentFileException(instrumentsDirectory, "$", "the instruments folder does not exist");
        }
        var instruments = new Dictionary<string, InstrumentDefinition>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(instrumentsDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (string.Equals(Path.GetFileName(file), QuestionnairesFile, StringComparison.Ordinal))
            {
                continue;
            }
            var instrument = InstrumentFileParser.Parse(file);
            var licensed = licensedTextDirectory is null ? null : Path.Combine(licensedTextDirectory, instrument.Code + ".yaml");
            if (licensed is not null && File.Exists(licensed))
            {
                instrument = LicensedTextParser.Apply(instrument, licensed);
            }
            instruments.Add(instrument.Code, instrument);
        }
        var occasions = Occasions(Path.Combine(instrumentsDirectory, QuestionnairesFile), instruments);
        return new InstrumentCatalog(instruments, occasions);
    }

    private static Dictionary<string, IReadOnlyList<string>> Occasions(string path, Dictionary<string, InstrumentDefinition> instruments)
    {
        if (!File.Exists(path))
        {
            throw new InstrumentFileException(QuestionnairesFile, "$", "is required: it lists the instruments asked at each occasion");
        }
        var (reader, root) = YamlFileReader.Open(path);
        reader.Expect(root, "$", "format", QuestionnairesFormat);
        if (reader.Int(root, "$", "formatVersion") != 1)
        {
            throw reader.Fail("$.formatVersion", "must be 1");
        }
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, _) in reader.Map(root, "$", "occasions").Children)
        {
            var occasion = ((YamlScalarNode)key).Value ?? "";
            var codes = reader.Codes(reader.Map(root, "$", "occasions"), "$.occasions", occasion);
            for (var i = 0; i < codes.Count; i++)
            {
                if (!instruments.ContainsKey(codes[i]))
                {
                    throw reader.Fail($"$.occasions.{occasion}[{i}]", $"instrument '{codes[i]}' has no file {codes[i]}.yaml");
                }
            }
            result[occasion] = codes;
        }
        return result.Count > 0 ? result : throw reader.Fail("$.occasions", "must list at least one occasion");
    }
}
