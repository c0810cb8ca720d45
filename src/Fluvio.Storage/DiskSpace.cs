namespace Fluvio.Storage;

/// <summary>
/// Recognises "the disk is full" among I/O failures. It is the one failure the writer treats as
/// passing: the file is intact up to what was acknowledged, and appends work again once an
/// operator frees space. Every other I/O error may mean lost writes, so it stops the partition.
/// </summary>
internal static class DiskSpace
{
    // .NET puts the raw errno (Unix) or the HRESULT of the Win32 error (Windows) in HResult.
    private const int ENOSPC = 28;          // Linux and macOS
    private const int EDQUOT_LINUX = 122;
    private const int EDQUOT_MACOS = 69;
    private const int ERROR_DISK_FULL = unchecked((int)0x80070070);
    private const int ERROR_HANDLE_DISK_FULL = unchecked((int)0x80070027);

    public static bool IsExhausted(Exception? failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            if (e is IOException io && io.HResult is ENOSPC or ERROR_DISK_FULL or ERROR_HANDLE_DISK_FULL
                || e is IOException quota && quota.HResult == (OperatingSystem.IsMacOS() ? EDQUOT_MACOS : EDQUOT_LINUX))
            {
                return true;
            }
        }
        return false;
    }
}
