namespace Fluvio.Testing.SmartModules;

/// <summary>
/// SmartModules written in WebAssembly text, one per kind, that follow Fluvio's SmartModule ABI
/// (fluvio-smartmodule 0.11.11) byte for byte: they export <c>memory</c>, <c>alloc</c> and their
/// transform as <c>(ptr, len, version) -> i32</c>, read SmartModuleInput (base_offset: i64,
/// raw_bytes: Vec&lt;u8&gt; holding Vec&lt;Record&gt;, then the version's optional fields), and hand
/// their SmartModuleOutput back through the imported <c>env.copy_records(ptr, len)</c>, as the
/// code fluvio-smartmodule-derive generates does. <see cref="Wasm"/> compiles one with Wasmtime.
/// </summary>
public static class TestSmartModules
{
    /// <summary>filter: keeps the records whose value contains the byte 'a' (Fluvio's own first example).</summary>
    public static string Filter => Module("""
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $kept i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (if (call $contains (global.get $vptr) (global.get $vlen) (i32.const 97))
              (then (call $copy_record) (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $kept)))
        """);

    /// <summary>filter with init: keeps the records whose key equals the parameter <c>key</c>; init refuses to start without it.</summary>
    public static string FilterByKey => Module("""
        (global $want_ptr (mut i32) (i32.const 0))
        (global $want_len (mut i32) (i32.const -1))
        (func (export "init") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $count i32) (local $klen i32) (local $kptr i32) (local $vlen i32)
          ;; SmartModuleInitInput { params: { inner: BTreeMap<String, String> (u16 count), lookback } }
          (global.set $pos (local.get $ptr))
          (local.set $count (call $r16))
          (block $done (loop $next
            (br_if $done (i32.eqz (local.get $count)))
            (local.set $klen (call $r16)) (local.set $kptr (global.get $pos))
            (global.set $pos (i32.add (global.get $pos) (local.get $klen)))
            (local.set $vlen (call $r16))
            (if (call $equals (local.get $kptr) (local.get $klen) (i32.const 1024) (i32.const 3))
              (then
                ;; The wanted key is copied out of the input, which the next alloc reuses.
                (memory.copy (i32.const 2048) (global.get $pos) (local.get $vlen))
                (global.set $want_ptr (i32.const 2048))
                (global.set $want_len (local.get $vlen))))
            (global.set $pos (i32.add (global.get $pos) (local.get $vlen)))
            (local.set $count (i32.sub (local.get $count) (i32.const 1)))
            (br $next)))
          (if (i32.ge_s (global.get $want_len) (i32.const 0)) (then (return (i32.const 0))))
          ;; SmartModuleInitOutput { error: SmartModuleInitRuntimeError { hint: String } }, status -2 InitError.
          (global.set $out (global.get $bump)) (global.set $out_start (global.get $out))
          (call $w16 (i32.const 17))
          (call $wbytes (i32.const 1040) (i32.const 17))
          (call $copy_records (global.get $out_start) (i32.sub (global.get $out) (global.get $out_start)))
          (i32.const -2))
        (data (i32.const 1024) "key")
        (data (i32.const 1040) "Missing param key")
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $kept i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (if (i32.and (global.get $haskey) (call $equals (global.get $kptr) (global.get $klen) (global.get $want_ptr) (global.get $want_len)))
              (then (call $copy_record) (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $kept)))
        """);

    /// <summary>map: the value in ASCII upper case; key, offset and timestamp deltas kept (the derive's map keeps the record's preamble).</summary>
    public static string Map => Module("""
        (func (export "map") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $at i32) (local $end i32) (local $c i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (local.set $at (i32.add (global.get $out) (i32.sub (global.get $vptr) (global.get $rec_start))))
            (local.set $end (i32.add (local.get $at) (global.get $vlen)))
            (call $copy_record)
            (block $cased (loop $char
              (br_if $cased (i32.ge_u (local.get $at) (local.get $end)))
              (local.set $c (i32.load8_u (local.get $at)))
              (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
                (then (i32.store8 (local.get $at) (i32.sub (local.get $c) (i32.const 32)))))
              (local.set $at (i32.add (local.get $at) (i32.const 1)))
              (br $char)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $n)))
        """);

