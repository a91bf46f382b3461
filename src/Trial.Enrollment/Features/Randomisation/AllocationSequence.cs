using System.Collections.Concurrent;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Features.Randomisation;

/// <summary>
/// Stratified permuted blocks with random block sizes, generated from the statistician's seed. Each
/// (stratum, period) has its own sequence: a period change starts a fresh sequence with the new ratio, so every
/// block is balanced for the ratio it was drawn under. Expanded lazily and cached; the database decides which slot
/// a randomisation takes.
/// </summary>
internal sealed class AllocationSequence(byte[] seed, BlockDesign design)
{
    private readonly ConcurrentDictionary<(string Stratum, PeriodCode Period), Expansion> _expansions = new();

    public SequenceSlot At(string stratum, AllocationPeriod period, int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        var expansion = _expansions.GetOrAdd((stratum, period.Code),
            key => new Expansion(new SeededStream(seed, $"{key.Stratum}|{key.Period}"), design, period.Ratio));
        return expansion.At(slot);
    }

    private sealed class Expansion(SeededStream stream, BlockDesign design, AllocationRatio ratio)
    {
        private readonly List<SequenceSlot> _slots = [];
        private readonly Lock _gate = new();

        public SequenceSlot At(int slot)
        {
            lock (_gate)
            {
                while (_slots.Count <= slot)
                {
                    AppendBlock();
                }
                return _slots[slot];
            }
        }

        private void AppendBlock()
        {
            var multiples = design.MinMultiples + stream.NextInt(design.MaxMultiples - design.MinMultiples + 1);
            var arms = ratio.Weights.SelectMany(w => Enumerable.Repeat(w.Arm, w.Weight * multiples)).ToArray();
            for (var i = arms.Length - 1; i > 0; i--)
            {
                var j = stream.NextInt(i + 1);
                (arms[i], arms[j]) = (arms[j], arms[i]);
            }
            var block = _slots.Count == 0 ? 1 : _slots[^1].Block + 1;
            foreach (var arm in arms)
            {
                _slots.Add(new SequenceSlot(_slots.Count, arm, block, arms.Length));
            }
        }
    }
}
