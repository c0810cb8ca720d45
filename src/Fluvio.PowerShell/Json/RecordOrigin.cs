using Fluvio.Protocol.Records;
using System.Management.Automation;
using System.Text;
using Fluvio.Client;

namespace Fluvio.PowerShell;

/// <summary>
/// Receive-FluvioRecord -AsJson writes the parsed value, not the record; these note properties
/// say where it came from, as Get-Content's PSPath and ReadCount do for lines. Prefixed so they
/// cannot take the name of one of the value's own properties.
/// </summary>
internal static class RecordOrigin
{
    public const string KeyName = "FluvioKey";
    public const string PartitionName = "FluvioPartition";
    public const string OffsetName = "FluvioOffset";

    /// <summary>A note of its own type, so that PSObjectJson leaves it out when the object is sent again.</summary>
    internal sealed class Note(string name, object? value) : PSNoteProperty(name, value)
    {
        // PowerShell hands out copies of instance members (PSObject.Properties): the copy must stay a Note.
        public override PSMemberInfo Copy() => new Note(Name, Value);
    }

    public static object? Attach(object? value, int partition, in BatchRecord record)
    {
        if (value is null)
        {
            // JSON null has nothing to hang notes on.
            return null;
        }
        var wrapped = PSObject.AsPSObject(value);
        Add(wrapped, KeyName, record.HasKey ? Encoding.UTF8.GetString(record.Key.Span) : null);
        Add(wrapped, PartitionName, partition);
        Add(wrapped, OffsetName, record.Offset);
        return wrapped;
    }

    private static void Add(PSObject target, string name, object? value)
    {
        // A value that already has such a property (it was itself an -AsJson object) keeps its own.
        if (target.Properties[name] is null)
        {
            target.Properties.Add(new Note(name, value));
        }
    }
}