    /// <summary>filter_map: records whose value starts with '#' pass with that '#' taken off; the rest are dropped.</summary>
    public static string FilterMap => Module("""
        (func (export "filter_map") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $kept i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (if (i32.and (i32.gt_u (global.get $vlen) (i32.const 0)) (i32.eq (i32.load8_u (global.get $vptr)) (i32.const 35)))
              (then
                (call $write_record (global.get $ts) (global.get $off) (global.get $haskey) (global.get $kptr) (global.get $klen)
                  (i32.add (global.get $vptr) (i32.const 1)) (i32.sub (global.get $vlen) (i32.const 1)))
                (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $kept)))
        """);

    /// <summary>array_map: each value split at ',' into keyless records, as the derive's array_map builds them (Record::new_key_value: deltas 0).</summary>
    public static string ArrayMap => Module("""
        (func (export "array_map") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $made i32) (local $from i32) (local $at i32) (local $end i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (local.set $from (global.get $vptr))
            (local.set $at (global.get $vptr))
            (local.set $end (i32.add (global.get $vptr) (global.get $vlen)))
            (block $split (loop $scan
              (if (i32.or (i32.ge_u (local.get $at) (local.get $end)) (i32.eq (i32.load8_u (local.get $at)) (i32.const 44)))
                (then
                  (call $write_record (i64.const 0) (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
                    (local.get $from) (i32.sub (local.get $at) (local.get $from)))
                  (local.set $made (i32.add (local.get $made) (i32.const 1)))
                  (br_if $split (i32.ge_u (local.get $at) (local.get $end)))
                  (local.set $from (i32.add (local.get $at) (i32.const 1)))))
              (local.set $at (i32.add (local.get $at) (i32.const 1)))
              (br $scan)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $made)))
        """);

    /// <summary>aggregate: a running total. The accumulator and each value are decimal text; each record comes out holding the total so far.</summary>
    public static string Aggregate => Module("""
        (func (export "aggregate") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $total i64) (local $digits i32)
          ;; SmartModuleAggregateInput { base: SmartModuleInput, accumulator: Vec<u8> }: the accumulator follows the base.
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (local.set $total (call $decimal (i32.add (global.get $after_base) (i32.const 4)) (call $be32 (global.get $after_base))))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (local.set $total (i64.add (local.get $total) (call $decimal (global.get $vptr) (global.get $vlen))))
            (local.set $digits (call $format (local.get $total)))
            (call $write_record (global.get $ts) (global.get $off) (global.get $haskey) (global.get $kptr) (global.get $klen)
              (i32.const 4096) (local.get $digits))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (local.set $digits (call $format (local.get $total)))
          ;; SmartModuleAggregateOutput { base: SmartModuleOutput, accumulator: Vec<u8> (from version 16) }
          (call $patch_count (local.get $n))
          (call $w8 (i32.const 0))
          (if (i32.ge_s (local.get $version) (i32.const 16))
            (then (call $w32 (local.get $digits)) (call $wbytes (i32.const 4096) (local.get $digits))))
          (call $copy_records (global.get $out_start) (i32.sub (global.get $out) (global.get $out_start)))
          (local.get $n))
        (func $decimal (param $at i32) (param $len i32) (result i64)
          (local $end i32) (local $value i64) (local $c i32)
          (local.set $end (i32.add (local.get $at) (local.get $len)))
          (block $done (loop $digit
            (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $c (i32.sub (i32.load8_u (local.get $at)) (i32.const 48)))
            (if (i32.le_u (local.get $c) (i32.const 9))
              (then (local.set $value (i64.add (i64.mul (local.get $value) (i64.const 10)) (i64.extend_i32_u (local.get $c))))))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))
            (br $digit)))
          (local.get $value))
        ;; The total as decimal digits at 4096; returns how many.
        (func $format (param $value i64) (result i32)
          (local $at i32) (local $count i32)
          (local.set $at (i32.const 4200))
          (loop $digit
            (local.set $at (i32.sub (local.get $at) (i32.const 1)))
            (i32.store8 (local.get $at) (i32.add (i32.const 48) (i32.wrap_i64 (i64.rem_u (local.get $value) (i64.const 10)))))
            (local.set $value (i64.div_u (local.get $value) (i64.const 10)))
            (br_if $digit (i64.ne (local.get $value) (i64.const 0))))
          (local.set $count (i32.sub (i32.const 4200) (local.get $at)))
          (memory.copy (i32.const 4096) (local.get $at) (local.get $count))
          (local.get $count))
        """);

