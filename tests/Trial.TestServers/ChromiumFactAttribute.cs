using Xunit;

namespace Trial.TestServers;

/// <summary>A fact that needs /usr/bin/chromium; skipped with a clear reason when it is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (!ChromiumBrowser.Installed)
        {
            Skip = $"Chromium is not installed at {ChromiumBrowser.Executable}; ./test.sh installs it (apt-get install chromium).";
        }
    }
}
