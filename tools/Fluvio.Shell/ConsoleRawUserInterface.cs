using System.Management.Automation.Host;

namespace Fluvio.Shell;

/// <summary>A fixed-size console: formatting needs a width, nothing here draws on the screen.</summary>
internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    private static readonly Size Window = new(Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth), 50);

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.White;
    public override Size BufferSize { get => Window; set { } }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; }
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => Window;
    public override Size MaxWindowSize => Window;
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => Window; set { } }
    public override string WindowTitle { get; set; } = "fluvio-shell";

    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
