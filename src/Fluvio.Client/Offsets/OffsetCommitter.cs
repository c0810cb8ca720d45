using System.Diagnostics;

namespace Fluvio.Client;

/// <summary>
/// A named consumer's progress, committed as it reads: call <see cref="Consumed"/> for each
/// record handed on; the last offset of each partition is committed every
/// <see cref="Interval"/> (in the background, never waiting on the reader), and
/// <see cref="CommitAll"/> commits the rest at the end. A crash in between repeats at most the
/// records of one interval on the next read, never skips one.
/// </summary>
/// <remarks>Single reader: not safe for concurrent calls.</remarks>
public sealed class OffsetCommitter
{
    /// <summary>Commit period when none is given.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(2);

    private readonly FluvioClient _client;
    private readonly string _consumer;
    private readonly string _topic;
    private readonly Dictionary<int, long> _last = [];
    private readonly Stopwatch _sinceCommit = Stopwatch.StartNew();
    private readonly List<Task> _commits = [];

    public OffsetCommitter(FluvioClient client, string consumer, string topic, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentException.ThrowIfNullOrEmpty(consumer);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        _client = client;
        _consumer = consumer;
        _topic = topic;
        Interval = interval ?? DefaultInterval;
    }

    public TimeSpan Interval { get; }

    /// <summary>The record at <paramref name="offset"/> of <paramref name="partition"/> was handed on.</summary>
    public void Consumed(int partition, long offset)
    {
        _last[partition] = offset;
        if (_sinceCommit.Elapsed >= Interval)
        {
            Start();
        }
    }

    /// <summary>
    /// Commits what is left and waits, at most <paramref name="bound"/> (a stopped pipeline must
    /// not hang on a broker that went away). Returns why a commit failed, or null when all did.
    /// </summary>
    public string? CommitAll(TimeSpan bound)
    {
        Start();
        try
        {
            return Task.WaitAll([.. _commits], bound) ? null : "the broker did not answer in time.";
        }
        catch (AggregateException e)
        {
            return e.InnerExceptions[0].Message;
        }
    }

    private void Start()
    {
        _commits.RemoveAll(commit => commit.IsCompletedSuccessfully);
        foreach (var (partition, offset) in _last)
        {
            _commits.Add(_client.CommitOffsetAsync(_consumer, _topic, partition, offset));
        }
        _last.Clear();
        _sinceCommit.Restart();
    }
}
