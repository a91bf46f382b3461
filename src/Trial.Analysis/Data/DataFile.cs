namespace Trial.Analysis.Data;

/// <summary>Reads a data file by its extension: <c>.parquet</c> with <see cref="ParquetFileReader"/>, anything else as CSV.</summary>
public static class DataFile
{
    public static DataFrame Read(string path, CsvReadOptions options, out IReadOnlyDictionary<string, int> strayCells)
    {
        if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase))
        {
            return ParquetFileReader.ReadFile(path, options, out strayCells);
        }
        // ReadFile, not Read on a stream: a large file is parsed on every core (one sequential pass otherwise).
        return CsvReader.ReadFile(path, options, out strayCells);
    }
}
