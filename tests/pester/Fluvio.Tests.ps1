#Requires -Version 7.4
#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0.0' }
<#
    The user stories of the xUnit suite (tests/Fluvio.PowerShell.Tests), as a pwsh user runs them:
    the module as laid out by `./build.ps1` (out/Fluvio), a private local cluster on a free port,
    the real Get-Content, Select-Object and ConvertTo-Json.
    Run: Invoke-Pester tests/pester -Output Detailed (after ./build.ps1).
#>

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    Import-Module (Join-Path $repoRoot 'out/Fluvio/Fluvio.psd1') -Force -ErrorAction Stop

    # A private home: this cluster's state and data never touch the user's ~/.fluvio-powershell.
    $script:previousHome = $env:FLUVIO_POWERSHELL_HOME
    $script:previousEndpoint = $env:FLUVIO_ENDPOINT
    $script:previousTopic = $env:FLUVIO_TOPIC
    $script:previousProfilePath = $env:FLV_PROFILE_PATH
    $env:FLUVIO_ENDPOINT = $null
    $env:FLUVIO_TOPIC = $null
    $env:FLUVIO_POWERSHELL_HOME = Join-Path ([IO.Path]::GetTempPath()) "fluvio-pester-$([guid]::NewGuid().ToString('n'))"
    # No Fluvio profile file: the user's own ~/.fluvio/config must not pick the broker.
    $env:FLV_PROFILE_PATH = Join-Path $env:FLUVIO_POWERSHELL_HOME 'no-fluvio-profiles'
    $script:cluster = Start-FluvioLocalCluster -Port 0 -ErrorAction Stop

    function script:New-TestTopic([int] $Partitions = 1) {
        $name = "pester-$([guid]::NewGuid().ToString('n').Substring(0, 12))"
        $null = New-FluvioTopic -Name $name -Partitions $Partitions -ErrorAction Stop
        $name
    }

    $script:seedLines = 'alice=Deposit 100.00', 'bob=Withdraw 50.00', 'bob=Withdraw 25.00'
}

AfterAll {
    Stop-FluvioLocalCluster -Confirm:$false -ErrorAction SilentlyContinue
    if ($env:FLUVIO_POWERSHELL_HOME -and (Test-Path $env:FLUVIO_POWERSHELL_HOME)) {
        Remove-Item $env:FLUVIO_POWERSHELL_HOME -Recurse -Force -ErrorAction SilentlyContinue
    }
    $env:FLUVIO_POWERSHELL_HOME = $script:previousHome
    $env:FLUVIO_ENDPOINT = $script:previousEndpoint
    $env:FLUVIO_TOPIC = $script:previousTopic
    $env:FLV_PROFILE_PATH = $script:previousProfilePath
}

Describe 'The seed walkthrough' {
    It 'sends keyed lines from Get-Content, echoes them with -Verbose and puts each key on its partition' {
        $topic = New-TestTopic -Partitions 3
        $data = Join-Path $TestDrive 'data.txt'
        Set-Content -Path $data -Value $seedLines

        $output = Get-Content $data | Send-FluvioRecord -Topic $topic -KeySeparator '=' -Verbose 4>&1

        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        $verbose.Message | Should -Be '[alice] Deposit 100.00', '[bob] Withdraw 50.00', '[bob] Withdraw 25.00'
        @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0

        $records = Receive-FluvioRecord -Topic $topic
        $records | Should -HaveCount 3
        # Partitions of the official Fluvio clients (SipHash-2-4): alice/3 -> 2, bob/3 -> 1.
        $alice = $records | Where-Object Key -eq 'alice'
        $alice.Partition | Should -Be 2
        $alice.Value | Should -Be 'Deposit 100.00'
        $bob = @($records | Where-Object Key -eq 'bob')
        $bob.Partition | Should -Be 1, 1
        $bob.Value | Should -Be 'Withdraw 50.00', 'Withdraw 25.00'
        $bob.Offset | Should -Be 0, 1
    }

    It 'does not bind the note properties Get-Content adds to each line' {
        $topic = New-TestTopic
        $data = Join-Path $TestDrive 'plain.txt'
        Set-Content -Path $data -Value 'one', 'two', 'three'

        $results = Get-Content $data | Send-FluvioRecord -Topic $topic -PassThru

        $results | Should -HaveCount 3
        $results.Topic | Should -Be $topic, $topic, $topic
        (Receive-FluvioRecord -Topic $topic).Value | Should -Be 'one', 'two', 'three'
    }

    It 'reports a line without the separator as KeySeparatorNotFound and still sends the others' {
        $topic = New-TestTopic

        'alice=1', 'no separator here', 'bob=2' |
            Send-FluvioRecord -Topic $topic -KeySeparator '=' -ErrorVariable rejected -ErrorAction SilentlyContinue

        $rejected | Should -HaveCount 1
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'KeySeparatorNotFound,*'
        $rejected[0].TargetObject | Should -Be 'no separator here'
        $rejected[0].CategoryInfo.Category | Should -Be 'InvalidData'
        (Receive-FluvioRecord -Topic $topic).Key | Should -Be 'alice', 'bob'
    }

    It 'stops a script at the bad line with -ErrorAction Stop' {
        $topic = New-TestTopic
        { 'no separator' | Send-FluvioRecord -Topic $topic -KeySeparator '=' -ErrorAction Stop } |
            Should -Throw -ErrorId 'KeySeparatorNotFound,*'
    }

    It 'writes -PassThru results whose partitions and offsets are the ones Receive-FluvioRecord reads' {
        $topic = New-TestTopic -Partitions 3

        $sent = $seedLines | Send-FluvioRecord -Topic $topic -KeySeparator '=' -PassThru
        $read = Receive-FluvioRecord -Topic $topic

        $sent.Key | Should -Be 'alice', 'bob', 'bob'
        $expected = $sent | ForEach-Object { "$($_.Key)/$($_.Partition)/$($_.Offset)" } | Sort-Object
        $actual = $read | ForEach-Object { "$($_.Key)/$($_.Partition)/$($_.Offset)" } | Sort-Object
        $actual | Should -Be $expected
    }
}

