using System.Globalization;

namespace Trial.Enrollment.Bench;

/// <summary>Busy CPU seconds of the whole machine since boot (Linux /proc/stat), and the 1-minute load average.</summary>
internal static class MachineCpu
{
    public static double BusySeconds()
    {
        if (!File.Exists("/proc/stat"))
        {
            return double.NaN;
        }
        // cpu  user nice system idle iowait irq softirq steal …, in clock ticks (USER_HZ = 100 on Linux).
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var busy = fields.Sum() - fields[3] - fields[4];
        return busy / 100.0;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
}
