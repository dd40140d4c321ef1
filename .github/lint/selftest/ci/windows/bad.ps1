# Deliberately bad PowerShell: ci/lint.sh must reject it (selftest.sh).
function Get-Broken([string] $a {
    if ($a -eq 1) { "x" }
}