Describe 'Objects and JSON' {
    It 'keys objects by -KeyProperty and sends them as JSON' {
        $topic = New-TestTopic -Partitions 3

        [pscustomobject]@{ Customer = 'alice'; Amount = 12.5 }, [pscustomobject]@{ Customer = 'bob'; Amount = 1.25 } |
            Send-FluvioRecord -Topic $topic -KeyProperty Customer

        $records = Receive-FluvioRecord -Topic $topic
        ($records | Where-Object Key -eq 'alice').Partition | Should -Be 2
        ($records | Where-Object Key -eq 'bob').Partition | Should -Be 1
        (($records | Where-Object Key -eq 'alice').Value | ConvertFrom-Json).Amount | Should -Be 12.5
    }

    It 'reports an object without the key property as KeyPropertyNotFound' {
        $topic = New-TestTopic
        [pscustomobject]@{ Name = 'x' } |
            Send-FluvioRecord -Topic $topic -KeyProperty Customer -ErrorVariable rejected -ErrorAction SilentlyContinue
        $rejected[0].FullyQualifiedErrorId | Should -BeLike 'KeyPropertyNotFound,*'
    }

    It 'reads ISO dates in JSON values as ConvertFrom-Json does' {
        $topic = New-TestTopic
        $json = '{"at":"2026-11-24T14:02:58.101Z","local":"2026-11-24T15:02:58+01:00","day":"2026-11-24"}'
        $json | Send-FluvioRecord -Topic $topic

        $back = Receive-FluvioRecord -Topic $topic -AsJson
        $expected = $json | ConvertFrom-Json

        $back.at | Should -BeOfType [datetime]
        $back.at | Should -Be $expected.at
        $back.at.Kind | Should -Be $expected.at.Kind
        $back.local | Should -Be $expected.local
        $back.local.Kind | Should -Be $expected.local.Kind
        $back.day | Should -Be $expected.day
    }

    It 'round-trips objects through JSON with -AsJson' {
        $topic = New-TestTopic
        $order = [pscustomobject]@{ Id = 7; Customer = 'alice'; Lines = @([pscustomobject]@{ Item = 'book'; Qty = 2 }); Paid = $true }

        $order | Send-FluvioRecord -Topic $topic
        $back = Receive-FluvioRecord -Topic $topic -AsJson

        $back.Id | Should -Be 7
        $back.Customer | Should -Be 'alice'
        $back.Lines[0].Item | Should -Be 'book'
        $back.Lines[0].Qty | Should -Be 2
        $back.Paid | Should -BeTrue
        @($back.Lines) | Should -HaveCount 1
    }

    It 'reports a value that is not JSON as InvalidJson' {
        $topic = New-TestTopic
        'not json' | Send-FluvioRecord -Topic $topic
        $null = Receive-FluvioRecord -Topic $topic -AsJson -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidJson,*'
    }
}

