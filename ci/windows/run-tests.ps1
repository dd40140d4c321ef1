<#
.SYNOPSIS
Runs the connotify wine-tests programs natively against Windows' own MPR.

.DESCRIPTION
Input is a bundle made by .github/scripts/windows-bundle.sh from one MinGW
build tree (mingw64 -> x64, mingw32 -> x86): the programs and DLLs, the CTest
test list (tests.json) and the .reg files the Wine prefix fixture imports.

1. Registers from the same definition the Wine fixture uses: every .reg file
   on the fixture's setup command line (test wineprefix.stock.setup) is
   `reg import`ed (again before each program). The .reg paths are
   REG_EXPAND_SZ %CONNOTIFY_BIN%\...; MPR expands them in the calling
   process, so CONNOTIFY_BIN is set to this arch's DLL directory for every
   program.
   The Notifyees, Order and Services keys are in HKLM\SYSTEM, which WOW64
   shares between the 64- and 32-bit views; HKLM\SOFTWARE (the reference
   notifier's LogPath) is redirected for 32-bit processes, so for x86 the
   files are imported into both views (/reg:64 and /reg:32).
2. Runs each test carrying a selected CTest label (default: mpr) once
   (negative controls with WILL_FAIL or a PASS/FAIL regex excepted), with
   the environment CTest gives it under Wine (WINE* dropped, paths mapped
   to the bundle) and CONNOTIFY_EXPECT=dispatch: real MPR dispatches.
3. Writes RESULTS\<test>.log (output), RESULTS\logs\<test>.jsonl (the
   reference notifier's log: CONNOTIFY_LOG), RESULTS\junit\<test>\ (the
   programs' own per-check JUnit), RESULTS\results.xml (one testcase per
   program) and RESULTS\summary.md (also appended to GITHUB_STEP_SUMMARY).

ProviderOrder is saved first and restored at the end: the .reg file puts the
test provider first in it.

Exit status: 0 when every program passed (or skipped with 77), 1 when any
failed, 2 on bad input (one line naming the problem).

.EXAMPLE
./ci/windows/run-tests.ps1 -Bundle bundle -Arch x64 -Results results
#>
param(
    [Parameter(Mandatory = $true)] [string] $Bundle,
    [Parameter(Mandatory = $true)] [ValidateSet('x64', 'x86')] [string] $Arch,
    [string] $Results = 'results',
    [string[]] $Labels = @('mpr'),
    # A vendor's notifier DLL, registered beside the suite's (Notifyees value
    # connotify_vendor) so the real-MPR run loads it too.
    [string] $ExtraNotifier = '',
    [int] $TimeoutSeconds = 300
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

function Fail-Input([string] $msg) {
    [Console]::Error.WriteLine("run-tests: $msg")
    exit 2
}

$orderKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\NetworkProvider\Order'
$notifyeesKey = 'HKLM:\SYSTEM\CurrentControlSet\Control\NetworkProvider\Notifyees'

if (-not (Test-Path -LiteralPath $Bundle -PathType Container)) { Fail-Input "no bundle directory: $Bundle" }
$Bundle = (Resolve-Path -LiteralPath $Bundle).Path
foreach ($f in 'tests.json', 'bundle.txt') {
    if (-not (Test-Path -LiteralPath (Join-Path $Bundle $f))) { Fail-Input "not a bundle (no $f): $Bundle" }
}
$principal = [Security.Principal.WindowsPrincipal] [Security.Principal.WindowsIdentity]::GetCurrent()
if (-not $principal.IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)) {
    Fail-Input 'must run as administrator (it writes HKLM)'
}

# Linux paths of the build and source trees, as tests.json names them.
$meta = @{}
foreach ($line in Get-Content -LiteralPath (Join-Path $Bundle 'bundle.txt')) {
    $k, $v = $line -split '=', 2
    $meta[$k] = $v
}
if (-not $meta.ContainsKey('builddir') -or -not $meta.ContainsKey('srcdir')) { Fail-Input 'bundle.txt lacks builddir= or srcdir=' }

# A Linux path (/x/y or Wine's Z:\x\y) inside the build or source tree, as a
# path in the bundle; anything else unchanged.
function Map-Path([string] $p) {
    $u = $p
    if ($u -match '^[Zz]:\\') { $u = $u.Substring(2) -replace '\\', '/' }
    foreach ($pair in @(@($meta['builddir'], 'build'), @($meta['srcdir'], 'src'))) {
        $root = $pair[0]
        if ($u -eq $root -or $u.StartsWith("$root/")) {
            $rest = $u.Substring($root.Length).TrimStart('/')
            if (-not $rest) { return (Join-Path $Bundle $pair[1]) }
            return (Join-Path (Join-Path $Bundle $pair[1]) ($rest -replace '/', '\')).TrimEnd('\')
        }
    }
    return $p
}

function Get-Prop($test, [string] $name) {
    if (-not $test.PSObject.Properties['properties']) { return $null }
    foreach ($p in $test.properties) { if ($p.name -eq $name) { return $p.value } }
    return $null
}

$info = Get-Content -LiteralPath (Join-Path $Bundle 'tests.json') -Raw | ConvertFrom-Json
$tests = @($info.tests)

# --- the registration definition: the .reg files of the fixture's setup command
$setup = $tests | Where-Object { $_.name -eq 'wineprefix.stock.setup' } | Select-Object -First 1
if (-not $setup) { Fail-Input 'tests.json has no wineprefix.stock.setup (the prefix fixture)' }
$regFiles = @($setup.command | Where-Object { $_ -match '\.reg$' } | ForEach-Object { Map-Path $_ })
if ($regFiles.Count -eq 0) { Fail-Input 'the prefix fixture imports no .reg file' }
foreach ($r in $regFiles) { if (-not (Test-Path -LiteralPath $r)) { Fail-Input "missing .reg file in bundle: $r" } }

# --- the programs: tests with a selected label, one run per program + arguments
$selected = [ordered]@{}
foreach ($t in $tests) {
    # (PowerShell names are case-blind: $testLabels, never $labels.)
    $testLabels = @(Get-Prop $t 'LABELS' | Where-Object { $_ })
    if (-not ($testLabels | Where-Object { $Labels -contains $_ })) { continue }
    # Negative controls (a wrong expectation must fail) are judged by CTest
    # properties, not the exit status: they are Wine-run checks of the checks.
    if ((Get-Prop $t 'WILL_FAIL') -or (Get-Prop $t 'PASS_REGULAR_EXPRESSION') -or
        (Get-Prop $t 'FAIL_REGULAR_EXPRESSION')) { continue }
    $cmd = @($t.command)
    $i = 0
    while ($i -lt $cmd.Count -and $cmd[$i] -notmatch '\.exe$') { $i++ }
    if ($i -ge $cmd.Count) { continue }   # not a Windows program
    $exe = Map-Path $cmd[$i]
    $cmdArgs = @()
    if ($i + 1 -lt $cmd.Count) { $cmdArgs = @($cmd[($i + 1)..($cmd.Count - 1)] | ForEach-Object { Map-Path $_ }) }
    $key = ($exe + ' ' + ($cmdArgs -join ' '))
    if ($selected.Contains($key)) { continue }
    # mpr.stock.X and mpr.patched.X are one program: on Windows it is mpr.windows.X.
    $name = $t.name -replace '^mpr\.(stock|patched)\.', 'mpr.windows.'
    $env0 = [ordered]@{}
    foreach ($kv in @(Get-Prop $t 'ENVIRONMENT')) {
        if (-not $kv) { continue }
        $k, $v = $kv -split '=', 2
        if ($k -match '^WINE') { continue }
        $env0[$k] = ((($v -split ';') | ForEach-Object { Map-Path $_ }) -join ';')
    }
    $wd = Get-Prop $t 'WORKING_DIRECTORY'
    $wd = if ($wd) { Map-Path $wd } else { Split-Path -Parent $exe }
    $selected[$key] = [pscustomobject]@{ Name = $name; Exe = $exe; Args = $cmdArgs; Env = $env0; Dir = $wd }
}
if ($selected.Count -eq 0) { Fail-Input "no Windows program carries a label in: $($Labels -join ', ')" }

# CONNOTIFY_BIN: what the Wine tests set, mapped into the bundle.
$bin = $null
foreach ($s in $selected.Values) { if ($s.Env.Contains('CONNOTIFY_BIN')) { $bin = $s.Env['CONNOTIFY_BIN']; break } }
if (-not $bin) { Fail-Input 'no test sets CONNOTIFY_BIN (the DLL directory the .reg paths name)' }
if (-not (Test-Path -LiteralPath $bin -PathType Container)) { Fail-Input "CONNOTIFY_BIN is not in the bundle: $bin" }
$env:CONNOTIFY_BIN = $bin

if ($ExtraNotifier) {
    if (-not (Test-Path -LiteralPath $ExtraNotifier -PathType Leaf)) { Fail-Input "no such notifier DLL: $ExtraNotifier" }
    $ExtraNotifier = (Resolve-Path -LiteralPath $ExtraNotifier).Path
}

New-Item -ItemType Directory -Force -Path $Results | Out-Null
$Results = (Resolve-Path -LiteralPath $Results).Path

# --- register
$savedOrder = (Get-ItemProperty -LiteralPath $orderKey -Name ProviderOrder -ErrorAction SilentlyContinue).ProviderOrder
Write-Host "run-tests: $Arch, CONNOTIFY_BIN=$bin, ProviderOrder was '$savedOrder'"
$views = if ($Arch -eq 'x86') { @('/reg:64', '/reg:32') } else { @('/reg:64') }
$status = 0
$rows = @()
# reg import of the definition (both views for x86). Done again before each
# program: a test that rewrites a registered value (e.g. LogPath) cannot leak
# into the next one.
function Register-Definition([bool] $loud) {
    foreach ($r in $regFiles) {
        foreach ($v in $views) {
            if ($loud) { Write-Host "run-tests: reg import $r $v" }
            # reg.exe reports success on stderr: not an error record.
            $ErrorActionPreference = 'Continue'
            $said = (& reg.exe import $r $v 2>&1 | Out-String).Trim()
            $rc = $LASTEXITCODE
            $ErrorActionPreference = 'Stop'
            if ($rc -ne 0) { throw "reg import $r $v failed with $rc`: $said" }
        }
    }
}

try {
    Register-Definition $true
    if ($ExtraNotifier) {
        New-ItemProperty -LiteralPath $notifyeesKey -Name connotify_vendor -PropertyType ExpandString `
            -Value $ExtraNotifier -Force | Out-Null
    }
    # What MPR will load, expanded as in the test processes.
    $nk = Get-Item -LiteralPath $notifyeesKey
    foreach ($vn in $nk.GetValueNames()) {
        $raw = $nk.GetValue($vn, $null, 'DoNotExpandEnvironmentNames')
        $path = [Environment]::ExpandEnvironmentVariables($raw)
        $state = if (Test-Path -LiteralPath $path) { 'present' } else { 'MISSING' }
        Write-Host "run-tests: Notifyees $vn = $raw -> $path ($state)"
    }
    Write-Host "run-tests: ProviderOrder = '$((Get-ItemProperty -LiteralPath $orderKey).ProviderOrder)'"

    # --- run
    $n = 0
    foreach ($s in $selected.Values) {
        $n++
        $log = Join-Path $Results "$($s.Name).log"
        $junitDir = Join-Path (Join-Path $Results 'junit') $s.Name
        $logDir = Join-Path $Results 'logs'
        New-Item -ItemType Directory -Force -Path $junitDir, $logDir | Out-Null
        $psi = New-Object System.Diagnostics.ProcessStartInfo
        $psi.FileName = $s.Exe
        $psi.Arguments = ($s.Args | ForEach-Object { if ($_ -match '[\s"]') { '"' + ($_ -replace '"', '\"') + '"' } else { $_ } }) -join ' '
        $psi.WorkingDirectory = $s.Dir
        $psi.UseShellExecute = $false
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        foreach ($k in $s.Env.Keys) { $psi.EnvironmentVariables[$k] = $s.Env[$k] }
        $psi.EnvironmentVariables['CONNOTIFY_BIN'] = $bin
        $psi.EnvironmentVariables['CONNOTIFY_EXPECT'] = 'dispatch'
        $psi.EnvironmentVariables['CONNOTIFY_JUNIT_DIR'] = $junitDir
        $psi.EnvironmentVariables['CONNOTIFY_LOG'] = Join-Path $logDir "$($s.Name).jsonl"
        Write-Host "run-tests: [$n/$($selected.Count)] $($s.Name)"
        Register-Definition $false
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $p = [Diagnostics.Process]::Start($psi)
        $out = $p.StandardOutput.ReadToEndAsync()
        $err = $p.StandardError.ReadToEndAsync()
        if ($p.WaitForExit($TimeoutSeconds * 1000)) {
            $p.WaitForExit()
            $code = $p.ExitCode
        } else {
            $p.Kill($true)   # the tree: a child holding the pipes would block the reads
            $p.WaitForExit()
            $code = 'timeout'
        }
        $secs = [math]::Round($watch.Elapsed.TotalSeconds, 1)
        $text = $out.Result + $err.Result
        Set-Content -LiteralPath $log -Value $text -Encoding utf8
        $summary = ($text -split "`r?`n" | Where-Object { $_ -match 'tests executed' } | Select-Object -Last 1)
        if (-not $summary) { $summary = '' }
        $verdict = if ($code -eq 0) { 'pass' } elseif ($code -eq 77) { 'skip' } else { 'FAIL' }
        if ($verdict -eq 'FAIL') {
            $status = 1
            $first = ($text -split "`r?`n" | Where-Object { $_ -match 'Test failed' } | Select-Object -First 1)
            if ($first) { $summary = "$summary $first" }
            Write-Host $text
        }
        Write-Host "run-tests: $verdict $($s.Name) (exit $code, $secs s) $summary"
        $rows += [pscustomobject]@{ Name = $s.Name; Verdict = $verdict; Code = $code; Secs = $secs; Detail = $summary.Trim() }
    }
}
catch {
    Write-Host "run-tests: FAIL $($_.Exception.Message)"
    $status = 1
}
finally {
    if ($null -ne $savedOrder) {
        Set-ItemProperty -LiteralPath $orderKey -Name ProviderOrder -Value $savedOrder
    }
    if ($ExtraNotifier) { Remove-ItemProperty -LiteralPath $notifyeesKey -Name connotify_vendor -ErrorAction SilentlyContinue }
}

# --- reports
function Esc-Xml([string] $s) { return [Security.SecurityElement]::Escape($s) }
$failed = @($rows | Where-Object { $_.Verdict -eq 'FAIL' }).Count
$skipped = @($rows | Where-Object { $_.Verdict -eq 'skip' }).Count
$xml = @('<?xml version="1.0" encoding="UTF-8"?>',
    "<testsuite name=`"windows-$Arch`" tests=`"$($rows.Count)`" failures=`"$failed`" skipped=`"$skipped`">")
foreach ($r in $rows) {
    $xml += "  <testcase classname=`"windows.$Arch`" name=`"$(Esc-Xml $r.Name)`" time=`"$($r.Secs)`">"
    if ($r.Verdict -eq 'FAIL') { $xml += "    <failure message=`"$(Esc-Xml ("exit $($r.Code): " + $r.Detail))`"/>" }
    if ($r.Verdict -eq 'skip') { $xml += "    <skipped message=`"exit 77`"/>" }
    $xml += '  </testcase>'
}
$xml += '</testsuite>'
Set-Content -LiteralPath (Join-Path $Results 'results.xml') -Value $xml -Encoding utf8

$md = @("### Windows $Arch, real MPR (CONNOTIFY_EXPECT=dispatch)", '',
    "$($rows.Count) programs: $($rows.Count - $failed - $skipped) passed, $failed failed, $skipped skipped", '',
    '| program | verdict | exit | seconds | summary |', '| --- | --- | --- | --- | --- |')
foreach ($r in $rows) { $md += "| $($r.Name) | $($r.Verdict) | $($r.Code) | $($r.Secs) | $($r.Detail -replace '\|', '\|') |" }
$md += ''
Set-Content -LiteralPath (Join-Path $Results 'summary.md') -Value $md -Encoding utf8
if ($env:GITHUB_STEP_SUMMARY) { Add-Content -LiteralPath $env:GITHUB_STEP_SUMMARY -Value $md -Encoding utf8 }

Write-Host "run-tests: $($rows.Count - $failed - $skipped) passed, $failed failed"
exit $status
