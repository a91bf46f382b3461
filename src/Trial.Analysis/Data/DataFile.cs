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
        if (!File.Exists(path))
        {
            throw new Spec.ModelInputException($"data: file '{path}' does not exist");
        }
        using var reader = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return CsvReader.Read(reader, path, options, out strayCells);
    }
}
