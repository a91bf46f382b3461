namespace Trial.Followup.Bench;

internal static class BenchmarkCommand
{
    public static Task<int> RunAsync(IReadOnlyDictionary<string, string> args)
    {
        _ = args;
        Console.Error.WriteLine("benchmark: not yet");
        return Task.FromResult(1);
    }
}
