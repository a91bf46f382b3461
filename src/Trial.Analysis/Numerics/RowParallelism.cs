namespace Trial.Analysis.Numerics;

/// <summary>
/// How many cores a loop over the rows of a model may use. Below <see cref="ParallelRows"/> rows it runs on the
/// calling thread: the parts and their order, so the arithmetic, are the same, but a small model does not hand work
/// to the thread pool and wake a second worker. The analysis plan fits hundreds of such models (a few hundred to
/// 30,000 rows) while two analyses already keep both cores busy; every hand-off was a context switch.
/// </summary>
internal static class RowParallelism
{
    public const int ParallelRows = 32_768;

    /// <summary>One worker below <see cref="ParallelRows"/> rows, else one per core.</summary>
    public static ParallelOptions For(long rows) => new() { MaxDegreeOfParallelism = rows < ParallelRows ? 1 : Environment.ProcessorCount };
}
