using System.Diagnostics;
using System.Text;
using Fluvio.Client.Tests.Fakes;
using Fluvio.Protocol.Compression;
using Fluvio.Protocol.Grpc;

namespace Fluvio.Client.Tests;

/// <summary>The producer pipeline against the in-process fake broker.</summary>
public sealed class ProducerTests : FakeBrokerTest
{
    private static readonly ProducerOptions Fast = new() { RetryBackoff = TimeSpan.FromMilliseconds(20) };

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public async Task Records_land_where_the_partitioner_says_with_offsets_in_send_order()
    {
        _broker.State.AddTopic("orders", 3);
        await using var producer = await _client.CreateProducerAsync("orders", Fast with { BatchSize = 256 });
        Assert.Equal(3, producer.PartitionCount);

        var futures = Enumerable.Range(0, 300).Select(i => producer.Send(Utf8($"key-{i % 10}"), Utf8($"value-{i}"))).ToList();
        var keyless = Enumerable.Range(0, 6).Select(i => producer.SendKeyless(Utf8($"keyless-{i}"))).ToList();
        await producer.FlushAsync();

        Assert.Equal(306, producer.AcknowledgedRecords);
        Assert.Equal([0, 1, 2, 0, 1, 2], keyless.Select(f => f.Partition));
        for (int p = 0; p < 3; p++)
        {
            var stored = _broker.State.Records("orders", p);
            var mine = futures.Concat(keyless).Where(f => f.Partition == p).ToList();
            // Offsets are 0..n-1 in send order, and each future points at its own record.
            Assert.Equal(Enumerable.Range(0, mine.Count).Select(i => (long)i), mine.Select(f => f.Result.Offset));
            Assert.Equal(mine.Count, stored.Count);
        }
        for (int i = 0; i < futures.Count; i++)
        {
            var meta = futures[i].Result;
            Assert.Equal(Partitioner.PartitionForKey(Utf8($"key-{i % 10}"), 3), meta.Partition);
            var record = _broker.State.Records("orders", meta.Partition)[(int)meta.Offset];
            Assert.Equal($"value-{i}", Encoding.UTF8.GetString(record.Value.Span));
            Assert.Equal($"key-{i % 10}", Encoding.UTF8.GetString(record.Key.Span));
        }
    }

    [Fact]
    public async Task Many_small_records_are_packed_into_few_requests()
    {
        _broker.State.AddTopic("t", 2);
        await using var producer = await _client.CreateProducerAsync("t", Fast with { Linger = TimeSpan.FromSeconds(10) });
        for (int i = 0; i < 10_000; i++)
        {
            producer.SendKeyless(new byte[100]);
        }
        await producer.FlushAsync();
        Assert.Equal(10_000, producer.AcknowledgedRecords);
        Assert.True(_broker.State.ProduceRequests < 100, $"{_broker.State.ProduceRequests} requests");
        Assert.Equal(1, _broker.State.ProduceStreams);
    }

