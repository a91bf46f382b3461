namespace Trial.Analysis.Data;

/// <summary>Gives each distinct text a code in order of first appearance; a cell's text becomes a string once per distinct value.</summary>
internal sealed class LevelInterner
{
    private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly List<string> _levels = [];

    public LevelInterner()
    {
        _bySpan = _codes.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<string> Levels => _levels;

    public int Code(ReadOnlySpan<char> text)
    {
        if (_bySpan.TryGetValue(text, out var code))
        {
            return code;
        }
        var level = text.ToString();
        code = _levels.Count;
        _codes.Add(level, code);
        _levels.Add(level);
        return code;
    }
}
