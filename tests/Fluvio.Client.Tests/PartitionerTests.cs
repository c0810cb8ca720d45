using System.Text;
using Fluvio.Testing.Vectors;

namespace Fluvio.Client.Tests;

public class PartitionerTests
{
    public static TheoryData<string, int, int> SharedRows()
    {
        var rows = new TheoryData<string, int, int>();
        foreach (string line in File.ReadLines(TestVectors.PathOf("partition-siphash.tsv")))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var cells = line.Split('\t');
            rows.Add(cells[0], int.Parse(cells[1]), int.Parse(cells[2]));
        }
        return rows;
    }

    [Theory]
    [MemberData(nameof(SharedRows))]
    public void Matches_every_row_of_the_shared_vectors(string key, int partitions, int expected) =>
        Assert.Equal(expected, Partitioner.PartitionForKey(Encoding.UTF8.GetBytes(key), partitions));

    [Fact]
    public void The_shared_vectors_are_not_empty() => Assert.True(SharedRows().Count >= 20);

    // Raw hashes and partitions from fluvio-cli-semantics.md §4b (siphasher 1.0.1 run with fluvio's code).
    [Theory]
    [InlineData("alice", 0x00413784f5ec3d75UL, new[] { 0, 1, 2, 1, 1, 3, 5 })]
    [InlineData("bob", 0x1e46db6990b12cbeUL, new[] { 0, 0, 1, 2, 4, 1, 14 })]
    [InlineData("carol", 0xcf8499bbada08e79UL, new[] { 0, 1, 0, 1, 0, 4, 9 })]
    [InlineData("", 0xe849e8bb6ffe2567UL, new[] { 0, 1, 2, 3, 4, 3, 7 })]
    [InlineData("a", 0xfeb15081b68ca86bUL, new[] { 0, 1, 1, 3, 2, 2, 11 })]
    [InlineData("key-1", 0x486efe50d3cf75b7UL, new[] { 0, 1, 1, 3, 4, 3, 7 })]
    [InlineData("ünïcödé", 0xe3deab0e84fad874UL, new[] { 0, 0, 1, 0, 3, 4, 4 })]
    [InlineData("日本", 0x3b5109afb8e6add1UL, new[] { 0, 1, 1, 1, 0, 4, 1 })]
    public void Matches_the_documented_hashes(string key, ulong hash, int[] partitions)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        Assert.Equal(hash, SipHash24.HashKey(bytes));
        int[] counts = [1, 2, 3, 4, 5, 7, 16];
        Assert.Equal(partitions, counts.Select(n => Partitioner.PartitionForKey(bytes, n)));
    }

    [Theory]
    [InlineData("1", 0, 1)]
    [InlineData("2", 0, 2)]
    [InlineData("3", 0, 0)]
    [InlineData("4", 1, 0)]
    [InlineData("8", 1, 0)]
    public void Matches_the_keys_of_fluvios_smoke_tests(string key, int ofTwo, int ofThree)
    {
        Assert.Equal(ofTwo, Partitioner.PartitionForKey(Encoding.UTF8.GetBytes(key), 2));
        Assert.Equal(ofThree, Partitioner.PartitionForKey(Encoding.UTF8.GetBytes(key), 3));
    }

    // The reference vectors of the SipHash paper: key 00..0f, message 00..(n-1).
    [Theory]
    [InlineData(0, 0x726fdb47dd0e0e31UL)]
    [InlineData(15, 0xa129ca6149be45e5UL)]
    public void Plain_siphash_matches_the_reference_vectors(int length, ulong expected)
    {
        ulong k0 = 0x0706050403020100UL, k1 = 0x0f0e0d0c0b0a0908UL;
        var message = Enumerable.Range(0, length).Select(i => (byte)i).ToArray();
        Assert.Equal(expected, SipHash24.Hash(k0, k1, message));
    }

    [Fact]
    public void Hashes_long_keys_through_every_block_and_tail_length()
    {
        // The length prefix is one 8-byte block: hashing it apart must equal hashing it inline.
        for (int n = 0; n < 40; n++)
        {
            var key = Enumerable.Range(0, n).Select(i => (byte)(i * 7 + 1)).ToArray();
            var inline = BitConverter.GetBytes((ulong)n).Concat(key).ToArray();
            Assert.Equal(SipHash24.Hash(0, 0, inline), SipHash24.HashKey(key));
        }
    }

    [Fact]
    public void Rejects_a_partition_count_below_one() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Partitioner.PartitionForKey("k"u8, 0));
}