Describe 'Records through ConvertTo-Json' {
    It 'writes text Key and Value, Partition, Offset and an ISO 8601 Timestamp, and no byte arrays' {
        $topic = New-TestTopic
        'Deposit 100.00' | Send-FluvioRecord -Topic $topic -Key alice

        $json = Receive-FluvioRecord -Topic $topic | ConvertTo-Json -Compress
        $back = $json | ConvertFrom-Json -DateKind String

        $back.Key | Should -Be 'alice'
        $back.Value | Should -Be 'Deposit 100.00'
        $back.Partition | Should -Be 0
        $back.Offset | Should -Be 0
        $back.Timestamp | Should -Match '^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+\+00:00$'
        $back.KeyBase64 | Should -BeNullOrEmpty
        $json | Should -Not -Match 'KeyBytes|ValueBytes'
    }

    It 're-sends the same keys and values, keyless and binary ones included, after ConvertFrom-Json' {
        $topic = New-TestTopic
        $copy = New-TestTopic
        [byte[]] $binary = 0, 0x80, 0xff
        'with key' | Send-FluvioRecord -Topic $topic -Key k
        'no key' | Send-FluvioRecord -Topic $topic
        , $binary | Send-FluvioRecord -Topic $topic

        Receive-FluvioRecord -Topic $topic | ConvertTo-Json | ConvertFrom-Json |
            Send-FluvioRecord -Topic $copy -KeyProperty Key -ValueProperty Value

        $records = Receive-FluvioRecord -Topic $copy
        $records.Value[0..1] | Should -Be 'with key', 'no key'
        $records[0].Key | Should -Be 'k'
        $records[1].Key | Should -BeNullOrEmpty
        $null -eq $records[1].KeyBytes | Should -BeTrue
        $records[2].ValueBytes | Should -Be $binary
    }

    It 'writes a topic''s retention as "7.00:00:00", which New-FluvioTopic reads back' {
        $topic = New-TestTopic
        $json = Get-FluvioTopic -Name $topic | ConvertTo-Json | ConvertFrom-Json
        $json.Retention | Should -Be '7.00:00:00'
        $json.PSObject.Properties.Name | Should -Not -Contain 'RetentionTime'
        ([timespan] $json.Retention).TotalDays | Should -Be 7
    }

    It 'gives -AsJson objects FluvioKey, FluvioPartition and FluvioOffset' {
        $topic = New-TestTopic
        [pscustomobject]@{ Id = 7 } | Send-FluvioRecord -Topic $topic -KeyProperty Id
        $back = Receive-FluvioRecord -Topic $topic -AsJson
        $back.FluvioKey | Should -Be '7'
        $back.FluvioPartition | Should -Be 0
        $back.FluvioOffset | Should -Be 0
    }
}

Describe 'Whole files with -Raw' {
    It 'sends a file as one record, byte for byte, from -Path and from Get-Content -AsByteStream -Raw' {
        $topic = New-TestTopic
        $file = Join-Path $TestDrive 'blob.bin'
        [byte[]] $bytes = @(0..255) + @(13, 10, 10)
        [IO.File]::WriteAllBytes($file, $bytes)

        Send-FluvioRecord -Topic $topic -Raw -Path $file -Key blob
        Get-Content $file -AsByteStream -Raw | Send-FluvioRecord -Topic $topic -Raw

        $records = Receive-FluvioRecord -Topic $topic
        $records | Should -HaveCount 2
        $records[0].Key | Should -Be 'blob'
        $records[0].ValueBytes | Should -Be $bytes
        $records[1].ValueBytes | Should -Be $bytes
    }

    It 'reports a file over the broker''s batch limit as RecordTooLarge and sends the others' {
        $topic = New-TestTopic
        $big = Join-Path $TestDrive 'big.bin'
        $small = Join-Path $TestDrive 'small.txt'
        [IO.File]::WriteAllBytes($big, [byte[]]::new(3MB))
        Set-Content -Path $small -Value 'small' -NoNewline

        Send-FluvioRecord -Topic $topic -Raw -Path $big, $small -ErrorVariable bad -ErrorAction SilentlyContinue

        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'RecordTooLarge,*'
        (Receive-FluvioRecord -Topic $topic).Value | Should -Be 'small'
    }
}