    /// <summary>A filter that never returns: the host's fuel budget has to stop it.</summary>
    public static string EndlessLoop => Module("""
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (loop $forever (br $forever))
          (i32.const 0))
        """);

    /// <summary>A filter that reads far past the end of its memory: a trap.</summary>
    public static string OutOfBounds => Module("""
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (i32.load (i32.const 0x7ffffff0)))
        """);

    /// <summary>A filter that grows its memory a page at a time until refused, then aborts as a Rust module does when allocation fails.</summary>
    public static string MemoryHog => Module("""
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (loop $more
            (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
          unreachable)
        """);

    /// <summary>
    /// map that returns an error record (SmartModuleTransformRuntimeError) for the value "boom",
    /// as the derive does when the user's function returns Err: the records before it pass.
    /// </summary>
    public static string FailsOnBoom => Module("""
        (func (export "map") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $kept i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (if (call $equals (global.get $vptr) (global.get $vlen) (i32.const 1024) (i32.const 4))
              (then
                (call $patch_count (local.get $kept))
                ;; Some(SmartModuleTransformRuntimeError { hint, offset, kind: Map, record_key, record_value })
                (call $w8 (i32.const 1))
                (call $w16 (i32.const 14)) (call $wbytes (i32.const 1040) (i32.const 14))
                (call $w64 (i64.add (global.get $base) (global.get $off)))
                (call $w8 (i32.const 1))
                (call $w8 (global.get $haskey))
                (if (global.get $haskey) (then (call $wvarint (i64.extend_i32_u (global.get $klen))) (call $wbytes (global.get $kptr) (global.get $klen))))
                (call $wvarint (i64.extend_i32_u (global.get $vlen))) (call $wbytes (global.get $vptr) (global.get $vlen))
                (call $copy_records (global.get $out_start) (i32.sub (global.get $out) (global.get $out_start)))
                (return (local.get $kept))))
            (call $copy_record)
            (local.set $kept (i32.add (local.get $kept) (i32.const 1)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $kept)))
        (data (i32.const 1024) "boom")
        (data (i32.const 1040) "value was boom")
        """);

