using Trial.Enrollment.Features.Randomisation;
using Trial.Enrollment.Protocol;

namespace Trial.Enrollment.Tests.Features.Randomisation;

public class AllocationSequenceTests
{
    private static readonly TrialProtocol Protocol = ProtocolLoader.Load(RepositoryPaths.IpsProtocol);
    private static readonly AllocationPeriod TwoToOne = Protocol.Periods[0];
    private static readonly byte[] Seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    private static List<SequenceSlot> Take(byte[] seed, string stratum, AllocationPeriod period, int n)
    {
        var sequence = new AllocationSequence(seed, Protocol.Blocks);
        return Enumerable.Range(0, n).Select(i => sequence.At(stratum, period, i)).ToList();
    }

    [Fact]
    public void At_SameSeed_GivesSameSequence() =>
        Assert.Equal(Take(Seed, "oslo", TwoToOne, 200), Take(Seed, "oslo", TwoToOne, 200));

    [Fact]
    public void At_OtherSeed_GivesOtherSequence() =>
        Assert.NotEqual(Take(Seed, "oslo", TwoToOne, 60).Select(s => s.Arm), Take([9, 9, 9], "oslo", TwoToOne, 60).Select(s => s.Arm));

    [Fact]
    public void At_OtherStratum_GivesIndependentSequence() =>
        Assert.NotEqual(Take(Seed, "oslo", TwoToOne, 60).Select(s => s.Arm), Take(Seed, "hadeland", TwoToOne, 60).Select(s => s.Arm));

    [Fact]
    public void Blocks_AtTwoToOne_HoldTwiceAsManyIpsAndWholeMultiples()
    {
        foreach (var block in Take(Seed, "oslo", TwoToOne, 900).GroupBy(s => s.Block).SkipLast(1))
        {
            var size = block.First().BlockSize;
            Assert.Contains(size, new[] { 3, 6, 9 });
            Assert.Equal(size, block.Count());
            Assert.Equal(2 * size / 3, block.Count(s => s.Arm.Value == "ips"));
        }
    }

    [Fact]
    public void BlockSizes_OverManyBlocks_UseEveryAllowedMultiple()
    {
        var sizes = Take(Seed, "oslo", Protocol.Periods[1], 1000).Select(s => s.BlockSize).Distinct().Order();
        Assert.Equal([2, 4, 6], sizes);
    }

    [Fact]
    public void Slots_AreNumberedContiguously() =>
        Assert.Equal(Enumerable.Range(0, 50), Take(Seed, "oslo", TwoToOne, 50).Select(s => s.Slot));
}