Describe 'Export and import' {
    It 'exports to JSON Lines that Get-Content and ConvertFrom-Json read, and export, import, export gives the same file' {
        $source = New-TestTopic -Partitions 3
        $copy = New-TestTopic -Partitions 3
        Set-Content -Path (Join-Path $TestDrive 'seed.txt') -Value $seedLines
        Get-Content (Join-Path $TestDrive 'seed.txt') | Send-FluvioRecord -Topic $source -KeySeparator '='
        'no key' | Send-FluvioRecord -Topic $source -Partition 0
        , [byte[]](0, 0x80, 0xff) | Send-FluvioRecord -Topic $source -Partition 0
        $first = Join-Path $TestDrive 'first.jsonl'
        $second = Join-Path $TestDrive 'second.jsonl'

        Export-FluvioTopic -Topic $source -Path $first
        Import-FluvioTopic -Path $first -Topic $copy -PreservePartition
        Export-FluvioTopic -Topic $copy -Path $second

        $lines = Get-Content $first | ConvertFrom-Json
        $lines | Should -HaveCount 5
        $lines[0].partition | Should -Be 0
        $lines[0].key | Should -BeNullOrEmpty
        $lines[1].valueBase64 | Should -Be ([Convert]::ToBase64String([byte[]](0, 0x80, 0xff)))
        ($lines | Where-Object key -eq 'alice').partition | Should -Be 2
        (Get-FileHash $second).Hash | Should -Be (Get-FileHash $first).Hash
    }

    It 'puts keys back on the partitions the partitioner picks, and reports a bad line by its number' {
        $topic = New-TestTopic -Partitions 3
        $file = Join-Path $TestDrive 'hand.jsonl'
        Set-Content -Path $file -Value @(
            '{"partition":0,"offset":0,"timestamp":"2026-01-02T03:04:05.678Z","key":"alice","value":"Deposit 100.00"}'
            'not json'
            '{"partition":0,"offset":1,"timestamp":"2026-01-02T03:04:05.679Z","key":"bob","value":"Withdraw 50.00"}'
        )

        Import-FluvioTopic -Path $file -Topic $topic -ErrorVariable bad -ErrorAction SilentlyContinue

        $bad | Should -HaveCount 1
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidExportLine,*'
        $bad[0].TargetObject | Should -Be "$((Resolve-Path $file).ProviderPath):2"
        $records = Receive-FluvioRecord -Topic $topic
        ($records | Where-Object Key -eq 'alice').Partition | Should -Be 2
        ($records | Where-Object Key -eq 'bob').Partition | Should -Be 1
        ($records | Where-Object Key -eq 'alice').Timestamp.UtcDateTime | Should -Be ([datetime]::new(2026, 1, 2, 3, 4, 5, 678, [DateTimeKind]::Utc))
    }
}