    /// <summary>
    /// filter + look_back, as Fluvio's fluvio_smartmodule_filter_lookback example: look_back
    /// remembers the last looked-back value (decimal text), and the filter keeps a record only
    /// when its value is greater than the last one remembered, which it then remembers. A
    /// looked-back value that is not a number is look_back's own error (status -99, a
    /// SmartModuleLookbackOutput with Rust's ParseIntError message), as the example's
    /// <c>string.parse()?</c> gives; the filter drops such values.
    /// </summary>
    public static string FilterLookback => Module("""
        (global $prev (mut i64) (i64.const 0))
        (func (export "look_back") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $v i64)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (local.set $v (call $number (global.get $vptr) (global.get $vlen)))
            (if (i64.lt_s (local.get $v) (i64.const 0))
              (then
                ;; SmartModuleLookbackOutput { error: SmartModuleLookbackRuntimeError { hint: String,
                ;; offset: i64 (base_offset + offset delta), record_key: Option<RecordData>, record_value: RecordData } }
                (global.set $out (global.get $out_start))
                (call $w16 (i32.const 29)) (call $wbytes (i32.const 1024) (i32.const 29))
                (call $w64 (i64.add (global.get $base) (global.get $off)))
                (call $w8 (global.get $haskey))
                (if (global.get $haskey) (then (call $wvarint (i64.extend_i32_u (global.get $klen))) (call $wbytes (global.get $kptr) (global.get $klen))))
                (call $wvarint (i64.extend_i32_u (global.get $vlen))) (call $wbytes (global.get $vptr) (global.get $vlen))
                (call $copy_records (global.get $out_start) (i32.sub (global.get $out) (global.get $out_start)))
                ;; SmartModuleLookbackErrorStatus::PropagatedError
                (return (i32.const -99))))
            (global.set $prev (local.get $v))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (i32.const 0))
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32) (local $kept i32) (local $v i64)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (local.set $v (call $number (global.get $vptr) (global.get $vlen)))
            (if (i64.gt_s (local.get $v) (global.get $prev))
              (then
                (global.set $prev (local.get $v))
                (call $copy_record)
                (local.set $kept (i32.add (local.get $kept) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $kept)))
        ;; The value as a decimal number, or -1 when it is empty or holds anything but digits.
        (func $number (param $at i32) (param $len i32) (result i64)
          (local $end i32) (local $value i64) (local $c i32)
          (if (i32.eqz (local.get $len)) (then (return (i64.const -1))))
          (local.set $end (i32.add (local.get $at) (local.get $len)))
          (block $done (loop $digit
            (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
            (local.set $c (i32.sub (i32.load8_u (local.get $at)) (i32.const 48)))
            (if (i32.gt_u (local.get $c) (i32.const 9)) (then (return (i64.const -1))))
            (local.set $value (i64.add (i64.mul (local.get $value) (i64.const 10)) (i64.extend_i32_u (local.get $c))))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))
            (br $digit)))
          (local.get $value))
        (data (i32.const 1024) "invalid digit found in string")
        """);

    /// <summary>A filter that passes everything and a look_back that never returns: the fuel budget has to stop the lookback.</summary>
    public static string EndlessLookback => Module("""
        (func (export "look_back") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (loop $forever (br $forever))
          (i32.const 0))
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32) (local $i i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (block $done (loop $next
            (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
            (call $read_record)
            (call $copy_record)
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (call $finish (local.get $n)))
        """);

    /// <summary>A filter that passes everything and a look_back that grows its memory until refused, then aborts: the store's memory limit stops the lookback.</summary>
    public static string LookbackMemoryHog => Module("""
        (func (export "look_back") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (loop $more
            (br_if $more (i32.ne (memory.grow (i32.const 1)) (i32.const -1))))
          unreachable)
        (func (export "filter") (param $ptr i32) (param $len i32) (param $version i32) (result i32)
          (local $n i32)
          (local.set $n (call $begin (local.get $ptr) (local.get $version)))
          (call $finish (i32.const 0)))
        """);

    /// <summary>The module's binary, compiled from its text by Wasmtime.</summary>
    public static byte[] Wasm(string text) => Wasmtime.Module.ConvertText(text);

    /// <summary>Writes the module's binary to a temporary .wasm file and returns its path.</summary>
    public static string WriteFile(string text, string directory)
    {
        string path = Path.Combine(directory, $"sm-{Guid.NewGuid():N}.wasm");
        File.WriteAllBytes(path, Wasm(text));
        return path;
    }

    private static string Module(string body) => "(module\n" + Library + body + "\n)";

