namespace Fluvio.Storage.Tests;

/// <summary>A segment stages its own batches: position, index entry, written size and next offset move together.</summary>
public class SegmentStagingTests
{
    [Fact]
    public void Staging_moves_size_and_offset_and_indexes_past_the_interval_readers_see_it_only_after_commit()
    {
        using var dir = new TempDirectory();
        var segment = Segment.Create(new FileHandleCache(4), dir.Path, baseOffset: 100, indexInterval: 150);
        try
        {
            Assert.Equal(0, segment.Stage(size: 100, recordCount: 3));
            Assert.Equal(100, segment.Stage(size: 100, recordCount: 2));
            Assert.Equal(200, segment.Stage(size: 100, recordCount: 1));

            Assert.Equal(300, segment.WrittenSize);
            Assert.Equal(106, segment.WrittenNextOffset);
            Assert.Equal(0, segment.CommittedSize);
            Assert.Equal(100, segment.CommittedNextOffset);
            // One entry past each 150 bytes of log: the batch at 200 (offset 105).
            Assert.Equal(200, segment.Index.Lookup(5));

            segment.Commit();
            Assert.Equal(300, segment.CommittedSize);
            Assert.Equal(106, segment.CommittedNextOffset);

            segment.Stage(size: 50, recordCount: 1);
            segment.Rewind();
            Assert.Equal(300, segment.WrittenSize);
            Assert.Equal(106, segment.WrittenNextOffset);
        }
        finally
        {
            segment.Release();
        }
    }

    [Fact]
    public void An_empty_segment_takes_any_batch_a_used_one_only_what_fits()
    {
        using var dir = new TempDirectory();
        var segment = Segment.Create(new FileHandleCache(4), dir.Path, baseOffset: 0, indexInterval: 4096);
        try
        {
            Assert.True(segment.Fits(size: 5000, recordCount: 1, segmentSize: 1000));
            segment.Stage(size: 600, recordCount: 1);
            Assert.True(segment.Fits(size: 400, recordCount: 1, segmentSize: 1000));
            Assert.False(segment.Fits(size: 401, recordCount: 1, segmentSize: 1000));
        }
        finally
        {
            segment.Release();
        }
    }
}