Describe 'Reading' {
    It 'stops a -Continuous read when Select-Object -First has enough' {
        $topic = New-TestTopic
        'a', 'b', 'c' | Send-FluvioRecord -Topic $topic

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $first = Receive-FluvioRecord -Topic $topic -Continuous | Select-Object -First 2

        $first.Value | Should -Be 'a', 'b'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 10
    }

    It 'asks for -Partition with -Offset before reading anything' {
        $topic = New-TestTopic -Partitions 2
        'a', 'b' | Send-FluvioRecord -Topic $topic -Partition 0
        # What it wrote before the error, if anything, is collected too.
        $read = @(try { Receive-FluvioRecord -Topic $topic -Offset 1 } catch { $refused = $_ })
        $refused.FullyQualifiedErrorId | Should -BeLike 'PartitionRequired,*'
        $read | Should -BeNullOrEmpty
        (Receive-FluvioRecord -Topic $topic -Partition 0 -Offset 1).Value | Should -Be 'b'
    }

    It 'reads through -Transform: an empty chain runs nothing, a step the cluster does not hold is SmartModuleNotFound, and -SmartModule with it is refused' {
        $topic = New-TestTopic
        $seedLines | Send-FluvioRecord -Topic $topic -KeySeparator '='
        $empty = Join-Path $env:FLUVIO_POWERSHELL_HOME 'empty-transforms.yaml'
        Set-Content -Path $empty -Value 'transforms: []'
        (Receive-FluvioRecord -Topic $topic -Transform $empty).Value | Should -Be 'Deposit 100.00', 'Withdraw 50.00', 'Withdraw 25.00'
        $missing = Join-Path $env:FLUVIO_POWERSHELL_HOME 'missing-transforms.yaml'
        Set-Content -Path $missing -Value "transforms:`n  - uses: no-such-module@0.1.0"
        { Receive-FluvioRecord -Topic $topic -Transform $missing -ErrorAction Stop } | Should -Throw -ErrorId 'SmartModuleNotFound,*'
        { Receive-FluvioRecord -Topic $topic -Transform $missing -SmartModule x -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidSmartModule,*'
        { Receive-FluvioRecord -Topic $topic -TransformLine '{"with":{}}' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTransform,*'
    }

    It 'fails with TopicNotFound for a topic that does not exist' {
        { Receive-FluvioRecord -Topic 'no-such-topic-here' -ErrorAction Stop } | Should -Throw -ErrorId 'TopicNotFound,*'
    }

    It 'starts each partition at -Since (Get-Date), and reads whole with -MaxBytes 1 and either -Isolation' {
        $topic = New-TestTopic -Partitions 2
        'old-0' | Send-FluvioRecord -Topic $topic -Partition 0
        'old-1' | Send-FluvioRecord -Topic $topic -Partition 1
        Start-Sleep -Milliseconds 50
        $since = Get-Date
        Start-Sleep -Milliseconds 50
        'new-0' | Send-FluvioRecord -Topic $topic -Partition 0
        'new-1' | Send-FluvioRecord -Topic $topic -Partition 1

        (Receive-FluvioRecord -Topic $topic -Since $since | Sort-Object Partition).Value | Should -Be 'new-0', 'new-1'
        (Receive-FluvioRecord -Topic $topic -Since $since.AddMinutes(-5)) | Should -HaveCount 4
        Receive-FluvioRecord -Topic $topic -Since (Get-Date).AddMinutes(5) | Should -BeNullOrEmpty
        (Receive-FluvioRecord -Topic $topic -MaxBytes 1 -Isolation ReadUncommitted) | Should -HaveCount 4
        { Receive-FluvioRecord -Topic $topic -MaxBytes 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'Topics' {
    It 'creates, lists and partitions a topic' {
        $topic = New-TestTopic -Partitions 2
        (Get-FluvioTopic -Name $topic).Partitions | Should -Be 2
        Get-FluvioPartition -Topic $topic | Should -HaveCount 2
        { New-FluvioTopic -Name $topic -ErrorAction Stop } | Should -Throw -ErrorId 'TopicExists,*'
        { New-FluvioTopic -Name 'Not_Valid' -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidTopicName,*'
    }

    It 'writes the topic it creates' {
        $name = "pester-$([guid]::NewGuid().ToString('n').Substring(0, 12))"
        $topic = New-FluvioTopic -Name $name -Partitions 2
        $topic.Name | Should -Be $name
        $topic.Partitions | Should -Be 2
    }

    It 'says TopicNotFound, not What if, for a missing topic with -WhatIf' {
        Remove-FluvioTopic -Name 'pester-no-such-topic' -WhatIf -ErrorVariable missing -ErrorAction SilentlyContinue 6>&1 |
            Should -BeNullOrEmpty
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'TopicNotFound,*'
    }

    It 'only describes the removal with -WhatIf' {
        $topic = New-TestTopic
        Remove-FluvioTopic -Name $topic -WhatIf
        Get-FluvioTopic -Name $topic | Should -Not -BeNullOrEmpty
    }

    It 'removes without a prompt with -Confirm:$false' {
        $topic = New-TestTopic
        Remove-FluvioTopic -Name $topic -Confirm:$false
        Get-FluvioTopic -Name $topic -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        { Get-FluvioTopic -Name $topic -ErrorAction Stop } | Should -Throw -ErrorId 'TopicNotFound*'
    }
}

Describe 'Partitions and cluster health' {
    It 'adds partitions with -Force, writes the topic with -PassThru, and the next send hashes over the new count' {
        $topic = New-TestTopic
        $grown = Add-FluvioPartition -Topic $topic -Count 2 -Force -PassThru
        $grown.Partitions | Should -Be 3
        'after' | Send-FluvioRecord -Topic $topic -Key alice
        # alice is partition 2 of 3 (the partitioner's vectors).
        (Receive-FluvioRecord -Topic $topic -Partition 2 -Count 1).Value | Should -Be 'after'
    }

    It 'describes the add and its warning with -WhatIf and adds nothing' {
        $topic = New-TestTopic
        Add-FluvioPartition -Topic $topic -WhatIf
        (Get-FluvioTopic -Name $topic).Partitions | Should -Be 1
    }

    It 'reports a count below 1 as InvalidArgument naming count' {
        $topic = New-TestTopic
        Add-FluvioPartition -Topic $topic -Count 0 -ErrorVariable bad -ErrorAction SilentlyContinue
        $bad[0].FullyQualifiedErrorId | Should -BeLike 'InvalidArgument,*'
        $bad[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $bad[0].Exception.Message | Should -Be 'count must be at least 1, 0 given.'
        { Add-FluvioPartition -Topic $topic -Count 5000 -Force -ErrorAction Stop } | Should -Throw -ErrorId 'InvalidArgument,*'
    }

    It 'gives the cluster''s health, and Reachable $false for a cluster that is not there' {
        $health = Get-FluvioCluster
        $health.Reachable | Should -BeTrue
        $health.OnlineSpus | Should -Be 1
        $health.Spus[0].Status | Should -Be 'Online'
        $health.TopicCount | Should -BeGreaterThan 0

        $dead = Get-FluvioCluster -Endpoint 'http://127.0.0.1:1' -ErrorAction Stop
        $dead.Reachable | Should -BeFalse
        $dead.Error | Should -BeLike '*127.0.0.1:1*'
    }

    It 'keeps the partition table short and shows the status fields in Format-List' {
        $topic = New-TestTopic
        $table = Get-FluvioPartition -Topic $topic | Format-Table | Out-String -Width 200
        $table | Should -Not -BeLike '*LiveReplicas*'
        $list = Get-FluvioPartition -Topic $topic | Format-List | Out-String -Width 200
        $list | Should -BeLike '*Status*Online*'
        $list | Should -BeLike '*LogEndOffset*'
        $list | Should -BeLike '*LiveReplicas*'
        (Get-FluvioTopic -Name $topic | Format-List | Out-String) | Should -BeLike '*Provisioned*'
    }
}

Describe 'What the console shows' {
    It 'shows when a topic was created in the Created column' {
        $topic = New-TestTopic
        $created = (Get-FluvioTopic -Name $topic).CreatedAt

        $row = Get-FluvioTopic -Name $topic | Format-Table | Out-String -Stream -Width 200 | Where-Object { $_ -like "$topic *" }

        $created | Should -BeOfType [DateTimeOffset]
        $row.TrimEnd() | Should -BeLike "* $($created.LocalDateTime.ToString('yyyy-MM-dd HH:mm'))"
    }

    It 'fits a topic row, its creation time whole, in an 80-column console' {
        # A console host formats tables one column narrower than its width (79 of 80).
        # The seed walkthrough's name length: a longer name widens the first column for every row.
        $name = "bank-$([guid]::NewGuid().ToString('n').Substring(0, 12))"
        $null = New-FluvioTopic -Name $name -Partitions 3
        $created = (Get-FluvioTopic -Name $name).CreatedAt

        $row = Get-FluvioTopic -Name $name | Format-Table | Out-String -Stream -Width 79 | Where-Object { $_ -like "$name *" }

        $row.TrimEnd() | Should -BeLike "* $($created.LocalDateTime.ToString('yyyy-MM-dd HH:mm'))"
    }

    It 'shows the records already in a topic at once when reading -Continuous' {
        $topic = New-TestTopic -Partitions 3
        $seedLines | Send-FluvioRecord -Topic $topic -KeySeparator '='
        # A console table that sizes its columns from the data holds the first rows back until a
        # later record arrives; none will here, so the rows must come out on their own.
        $reader = [powershell]::Create()
        $null = $reader.AddScript("Import-Module '$(Join-Path $repoRoot 'out/Fluvio/Fluvio.psd1')'; Receive-FluvioRecord -Topic $topic -Continuous | Out-String -Stream")
        $lines = [System.Management.Automation.PSDataCollection[psobject]]::new()
        # By index: enumerating a collection that is still open waits for it to be completed.
        $shown = { @(for ($i = 0; $i -lt $lines.Count; $i++) { "$($lines[$i])" }) | Where-Object { $_.Trim() } }
        $null = $reader.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $lines)
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(& $shown | Where-Object { $_ -like '*Withdraw*' }).Count -lt 2 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 50
            }
        }
        finally {
            $reader.Stop()
            $reader.Dispose()
        }

        $text = @(& $shown)
        $text[0] | Should -Be 'Partition     Offset Timestamp               Key              Value'
        # Partitions are read side by side: alice's row is somewhere among the three.
        @($text | Where-Object { $_ -like '* alice *' }) | Should -Match '^\s+2\s+0 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} alice\s+Deposit 100\.00$'
        @($text | Where-Object { $_ -like '*Withdraw*' }) | Should -HaveCount 2
    }
}

Describe 'The README''s scheduled script' {
    BeforeAll {
        . (Join-Path $repoRoot 'build/Invoke-Pwsh.ps1')
        $script:sample = Join-Path $repoRoot 'examples/scheduled-send.ps1'
        # What the scheduler runs: the script alone, the module found on PSModulePath by name.
        function script:Invoke-Scheduled([string] $Spool, [string] $Topic) {
            $stderr = Join-Path $TestDrive 'stderr.txt'
            $modulePath = (Join-Path $repoRoot 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
            Invoke-Pwsh -Arguments '-File', $sample, '-Spool', $Spool, '-Topic', $Topic -Environment @{ PSModulePath = $modulePath } 2> $stderr
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Errors = (Get-Content $stderr -Raw) }
        }
    }

    It 'is the example file, word for word' {
        (Get-Content (Join-Path $repoRoot 'README.md') -Raw).Contains((Get-Content $sample -Raw).Trim()) | Should -BeTrue
    }

    It 'exits 0 and sends every line when all is well' {
        $topic = New-TestTopic
        $spool = New-Item -ItemType Directory (Join-Path $TestDrive 'good')
        Set-Content (Join-Path $spool 'a.txt') 'web1=up', 'web2=down'

        $run = Invoke-Scheduled -Spool $spool -Topic $topic

        $run.ExitCode | Should -Be 0
        (Receive-FluvioRecord -Topic $topic).Key | Should -Be 'web1', 'web2'
    }

    It 'exits 1 and names the error id on stderr when a line has no separator' {
        $topic = New-TestTopic
        $spool = New-Item -ItemType Directory (Join-Path $TestDrive 'bad')
        Set-Content (Join-Path $spool 'a.txt') 'web1=up', 'no separator'

        $run = Invoke-Scheduled -Spool $spool -Topic $topic

        $run.ExitCode | Should -Be 1
        $run.Errors | Should -BeLike 'Sending failed: KeySeparatorNotFound,*'
    }
}

Describe 'Named consumers' {
    BeforeAll {
        function script:New-ConsumerName { "pester-c-$([guid]::NewGuid().ToString('n').Substring(0, 12))" }
    }

    It 'commits with Receive-FluvioRecord -Consumer, and Get-FluvioConsumer shows the lag in a table that fits 80 columns' {
        $topic = New-TestTopic
        $consumer = New-ConsumerName
        'one', 'two', 'three' | Send-FluvioRecord -Topic $topic

        (Receive-FluvioRecord -Topic $topic -Consumer $consumer -Count 1).Value | Should -Be 'one'
        $position = Get-FluvioConsumer -Consumer $consumer

        $position | Should -HaveCount 1
        $position.Topic | Should -Be $topic
        $position.Partition | Should -Be 0
        $position.Offset | Should -Be 0
        $position.Lag | Should -Be 2
        $position.LastSeen | Should -BeOfType [DateTimeOffset]
        $lines = @($position | Out-String -Stream -Width 80 | Where-Object { $_ })
        $lines[0] | Should -Be 'Consumer       Topic             Partition     Offset      Lag LastSeen'
        $lines | ForEach-Object { $_.Length | Should -BeLessThan 80 }
        # Names longer than their column are cut with an ellipsis; the numbers and the time stay whole.
        $lines[2] | Should -Match '^pester-c-\w{4}… pester-\w{9}…\s+0\s+0\s+2 \d{4}-\d\d-\d\d \d\d:\d\d$'
    }

    It 'Wait-FluvioConsumer times out with ConsumerLagTimeout while records are unread, and returns once they are read' {
        $topic = New-TestTopic -Partitions 2
        $consumer = New-ConsumerName
        'a', 'b', 'c' | Send-FluvioRecord -Topic $topic
        $null = Receive-FluvioRecord -Topic $topic -Consumer $consumer -Partition 0 -Count 1

        $failure = $null
        try { Wait-FluvioConsumer -Consumer $consumer -Topic $topic -Timeout '00:00:00.5' } catch { $failure = $_ }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -BeLike 'ConsumerLagTimeout,*'
        $failure.CategoryInfo.Category | Should -Be 'OperationTimeout'
        # 'a' and 'c' went to partition 0, 'b' to partition 1 (round robin): 'c' and 'b' are unread.
        "$failure" | Should -BeLike "*still lags 2 record(s)*By partition: 0: 1, 1: 1."

        $null = Receive-FluvioRecord -Topic $topic -Consumer $consumer
        $waited = Measure-Command { $output = Wait-FluvioConsumer -Consumer $consumer -Topic $topic -Timeout '00:00:10' }
        $output | Should -BeNullOrEmpty
        $waited | Should -BeLessThan ([timespan] '00:00:05')
    }

    It 'Get-FluvioConsumer | Remove-FluvioConsumer -Confirm:$false removes it, and then it is ConsumerNotFound' {
        $topic = New-TestTopic
        $consumer = New-ConsumerName
        'x' | Send-FluvioRecord -Topic $topic
        $null = Receive-FluvioRecord -Topic $topic -Consumer $consumer

        Get-FluvioConsumer -Consumer $consumer | Remove-FluvioConsumer -Confirm:$false

        Get-FluvioConsumer -Consumer $consumer -ErrorAction SilentlyContinue -ErrorVariable missing | Should -BeNullOrEmpty
        $missing | Should -HaveCount 1
        $missing[0].FullyQualifiedErrorId | Should -BeLike 'ConsumerNotFound,*'
        $missing[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        (Receive-FluvioRecord -Topic $topic -Consumer $consumer).Value | Should -Be 'x'
    }
}

Describe 'The README''s drain gate' {
    BeforeAll {
        . (Join-Path $repoRoot 'build/Invoke-Pwsh.ps1')
        $script:gate = Join-Path $repoRoot 'examples/scheduled-drain-gate.ps1'
        function script:Invoke-Gate([string] $Consumer, [string] $Topic) {
            $stderr = Join-Path $TestDrive 'gate-stderr.txt'
            $modulePath = (Join-Path $repoRoot 'out') + [IO.Path]::PathSeparator + $env:PSModulePath
            $output = Invoke-Pwsh -Arguments '-File', $gate, '-Consumer', $Consumer, '-Topic', $Topic, '-Timeout', '00:00:01' -Environment @{ PSModulePath = $modulePath } 2> $stderr
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = $output; Errors = (Get-Content $stderr -Raw) }
        }
    }

    It 'is the example file, word for word' {
        (Get-Content (Join-Path $repoRoot 'README.md') -Raw).Contains((Get-Content $gate -Raw).Trim()) | Should -BeTrue
    }

    It 'exits 1 naming ConsumerLagTimeout while the consumer lags, and runs the job once it has caught up' {
        $topic = New-TestTopic
        $consumer = "pester-gate-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        'job-1', 'job-2' | Send-FluvioRecord -Topic $topic

        $lagging = Invoke-Gate -Consumer $consumer -Topic $topic
        $null = Receive-FluvioRecord -Topic $topic -Consumer $consumer
        $drained = Invoke-Gate -Consumer $consumer -Topic $topic

        $lagging.ExitCode | Should -Be 1
        $lagging.Errors | Should -BeLike 'Not drained: ConsumerLagTimeout,*still lags 2 record(s)*'
        $drained.ExitCode | Should -Be 0 -Because $drained.Errors
        $drained.Output | Should -Be "Consumer '$consumer' has read every record of '$topic'."
    }
}

# Connect-Fluvio sets defaults for the rest of the session, so these run last.
Describe 'Connection defaults' {
    It 'fails with TopicRequired when no topic is set anywhere' {
        { 'x' | Send-FluvioRecord -ErrorAction Stop } | Should -Throw -ErrorId 'TopicRequired,*'
    }

    It 'takes the topic from $env:FLUVIO_TOPIC' {
        $topic = New-TestTopic
        $env:FLUVIO_TOPIC = $topic
        try {
            'from env' | Send-FluvioRecord
            (Receive-FluvioRecord).Value | Should -Be 'from env'
        }
        finally {
            $env:FLUVIO_TOPIC = $null
        }
    }

    It 'runs the card''s line with no -Topic after Connect-Fluvio -Topic' {
        $topic = New-TestTopic -Partitions 3
        $data = Join-Path $TestDrive 'card.txt'
        Set-Content -Path $data -Value $seedLines

        $connection = Connect-Fluvio -Topic $topic -PassThru
        Get-Content $data | Send-FluvioRecord -KeySeparator '='

        $connection.Topic | Should -Be $topic
        $connection.Endpoint | Should -Be $cluster.Endpoint
        $records = Receive-FluvioRecord
        $records | Should -HaveCount 3
        ($records | Where-Object Key -eq 'alice').Partition | Should -Be 2
    }
}