    [Fact]
    public async Task Linger_sends_a_lone_record_without_a_flush()
    {
        _broker.State.AddTopic("t", 1);
        await using var producer = await _client.CreateProducerAsync("t", Fast with { Linger = TimeSpan.FromMilliseconds(20) });
        var future = producer.SendKeyless("x"u8);
        Assert.Equal(new RecordMetadata(0, 0), await future.WaitAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task An_explicit_partition_wins_and_an_unknown_one_is_refused_at_once()
    {
        _broker.State.AddTopic("t", 2);
        await using var producer = await _client.CreateProducerAsync("t", Fast);
        var f = producer.Send(Utf8("alice"), "v"u8, partition: 0);
        var keyless = producer.Send(null, "v"u8, partition: null);
        var e = Assert.Throws<FluvioException>(() => producer.Send(null, "v"u8, partition: 2));
        Assert.Equal(FluvioErrorCode.PartitionNotFound, e.Code);
        await producer.FlushAsync();
        Assert.Equal(0, f.Result.Partition);
        Assert.Equal(0, keyless.Result.Partition);
    }

    [Fact]
    public async Task The_topics_codec_is_used_when_the_producer_names_none()
    {
        _broker.State.AddTopic("z", 1, CompressionType.Zstd);
        await using var producer = await _client.CreateProducerAsync("z", Fast);
        Assert.Equal(CompressionCodec.Zstd, producer.Compression);
        producer.SendKeyless(Utf8(new string('a', 1000)));
        await producer.FlushAsync();
        Assert.Equal(new string('a', 1000), Encoding.UTF8.GetString(_broker.State.Records("z", 0).Single().Value.Span));

        var e = await Assert.ThrowsAsync<FluvioException>(() => _client.CreateProducerAsync("z", new ProducerOptions { Compression = CompressionCodec.Gzip }));
        Assert.Equal(FluvioErrorCode.CompressionMismatch, e.Code);
    }

    [Fact]
    public async Task A_missing_topic_fails_when_the_producer_is_created()
    {
        var e = await Assert.ThrowsAsync<FluvioException>(() => _client.CreateProducerAsync("nope"));
        Assert.Equal(FluvioErrorCode.TopicNotFound, e.Code);
    }

    [Fact]
    public async Task A_partition_error_fails_that_partitions_records_only_and_is_not_retried()
    {
        _broker.State.AddTopic("t", 2);
        _broker.State.PartitionErrors[1] = ErrorReason.StorageFailure;
        // Counted per partition entry, not per request: the two partitions' batches may travel in
        // one request or two (whichever the sender finds sealed), and neither is a retry.
        int failingPartitionSends = 0;
        _broker.State.ProduceHook = (request, _) =>
        {
            Interlocked.Add(ref failingPartitionSends, request.Partitions.Count(p => p.Partition == 1));
            return ProduceFault.None;
        };
        await using var producer = await _client.CreateProducerAsync("t", Fast);
        var p0 = producer.Send(null, "a"u8, 0);
        var p1 = producer.Send(null, "b"u8, 1);
        await producer.FlushAsync();

        Assert.Equal(0, p0.Result.Offset);
        Assert.Equal(FluvioErrorCode.StorageFailure, p1.Error?.Code);
        Assert.Equal(1, producer.FailedRecords);
        Assert.Equal(1, failingPartitionSends);
        Assert.Equal(1, _broker.State.ProduceStreams);
    }

    [Fact]
    public async Task A_record_too_large_for_the_broker_fails_alone_naming_its_size()
    {
        _broker.State.AddTopic("t", 1);
        _broker.State.MaxBatchBytes = 4096;
        await using var producer = await _client.CreateProducerAsync("t", Fast with { BatchSize = 1024 });
        var before = producer.SendKeyless("small"u8);
        var big = producer.SendKeyless(new byte[10_000]);
        var after = producer.SendKeyless("small"u8);
        await producer.FlushAsync();

        var e = Assert.Throws<FluvioException>(() => big.Result);
        Assert.Equal(FluvioErrorCode.RecordTooLarge, e.Code);
        Assert.Matches(@"A record of 100\d\d bytes is too large", e.Message);
        Assert.Equal(0, before.Result.Offset);
        Assert.Equal(1, after.Result.Offset);
    }

    [Fact]
    public async Task A_record_past_the_message_limit_is_refused_at_send()
    {
        _broker.State.AddTopic("t", 1);
        await using var client = await _broker.ConnectAsync(new FluvioClientOptions { MaxMessageBytes = 64 * 1024 });
        await using var producer = await client.CreateProducerAsync("t", Fast);
        var e = Assert.Throws<FluvioException>(() => producer.SendKeyless(new byte[100_000]));
        Assert.Equal(FluvioErrorCode.RecordTooLarge, e.Code);
    }

    [Fact]
    public async Task AtLeastOnce_reconnects_and_resends_what_was_unanswered()
    {
        _broker.State.AddTopic("t", 1);
        _broker.State.ProduceHook = (_, n) => n == 1 ? ProduceFault.AbortBefore : ProduceFault.None;
        await using var producer = await _client.CreateProducerAsync("t", Fast);
        var futures = Enumerable.Range(0, 50).Select(i => producer.SendKeyless(Utf8($"v{i}"))).ToList();
        await producer.FlushAsync();

        Assert.All(futures, f => Assert.Null(f.Error));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"v{i}"), _broker.State.Records("t", 0).Select(r => Encoding.UTF8.GetString(r.Value.Span)));
        Assert.Equal(2, _broker.State.ProduceStreams);
    }

    [Fact]
    public async Task AtLeastOnce_may_store_twice_what_was_appended_but_not_answered()
    {
        _broker.State.AddTopic("t", 1);
        _broker.State.ProduceHook = (_, n) => n == 1 ? ProduceFault.AbortAfter : ProduceFault.None;
        await using var producer = await _client.CreateProducerAsync("t", Fast);
        var future = producer.SendKeyless("once"u8);
        await producer.FlushAsync();
        Assert.Equal(1, future.Result.Offset); // the resent copy
        Assert.Equal(2, _broker.State.Records("t", 0).Count);
    }

    [Fact]
    public async Task AtMostOnce_never_resends()
    {
        _broker.State.AddTopic("t", 1);
        _broker.State.ProduceHook = (_, n) => n == 1 ? ProduceFault.AbortBefore : ProduceFault.None;
        await using var producer = await _client.CreateProducerAsync("t", Fast with { Delivery = DeliverySemantic.AtMostOnce });
        var lost = producer.SendKeyless("a"u8);
        await producer.FlushAsync();
        Assert.Equal(FluvioErrorCode.ConnectionFailed, lost.Error?.Code);
        Assert.Equal(1, _broker.State.ProduceRequests);

        // The producer goes on with a new stream.
        var next = producer.SendKeyless("b"u8);
        await producer.FlushAsync();
        Assert.Equal(0, next.Result.Offset);
    }

