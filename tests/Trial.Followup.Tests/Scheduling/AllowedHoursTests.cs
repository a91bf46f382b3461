using NodaTime;
using Trial.Followup.Scheduling.Protocol;
using Trial.Followup.Tests.Support;

namespace Trial.Followup.Tests.Scheduling;

/// <summary>09:00–20:00 in Europe/Oslo around the 2014 transitions (30 March 02:00→03:00, 26 October 03:00→02:00).</summary>
public sealed class AllowedHoursTests
{
    private static readonly AllowedHours Hours = TestProtocol.IpsNorway.AllowedHours;
    private static readonly DateTimeZone Zone = Participants.Oslo;

    [Fact]
    public void Contains_NineThirtyOnSpringForwardDay_IsSevenThirtyUtc() =>
        Assert.True(Hours.Contains(Instant.FromUtc(2014, 3, 30, 7, 30), Zone));

    [Fact]
    public void Contains_SevenThirtyUtcDayBeforeSpringForward_IsEightThirtyLocalAndOutside() =>
        Assert.False(Hours.Contains(Instant.FromUtc(2014, 3, 29, 7, 30), Zone));

    [Fact]
    public void Contains_EighteenThirtyUtcDayBeforeFallBack_IsEightThirtyPmLocalAndOutside() =>
        Assert.False(Hours.Contains(Instant.FromUtc(2014, 10, 25, 18, 30), Zone));

    [Fact]
    public void Contains_EighteenThirtyUtcOnFallBackDay_IsSevenThirtyPmLocalAndInside() =>
        Assert.True(Hours.Contains(Instant.FromUtc(2014, 10, 26, 18, 30), Zone));

    [Fact]
    public void EarliestFrom_EveningBeforeSpringForward_IsNineCestNextMorning() =>
        Assert.Equal(Instant.FromUtc(2014, 3, 30, 7, 0), Hours.EarliestFrom(Oslo.At(2014, 3, 29, 21), Zone));

    [Fact]
    public void EarliestFrom_NightOfFallBack_IsNineCetThatMorning() =>
        Assert.Equal(Instant.FromUtc(2014, 10, 26, 8, 0), Hours.EarliestFrom(Instant.FromUtc(2014, 10, 26, 1, 30), Zone));

    [Fact]
    public void EarliestFrom_InsideHours_IsUnchanged() =>
        Assert.Equal(Oslo.At(2014, 5, 2, 12), Hours.EarliestFrom(Oslo.At(2014, 5, 2, 12), Zone));

    [Fact]
    public void EarliestFrom_StartInsideGapOfSingleTransitionZone_MovesPastGap()
    {
        // A zone whose only transition skips 09:00–10:00 local on the transition day.
        var transition = Instant.FromUtc(2020, 1, 1, 9, 0);
        var zone = new NodaTime.Testing.TimeZones.SingleTransitionDateTimeZone(transition, Offset.Zero, Offset.FromHours(1));

        var earliest = Hours.EarliestFrom(Instant.FromUtc(2020, 1, 1, 3, 0), zone);

        Assert.Equal(transition, earliest);
    }
}
