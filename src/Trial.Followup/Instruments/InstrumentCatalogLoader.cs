using Trial.Protocol.Files;

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
            throw new ProtocolFileException(new ProtocolFileError(instrumentsDirectory, "$", null, "the instruments folder does not exist"));
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
            throw new ProtocolFileException(new ProtocolFileError(QuestionnairesFile, "$", null, "is required: it lists the instruments asked at each occasion"));
        }
        var root = YamlValue.Load(path);
        root.ExpectFormat(QuestionnairesFormat);
        var listed = root.Child("occasions");
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (occasion, node) in listed.Entries())
        {
            var entries = node.Items();
            foreach (var entry in entries)
            {
                if (!instruments.ContainsKey(entry.Text()))
                {
                    throw entry.Fail($"instrument '{entry.Text()}' has no file {entry.Text()}.yaml");
                }
            }
            result[occasion] = entries.Select(e => e.Text()).ToList();
        }
        return result.Count > 0 ? result : throw listed.Fail("must list at least one occasion");
    }
}