    [Fact]
    public async Task An_unanswered_request_times_out_and_fails_after_the_retries()
    {
        _broker.State.AddTopic("t", 1);
        _broker.State.ProduceHook = (_, _) => ProduceFault.Hang;
        await using var producer = await _client.CreateProducerAsync("t", Fast with { RequestTimeout = TimeSpan.FromMilliseconds(200), MaxRetries = 2 });
        var future = producer.SendKeyless("a"u8);
        var clock = Stopwatch.StartNew();
        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(FluvioErrorCode.Timeout, future.Error?.Code);
        Assert.Contains("gave up after 2 retries", future.Error!.Message);
        Assert.Equal(3, _broker.State.ProduceRequests); // first try + 2 resends
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_vanished_broker_fails_the_records_and_flush_and_dispose_return()
    {
        _broker.State.AddTopic("t", 2);
        var producer = await _client.CreateProducerAsync("t", Fast with { MaxRetries = 2 });
        await _broker.DisposeAsync();

        var futures = Enumerable.Range(0, 20).Select(_ => producer.SendKeyless("x"u8)).ToList();
        var clock = Stopwatch.StartNew();
        await producer.FlushAsync().WaitAsync(TimeSpan.FromSeconds(20));
        await producer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

        Assert.All(futures, f => Assert.Equal(FluvioErrorCode.ConnectionFailed, f.Error?.Code));
        Assert.Contains("Cannot reach the Fluvio broker at", futures[0].Error!.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        var closed = Assert.Throws<FluvioException>(() => producer.SendKeyless("late"u8));
        Assert.Equal(FluvioErrorCode.ProducerClosed, closed.Code);
        _broker = await FakeBroker.StartAsync(); // for DisposeAsync
    }

    [Fact]
    public async Task Send_blocks_when_the_buffer_is_full_and_honours_its_token()
    {
        _broker.State.AddTopic("t", 1);
        _broker.State.ProduceHook = (_, _) => ProduceFault.Hang;
        await using var producer = await _client.CreateProducerAsync("t", Fast with { MaxBufferedBytes = 4096, RequestTimeout = TimeSpan.FromSeconds(1) });
        using var cts = new CancellationTokenSource();
        int sent = 0;
        var sending = Task.Run(() =>
        {
            while (true)
            {
                producer.SendKeyless(new byte[100], cts.Token);
                sent++;
            }
        });
        await Bounded.Until(() => producer.BlockedSenders == 1 || sending.IsCompleted, TimeSpan.FromSeconds(10), "the sender to block on the full buffer");
        Assert.False(sending.IsCompleted);
        Assert.InRange(Volatile.Read(ref sent), 1, 4096 / 100);
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending.WaitAsync(TimeSpan.FromSeconds(5)));
        _broker.State.ProduceHook = null;
    }

    [Fact]
    public async Task Dispose_flushes_what_is_still_open()
    {
        _broker.State.AddTopic("t", 1);
        var producer = await _client.CreateProducerAsync("t", Fast with { Linger = TimeSpan.FromMinutes(5) });
        var future = producer.SendKeyless("last"u8);
        await producer.DisposeAsync();
        Assert.Equal(0, future.Result.Offset);
        await producer.DisposeAsync(); // twice is fine
    }

    [Fact]
    public async Task Disposing_the_client_disposes_its_producers()
    {
        _broker.State.AddTopic("t", 1);
        var client = await _broker.ConnectAsync();
        var producer = await client.CreateProducerAsync("t", Fast with { Linger = TimeSpan.FromMinutes(5) });
        var future = producer.SendKeyless("x"u8);
        await client.DisposeAsync();
        Assert.Equal(0, future.Result.Offset);
        Assert.Equal(FluvioErrorCode.ProducerClosed, Assert.Throws<FluvioException>(() => producer.SendKeyless("y"u8)).Code);
    }

    [Fact]
    public async Task Concurrent_senders_keep_per_thread_order_within_a_partition()
    {
        _broker.State.AddTopic("t", 1);
        await using var producer = await _client.CreateProducerAsync("t", Fast with { BatchSize = 512, Linger = TimeSpan.Zero });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < 2000; i++)
            {
                producer.Send(Utf8($"t{t}"), BitConverter.GetBytes(i));
            }
        })));
        await producer.FlushAsync();

        var records = _broker.State.Records("t", 0);
        Assert.Equal(8000, records.Count);
        foreach (var group in records.GroupBy(r => Encoding.UTF8.GetString(r.Key.Span)))
        {
            Assert.Equal(Enumerable.Range(0, 2000), group.Select(r => BitConverter.ToInt32(r.Value.Span)));
        }
    }
}
