using NodaTime;

namespace Trial.Demo.Clock;

/// <summary>
/// The service's clock during a simulated trial: the demo moves it forward day by day from October 2013, and the
/// host reads it wherever it reads "now" (randomisation date, occasion windows, outbox hours, export time).
/// Moving it backwards is refused, as time in a trial never runs back.
/// </summary>
internal sealed class VirtualClock(Instant start) : IClock
{
    private long _ticks = start.ToUnixTimeTicks();

    public Instant GetCurrentInstant() => Instant.FromUnixTimeTicks(Interlocked.Read(ref _ticks));

    public void MoveTo(Instant instant)
    {
        if (instant < GetCurrentInstant())
        {
            throw new InvalidOperationException($"The virtual clock only moves forward (now {GetCurrentInstant()}, asked for {instant}).");
        }
        Interlocked.Exchange(ref _ticks, instant.ToUnixTimeTicks());
    }
}
