using System.Runtime.InteropServices;

namespace Trial.Analysis.Numerics;

/// <summary>
/// Allocation of the n-length arrays of a large fit: columns read from a file, factor codes, demeaned columns of a
/// 10⁷-row panel, demeaning scratch. Writing fresh memory
/// for the first time costs one page fault per 4 KiB page, which on Linux took longer than the arithmetic (1.3 s of
/// CPU for 290 MB on the shared 2-core machine). Arrays of at least <see cref="HugePageBytes"/> are therefore allocated
/// unmoving (pinned object heap) and offered to transparent huge pages with madvise(MADV_HUGEPAGE), which the kernel
/// honours when THP is in "madvise" or "always" mode: one fault per 2 MiB. The advice is only a hint; where it is not
/// available (other systems, THP off) the array is the same, only slower to touch first.
/// </summary>
internal static class LargeArrays
{
    private const int HugePageBytes = 1 << 21;
    private const int MadviseHugePage = 14;

    /// <summary>An uninitialised array of <paramref name="length"/> doubles (every element must be written before it is read).</summary>
    public static double[] Uninitialized(int length) => Uninitialized<double>(length);

    /// <summary>An uninitialised array of <paramref name="length"/> elements (every element must be written before it is read).</summary>
    public static T[] Uninitialized<T>(int length) where T : unmanaged
    {
        var bytes = (long)length * Marshal.SizeOf<T>();
        if (bytes < 4L * HugePageBytes || !OperatingSystem.IsLinux())
        {
            return GC.AllocateUninitializedArray<T>(length);
        }
        var array = GC.AllocateUninitializedArray<T>(length, pinned: true);
        var start = (long)Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        var end = start + bytes;
        var alignedStart = (start + HugePageBytes - 1) & ~(long)(HugePageBytes - 1);
        var alignedEnd = end & ~(long)(HugePageBytes - 1);
        try
        {
            _ = Madvise((nint)alignedStart, (nuint)(alignedEnd - alignedStart), MadviseHugePage);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // No libc madvise: keep the ordinary pages.
        }
        return array;
    }

    /// <summary>A larger copy of the first <paramref name="count"/> elements of <paramref name="array"/> (growing a buffer).</summary>
    public static T[] Resized<T>(T[] array, int count, int length) where T : unmanaged
    {
        var larger = Uninitialized<T>(length);
        array.AsSpan(0, count).CopyTo(larger);
        return larger;
    }

    // DllImport rather than LibraryImport: the signature is blittable and the project does not allow unsafe code.
    [DllImport("libc", EntryPoint = "madvise")]
#pragma warning disable SYSLIB1054
    private static extern int Madvise(nint address, nuint length, int advice);
#pragma warning restore SYSLIB1054
}