    /// <summary>
    /// What every module shares: the import, memory, a bump allocator reset by each alloc (the
    /// host's input and the module's output of one call are all it holds), readers for the input
    /// and writers for the output, in Fluvio's encodings (big-endian integers, zigzag varints,
    /// records as varint length + attributes + varint deltas + optional key + value + header count).
    /// </summary>
    private const string Library = """
        (import "env" "copy_records" (func $copy_records (param i32 i32)))
        (memory (export "memory") 2)
        (global $bump (mut i32) (i32.const 65536))
        (global $pos (mut i32) (i32.const 0))
        (global $out (mut i32) (i32.const 0))
        (global $out_start (mut i32) (i32.const 0))
        (global $after_base (mut i32) (i32.const 0))
        (global $base (mut i64) (i64.const 0))
        (global $rec_start (mut i32) (i32.const 0))
        (global $rec_end (mut i32) (i32.const 0))
        (global $ts (mut i64) (i64.const 0))
        (global $off (mut i64) (i64.const 0))
        (global $haskey (mut i32) (i32.const 0))
        (global $kptr (mut i32) (i32.const 0))
        (global $klen (mut i32) (i32.const 0))
        (global $vptr (mut i32) (i32.const 0))
        (global $vlen (mut i32) (i32.const 0))
        (func $ensure (param $end i32)
          (local $pages i32)
          (local.set $pages (i32.shr_u (i32.add (local.get $end) (i32.const 65535)) (i32.const 16)))
          (if (i32.gt_u (local.get $pages) (memory.size))
            (then (if (i32.eq (memory.grow (i32.sub (local.get $pages) (memory.size))) (i32.const -1)) (then unreachable)))))
        (func (export "alloc") (param $len i32) (result i32)
          (global.set $bump (i32.const 65536))
          (call $ensure (i32.add (global.get $bump) (local.get $len)))
          (global.set $bump (i32.add (global.get $bump) (local.get $len)))
          (i32.const 65536))
        (func $r8 (result i32)
          (i32.load8_u (global.get $pos))
          (global.set $pos (i32.add (global.get $pos) (i32.const 1))))
        (func $r16 (result i32)
          (i32.or (i32.shl (call $r8) (i32.const 8)) (call $r8)))
        (func $be32 (param $at i32) (result i32)
          (i32.or (i32.or (i32.shl (i32.load8_u (local.get $at)) (i32.const 24)) (i32.shl (i32.load8_u offset=1 (local.get $at)) (i32.const 16)))
                  (i32.or (i32.shl (i32.load8_u offset=2 (local.get $at)) (i32.const 8)) (i32.load8_u offset=3 (local.get $at)))))
        (func $r32 (result i32)
          (call $be32 (global.get $pos))
          (global.set $pos (i32.add (global.get $pos) (i32.const 4))))
        (func $r64 (result i64)
          (i64.or (i64.shl (i64.extend_i32_u (call $r32)) (i64.const 32)) (i64.extend_i32_u (call $r32))))
        (func $rvarint (result i64)
          (local $value i64) (local $shift i64) (local $b i32)
          (loop $more
            (local.set $b (call $r8))
            (local.set $value (i64.or (local.get $value) (i64.shl (i64.extend_i32_u (i32.and (local.get $b) (i32.const 127))) (local.get $shift))))
            (local.set $shift (i64.add (local.get $shift) (i64.const 7)))
            (br_if $more (i32.and (local.get $b) (i32.const 128))))
          (i64.xor (i64.shr_u (local.get $value) (i64.const 1)) (i64.sub (i64.const 0) (i64.and (local.get $value) (i64.const 1)))))
        (func $w8 (param $b i32)
          (call $ensure (i32.add (global.get $out) (i32.const 1)))
          (i32.store8 (global.get $out) (local.get $b))
          (global.set $out (i32.add (global.get $out) (i32.const 1))))
        (func $w16 (param $v i32)
          (call $w8 (i32.shr_u (local.get $v) (i32.const 8))) (call $w8 (local.get $v)))
        (func $w32 (param $v i32)
          (call $w16 (i32.shr_u (local.get $v) (i32.const 16))) (call $w16 (local.get $v)))
        (func $w64 (param $v i64)
          (call $w32 (i32.wrap_i64 (i64.shr_u (local.get $v) (i64.const 32)))) (call $w32 (i32.wrap_i64 (local.get $v))))
        (func $wbytes (param $from i32) (param $len i32)
          (call $ensure (i32.add (global.get $out) (local.get $len)))
          (memory.copy (global.get $out) (local.get $from) (local.get $len))
          (global.set $out (i32.add (global.get $out) (local.get $len))))
        (func $wvarint (param $v i64)
          (local $z i64)
          (local.set $z (i64.xor (i64.shl (local.get $v) (i64.const 1)) (i64.shr_s (local.get $v) (i64.const 63))))
          (block $last (loop $more
            (br_if $last (i64.lt_u (local.get $z) (i64.const 128)))
            (call $w8 (i32.or (i32.wrap_i64 (i64.and (local.get $z) (i64.const 127))) (i32.const 128)))
            (local.set $z (i64.shr_u (local.get $z) (i64.const 7)))
            (br $more)))
          (call $w8 (i32.wrap_i64 (local.get $z))))
        (func $vsize (param $v i64) (result i32)
          (local $z i64) (local $n i32)
          (local.set $z (i64.xor (i64.shl (local.get $v) (i64.const 1)) (i64.shr_s (local.get $v) (i64.const 63))))
          (local.set $n (i32.const 1))
          (block $last (loop $more
            (br_if $last (i64.lt_u (local.get $z) (i64.const 128)))
            (local.set $z (i64.shr_u (local.get $z) (i64.const 7)))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (br $more)))
          (local.get $n))
        (func $equals (param $a i32) (param $alen i32) (param $b i32) (param $blen i32) (result i32)
          (local $i i32)
          (if (i32.ne (local.get $alen) (local.get $blen)) (then (return (i32.const 0))))
          (block $diff (loop $next
            (if (i32.ge_u (local.get $i) (local.get $alen)) (then (return (i32.const 1))))
            (br_if $diff (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i))) (i32.load8_u (i32.add (local.get $b) (local.get $i)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $next)))
          (i32.const 0))
        (func $contains (param $at i32) (param $len i32) (param $byte i32) (result i32)
          (local $end i32)
          (local.set $end (i32.add (local.get $at) (local.get $len)))
          (block $no (loop $next
            (br_if $no (i32.ge_u (local.get $at) (local.get $end)))
            (if (i32.eq (i32.load8_u (local.get $at)) (local.get $byte)) (then (return (i32.const 1))))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))
            (br $next)))
          (i32.const 0))
        ;; SmartModuleInput { base_offset: i64, raw_bytes: Vec<u8>, params (<= 22), join_record (16-22), base_timestamp: i64 (>= 22) }.
        ;; Leaves $pos at the first record, $after_base past the input, and the output started with room for its count.
        (func $begin (param $ptr i32) (param $version i32) (result i32)
          (local $raw_len i32) (local $records i32) (local $count i32)
          (global.set $pos (local.get $ptr))
          (global.set $base (call $r64))
          (local.set $raw_len (call $r32))
          (local.set $records (global.get $pos))
          (global.set $pos (i32.add (global.get $pos) (local.get $raw_len)))
          (if (i32.le_s (local.get $version) (i32.const 22))
            (then
              (local.set $count (call $r16))
              (block $done (loop $param
                (br_if $done (i32.eqz (local.get $count)))
                (global.set $pos (i32.add (global.get $pos) (call $r16)))
                (global.set $pos (i32.add (global.get $pos) (call $r16)))
                (local.set $count (i32.sub (local.get $count) (i32.const 1)))
                (br $param)))
              (if (i32.ge_s (local.get $version) (i32.const 20))
                (then (if (call $r8) (then
                  (global.set $pos (i32.add (global.get $pos) (i32.const 8)))
                  (if (i32.ge_s (local.get $version) (i32.const 21)) (then (if (call $r8) (then
                    (global.set $pos (i32.add (global.get $pos) (i32.const 12)))))))))))
              (if (i32.ge_s (local.get $version) (i32.const 16))
                (then (global.set $pos (i32.add (global.get $pos) (call $r32)))))))
          (if (i32.ge_s (local.get $version) (i32.const 22))
            (then (global.set $pos (i32.add (global.get $pos) (i32.const 8)))))
          (global.set $after_base (global.get $pos))
          (global.set $out (global.get $bump))
          (global.set $out_start (global.get $out))
          (call $w32 (i32.const 0))
          (global.set $pos (local.get $records))
          (call $r32))
        ;; One Record: varint length, attributes, varint timestamp delta, varint offset delta, Option<key>, value, varint header count.
        (func $read_record
          (local $len i32)
          (global.set $rec_start (global.get $pos))
          (local.set $len (i32.wrap_i64 (call $rvarint)))
          (global.set $rec_end (i32.add (global.get $pos) (local.get $len)))
          (drop (call $r8))
          (global.set $ts (call $rvarint))
          (global.set $off (call $rvarint))
          (global.set $haskey (call $r8))
          (if (global.get $haskey)
            (then
              (global.set $klen (i32.wrap_i64 (call $rvarint)))
              (global.set $kptr (global.get $pos))
              (global.set $pos (i32.add (global.get $pos) (global.get $klen))))
            (else (global.set $klen (i32.const 0)) (global.set $kptr (i32.const 0))))
          (global.set $vlen (i32.wrap_i64 (call $rvarint)))
          (global.set $vptr (global.get $pos))
          (global.set $pos (i32.add (global.get $pos) (global.get $vlen)))
          (drop (call $rvarint))
          (global.set $pos (global.get $rec_end)))
        (func $copy_record
          (call $wbytes (global.get $rec_start) (i32.sub (global.get $rec_end) (global.get $rec_start))))
        (func $write_record (param $ts i64) (param $off i64) (param $haskey i32) (param $kptr i32) (param $klen i32) (param $vptr i32) (param $vlen i32)
          (local $body i32)
          (local.set $body (i32.add (i32.add (i32.const 3) (i32.add (call $vsize (local.get $ts)) (call $vsize (local.get $off))))
            (i32.add (call $vsize (i64.extend_i32_u (local.get $vlen))) (local.get $vlen))))
          (if (local.get $haskey)
            (then (local.set $body (i32.add (local.get $body) (i32.add (call $vsize (i64.extend_i32_u (local.get $klen))) (local.get $klen))))))
          (call $wvarint (i64.extend_i32_u (local.get $body)))
          (call $w8 (i32.const 0))
          (call $wvarint (local.get $ts))
          (call $wvarint (local.get $off))
          (call $w8 (local.get $haskey))
          (if (local.get $haskey)
            (then (call $wvarint (i64.extend_i32_u (local.get $klen))) (call $wbytes (local.get $kptr) (local.get $klen))))
          (call $wvarint (i64.extend_i32_u (local.get $vlen)))
          (call $wbytes (local.get $vptr) (local.get $vlen))
          (call $wvarint (i64.const 0)))
        (func $patch_count (param $count i32)
          (i32.store8 (global.get $out_start) (i32.shr_u (local.get $count) (i32.const 24)))
          (i32.store8 offset=1 (global.get $out_start) (i32.shr_u (local.get $count) (i32.const 16)))
          (i32.store8 offset=2 (global.get $out_start) (i32.shr_u (local.get $count) (i32.const 8)))
          (i32.store8 offset=3 (global.get $out_start) (local.get $count)))
        ;; SmartModuleOutput { successes: Vec<Record>, error: None }, handed back; returns the record count.
        (func $finish (param $count i32) (result i32)
          (call $patch_count (local.get $count))
          (call $w8 (i32.const 0))
          (call $copy_records (global.get $out_start) (i32.sub (global.get $out) (global.get $out_start)))
          (local.get $count))

        """;
}
