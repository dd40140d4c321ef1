/* The check catalogue (see catalogue.h). */
#include "catalogue.h"

#include <stdio.h>
#include <string.h>

#define G KIND_GATE
#define R KIND_REPORT

/* X(id, case, tag, kind, depends, title, protects) */
#define CHECK_LIST(X)                                                                              \
    X("static.arch", "static", "doc", G, "-", "PE machine matches --arch",                         \
      "a DLL of the other architecture is never loaded by MPR")                                    \
    X("static.exports", "static", "doc", G, "-",                                                   \
      "AddConnectNotify and CancelConnectNotify exported by plain name",                           \
      "MPR finds the exports with GetProcAddress by plain name; decorated names are never called") \
    X("static.imports", "static", "design", R, "-",                                                \
      "No UI, COM or network DLL imported at load time",                                           \
      "the notifier is loaded into every process that maps a drive")                               \
    X("static.sections", "static", "design", G, "-", "No PE section both shared and writable",     \
      "a shared section is one copy in every process that loads the DLL, across users")            \
    X("load.time", "load", "design", G, "-", "LoadLibrary succeeds within the load budget",        \
      "DllMain runs under the loader lock of every process that maps a drive")                     \
    X("load.threads", "load", "design", G, "-", "DllMain creates no thread",                       \
      "a thread started under the loader lock deadlocks or outlives FreeLibrary")                  \
    X("load.modules", "load", "design", R, "-", "DllMain loads no DLL beyond its imports",         \
      "LoadLibrary under the loader lock risks deadlock")                                          \
    X("load.unset", "load", "design", G, "-",                                                      \
      "Loads and unloads with its settings keys absent, without an exception",                     \
      "MPR loads every registered notifier before its policy arrives and after an uninstall "      \
      "removed its key: a DllMain that faults then, or a DLL_PROCESS_DETACH that frees what a "    \
      "failed attach never made, fails in every process that maps a drive")                        \
    X("load.cycles", "cycles", "design", G, "-",                                                   \
      "Load, call, unload: nothing of the notifier runs or waits after FreeLibrary",               \
      "processes that load, call and free MPR and live on: a timer, thread, wait or vectored "     \
      "handler left registered, or an entry of the host's import table left repointed, runs "      \
      "unmapped code; a DllMain that waits hangs FreeLibrary")                                     \
    X("load.exit", "exit", "design", G, "-",                                                       \
      "The host process ends promptly after its calls: nothing of the notifier waits at exit",     \
      "every process that maps a drive ends through the notifier's DllMain, after every other "    \
      "thread has ended: a wait there for one of them hangs the process forever, and state it "    \
      "keeps per process (a registry key) and removes only at FreeLibrary stays for good")         \
    X("host.identity", "host", "design", G, "-",                                                   \
      "Any host process: long non-ASCII image path, command line, current directory, folders",     \
      "the notifier runs in every process that maps a drive: its image path, command line, "       \
      "current directory and profile folders are that process's, of any length and script")        \
    X("drive.add", "add", "doc", G, "-", "Add: PRE, then POST with the PRE lpContext",             \
      "the documented add sequence with success and failure results; books kept in the add "       \
      "PRE, which an add that fails (a server down) leaves wrong; books that find a share by a "   \
      "hash of its name alone, refusing a share held nowhere as connected")                        \
    X("drive.cancel", "cancel", "doc", G, "-", "Cancel: PRE, then POST with the PRE lpContext",    \
      "the documented cancel sequence, forced and unforced; a cancel of a connection another "     \
      "process made, after which the notifier's books refuse that device; books kept in the "      \
      "cancel PRE, which a cancel that fails (open files) leaves wrong; a cancel by remote name, " \
      "which ends only deviceless connections [doc], taken as the end of a drive on that share; "  \
      "a cancel refused for a name whose add is refused, which keeps an old connection for good; " \
      "a cancel that failed for open files forced later by the notifier's own thread; a cap "      \
      "of held drives counted per token, or only at the POST (two adds in flight pass it)")        \
    X("drive.openfiles", "cancel", "doc", G, "-",                                                  \
      "Nothing open on the drive when an unforced cancel's PRE returns",                           \
      "an unforced cancel fails while a file is open on the connection: a watch or file the "      \
      "notifier keeps on the drive until a POST that says success makes it impossible to unmap "   \
      "without force")                                                                             \
    X("drive.nulllocal", "nulllocal", "doc", G, "-", "NULL lpLocalName, lpProvider and hwndOwner", \
      "deviceless connections and callers that name no provider")                                  \
    X("drive.names", "names", "doc", G, "-", "Empty names and unusual UTF-16",                     \
      "names are caller data: empty strings, unpaired surrogates, control characters")             \
    X("drive.long", "long", "doc", G, "-", "Names up to 32767 code units",                         \
      "fixed-size name buffers (MAX_PATH) overflow")                                               \
    X("drive.pathnames", "pathnames", "doc", G, "-",                                               \
      "Path shapes: 10 to 16000 components, separator runs, device prefixes, ':' and '$'",         \
      "parsers with a fixed count of path components or one recursion per component")              \
    X("drive.fmtnames", "fmtnames", "design", G, "-",                                              \
      "Names with printf directives (%s, %n, %999999d) in every field",                            \
      "a name used as the format of printf, wsprintf or FormatMessage")                            \
    X("drive.localnames", "localnames", "doc", G, "-",                                             \
      "lpLocalName of any shape: z:, 0:, U+FFFF:, LPT1, 17 to 32767 units",                        \
      "tables indexed by a drive letter, local buffers sized in bytes instead of units, a device " \
      "name read as a drive letter (LPT1 as L:)")                                                  \
    X("drive.flags", "flags", "doc", G, "-",                                                       \
      "Every dwType, dwAddFlags, dwFlags and fForce (any nonzero BOOL)",                           \
      "every documented flag combination, and policies that test a flag's bit: a flags word "      \
      "compared whole (== CONNECT_UPDATE_PROFILE) lets the flag through beside another one; an "   \
      "allow-list of the flags its author knew refuses the caller of any other; a cancel without " \
      "CONNECT_UPDATE_PROFILE leaves the connection remembered, so it frees no place under a "     \
      "cap on persistent drives, and an add without it is not remembered, so such a cap does not " \
      "apply to it")                                                                               \
    X("drive.case", "spelling", "doc", G, "-",                                                     \
      "A name in upper or lower case, or on y: for Y:, gets the same answer",                      \
      "server, share and drive names are case-insensitive, beyond ASCII too: a policy compared "   \
      "case-sensitively, or folding A to Z only, is bypassed by the same name in upper case")      \
    X("drive.anytype", "spelling", "design", G, "-",                                               \
      "A deviceless RESOURCETYPE_ANY add is refused where RESOURCETYPE_DISK is",                   \
      "a deviceless connection may be RESOURCETYPE_ANY [doc] and is then a disk: a check for "     \
      "DISK alone lets it through")                                                                \
    X("drive.deviceless", "spelling", "doc", G, "-",                                               \
      "A deviceless add gets the same answer with lpLocalName NULL and \"\"",                      \
      "lpLocalName NULL or empty both mean a deviceless connection [doc]: a policy that takes "    \
      "only NULL as deviceless lets \"\" through the drive-letter rules")                          \
    X("drive.lookalike", "spelling", "design", G, "-",                                             \
      "A refused share spelt another way, or a host like an allowed one, is refused",              \
      "a policy by name: a trailing dot on a DNS server name or '..' below the share names the "   \
      "same share, \\\\server@SSL\\... the same host; fileserver-x, fileserver2, qxfileserver "    \
      "and fileserver with a soft hyphen (U+00AD) are other hosts than an allowed fileserver; a "  \
      "server whose every share is refused is refused alone, as net use \\\\server asks")          \
    X("drive.script", "spelling", "design", G, "-",                                                \
      "A name in Greek, Cyrillic, Japanese, Korean or Arabic letters gets the answer of its "      \
      "ASCII twin",                                                                                \
      "names are UTF-16 and a UTF-8 copy takes up to 3 bytes a unit: a buffer sized from the "     \
      "UTF-16 length refuses (or lets through) every share named in another script")               \
    X("drive.reuse", "spelling", "design", G, "-",                                                 \
      "A name in a buffer that held another, from a caller of another identity, or on a thread "   \
      "with earlier calls, gets its own answer",                                                   \
      "callers keep the name they pass in one buffer from one mapping to the next, a service "     \
      "maps for the clients it impersonates, and a thread maps many drives: answers kept by the "  \
      "name's address, for the process or for the thread give a new name or caller an old one's "  \
      "decision; a caller's rights read from the process's token give every client the "           \
      "service's")                                                                                 \
    X("drive.owner", "spelling", "doc", G, "-",                                                    \
      "A window of another program passed as hwndOwner lets no refused name through",              \
      "hwndOwner is only the owner the caller lends to dialogs and window handles are public to "  \
      "every process of the desktop: a notifier that trusts a window of its console or admin "     \
      "tool lets through every caller that finds that window")                                     \
    X("drive.noprovider", "spelling", "doc", G, "-",                                               \
      "An add with lpProvider NULL gets the answer it gets naming the Windows network",            \
      "callers leave lpProvider NULL (net use does) and the system finds the provider from the "   \
      "name: a policy kept only for adds that name the network, or only for those that name "      \
      "none, lets the other spelling of the same mapping through")                                 \
    X("drive.uninit", "spelling", "design", G, "-",                                                \
      "An answer or a record does not hang on what the caller's stack or last error held",         \
      "a variable read before it is set takes what the caller's earlier calls left on the "        \
      "stack, and GetLastError after a call that sets none what they left there: the same name "   \
      "is allowed or refused by chance, or a buffer never filled puts that in a log")              \
    X("drive.apartment", "spelling", "design", G, "-",                                             \
      "The caller's COM apartment does not change an answer",                                      \
      "UI threads live in a single-threaded apartment, service workers in the MTA or none: a "     \
      "notifier's own CoInitializeEx gets RPC_E_CHANGED_MODE on some of them, not a failure")      \
    X("drive.postrefuse", "spelling", "w9x", R, "-",                                               \
      "No refusal in a POST after a success: it refuses in PRE",                                   \
      "the operation is done when POST runs; an error from a POST after a success counts as "      \
      "success [w9x]: the share a policy refuses in POST stays mapped")                            \
    X("settings.machine", "userpolicy", "design", G, "-",                                          \
      "A value in HKCU or the caller's environment does not override the machine's policy",        \
      "HKLM\\SOFTWARE is written by administrators, HKCU and the environment by the user: a "      \
      "setting read from HKCU first lets any user replace the machine's policy (an emptied "       \
      "block list), a user name read from USERNAME lets any user be another")                      \
    X("settings.view", "userpolicy", "doc", G, "-",                                                \
      "Machine settings read from the registry view the settings file puts them in",               \
      "a 64-bit installer writes HKLM\\SOFTWARE in the 64-bit view, a 32-bit one in Wow6432Node: " \
      "a notifier that reads the other view runs without its policy")                              \
    X("settings.enforced", "userpolicy", "design", G, "-",                                         \
      "Block, allow and protected-drive lists of the settings in force in an ordinary process",    \
      "a policy that depends on a read, a check or an API call of its own that fails for some "    \
      "callers (a service, a new profile, no default key container) and then allows everything "   \
      "fails open in exactly those processes; a list or verdicts kept from before a policy push "  \
      "leave a server the push blocks mapping in every running process; a list read into a fixed " \
      "buffer stops blocking once a long policy outgrows it")                                      \
    X("drive.preprovider", "preprovider", "doc", G, "-",                                           \
      "Cancel: lpProvider (a NOACCESS page) not read in PRE nor in a failed POST",                 \
      "NOTIFYCANCEL.lpProvider is undefined in PRE and after a failed cancel")                     \
    X("drive.addfields", "addfields", "doc", G, "-",                                               \
      "Add: lpComment (a NOACCESS page) not read; dwScope, dwDisplayType, dwUsage of any value "   \
      "change no answer",                                                                          \
      "NOTIFYADD.NetResource holds what NPAddConnection uses (dwType, lpLocalName, "               \
      "lpRemoteName, lpProvider); a caller may leave the rest uninitialised")                      \
    X("drive.forged", "forged", "design", R, "-",                                                  \
      "POST with an lpContext the notifier never issued",                                          \
      "a notifier that trusts lpContext blindly")                                                  \
    X("drive.statuses", "statuses", "doc", G, "-",                                                 \
      "Any provider result in POST, any hwndOwner, 1-unit names",                                  \
      "dwOperationStatus is whatever the provider returned: any DWORD; 2108 and 2109 say the "     \
      "connection was made, with other credentials")                                               \
    X("drive.retries", "retries", "design", G, "-",                                                \
      "An add refused by a limit of the rate of adds goes through again at that rate, also "       \
      "while the caller retries",                                                                  \
      "Explorer, logon scripts and backup jobs retry a refused mapping every few seconds: a "      \
      "limit that counts each refused retry as an add, or restarts its refill on each call, "      \
      "refuses that caller for as long as it retries")                                             \
    X("drive.info", "info", "doc", G, "-",                                                         \
      "NOTIFYINFO: only lpContext written, nothing past its end",                                  \
      "NOTIFYINFO is the caller's: lpContext is its only output")                                  \
    X("drive.lifetime", "lifetime", "design", G, "-",                                              \
      "No buffer of an operation is touched after it returned, on any thread",                     \
      "the caller frees every structure and name when the operation returns, also before "         \
      "work the notifier queued to another thread runs")                                           \
    X("drive.prepost", "prepost", "doc", R, "-",                                                   \
      "POST with fresh buffers: PRE buffers not read after the PRE returned",                      \
      "the PRE structures are valid only during the PRE call")                                     \
    X("latency", "latency", "design", G, "-", "Each call returns within the budget",               \
      "MPR waits for every notifier before and after the provider: the caller blocks")             \
    X("latency.network", "latency", "design", G, "-",                                              \
      "No network round trip on the caller's thread",                                              \
      "a DNS lookup, connect, ping, HTTP request, pipe wait or file on a share in a callback "     \
      "makes the caller wait for the network's timeout, 20 s and more when a host does not "       \
      "answer")                                                                                    \
    X("drive.highaddr", "highaddr", "design", G, "-",                                              \
      "Pointers above 4 GiB: no pointer truncated to 32 bits",                                     \
      "x86_64 callers whose heap and stacks live above 4 GiB")                                     \
    X("drive.stack", "stack", "design", G, "-",                                                    \
      "Each call's stack use within the budget, also on a small stack",                            \
      "callers on threads with small stacks (services, thread pools)")                             \
    X("drive.returns", "returns", "doc", G, "-",                                                   \
      "Every return is WN_SUCCESS or a WN_* error code",                                           \
      "MPR passes notifier errors on: only documented codes")                                      \
    X("drive.preerror", "returns", "w9x", R, "-",                                                  \
      "Errors from PRE (MPR would fail the operation)",                                            \
      "an error from PRE makes the caller's operation fail")                                       \
    X("drive.refuseall", "returns", "design", G, "-",                                              \
      "PRE does not refuse every ordinary add, nor every cancel",                                  \
      "a PRE error fails the operation: refusing every input fails every mapping in the process")  \
    X("state.process", "state", "design", G, "-", "Process-wide state is left as found",           \
      "current directory, environment, error mode, DLL search path, locale, exception filter, "    \
      "priority class, console handlers and code pages, standard handles, the privileges "         \
      "enabled in its token, its Winsock (an unmatched WSACleanup closes its sockets), its "       \
      "Ctrl+C flag, shutdown parameters, the file mode and time zone of a C runtime it shares, "   \
      "its command line, the handles its children inherit, its predefined registry keys "          \
      "(RegOverridePredefKey) and "                                                                \
      "the COM apartments of its pool threads belong to the host process, and the protection of "  \
      "the caller's buffers to the caller; the user's remembered connections (HKCU\\Network) to "  \
      "the user; a process it did not start to its program; the desktop's other GUI processes "    \
      "to themselves (no global window hook); the COM security and DPI awareness a process sets "  \
      "once, and its timer resolution, to the host")                                               \
    X("state.thread", "state", "design", G, "-",                                                   \
      "The calling thread's FPU, SSE, COM, token, scheduling, lock and power state is left as "    \
      "found",                                                                                     \
      "floating-point modes, the COM apartment (none, STA or MTA), the impersonation token, "      \
      "priority, affinity, error mode, stack guarantee, the C runtime's strtok position, the "     \
      "locks it holds, its power requests, the fiber it runs, its synchronous I/O and (32-bit) "   \
      "its WOW64 file-system redirection and exception registrations and the window hooks on "     \
      "it belong to the caller's thread")                                                          \
    X("state.queues", "state", "design", G, "-",                                                   \
      "The caller's queued APCs and posted messages are left queued, and nothing is added",        \
      "a callback runs on the caller's thread: an alertable wait there runs the caller's queued "  \
      "APCs, a message loop there dispatches or drops its posted messages; a WM_QUIT, thread "     \
      "message, thread timer or completion routine left there ends the caller's loop or runs "     \
      "the notifier from it")                                                                      \
    X("state.window", "spelling", "design", G, "-",                                                \
      "The caller's window passed as hwndOwner is left as found, and never waited on",             \
      "hwndOwner is the caller's window, lent as the owner of a dialog: a window left disabled, "  \
      "hidden or restyled takes the caller's UI with it, and a message sent to it from a call "    \
      "with no dialog asked for waits for a UI thread that may be waiting for that call")          \
    X("state.tls", "state", "design", G, "-", "No TLS slot leaked per call nor used once freed",   \
      "TLS slots are a small per-process pool, and TlsAlloc gives a freed index out again: to "    \
      "the host")                                                                                  \
    X("state.stdout", "state", "design", G, "-", "Nothing written to the host's standard output",  \
      "the notifier runs inside net use, scripts and services: its text lands in their output "    \
      "and breaks what reads it")                                                                  \
    X("state.lasterror", "state", "design", R, "-",                                                \
      "GetLastError is the same after a call as before",                                           \
      "callers read the last error after their own WNet call, and Wine's MPR sets none after "     \
      "its notifiers: a failed mapping logged with the notifier's error, not the provider's")      \
    X("state.modules", "modules", "doc", G, "-",                                                   \
      "A module the host loaded stays loaded: no FreeLibrary without a matching LoadLibrary, "     \
      "and no DLL mapped unresolved (DONT_RESOLVE_DLL_REFERENCES)",                                \
      "GetModuleHandle takes no reference and FreeLibrary drops one: a notifier that frees what "  \
      "GetModuleHandle found unloads the host's own DLL, and the host crashes calling into it; "   \
      "a DLL mapped unresolved is what the host's own LoadLibrary of it then gets")                \
    X("reentry.mpr", "reentry", "design", G, "-",                                                  \
      "No WNet call back into MPR from inside a callback",                                         \
      "MPR is not re-entrant from its notifiers: recursion and deadlock")                          \
    X("loader.planting", "loader", "design", G, "-",                                               \
      "No DLL or program loaded by a bare, relative or unquoted name, nor from a folder users "    \
      "can write",                                                                                 \
      "a bare name is searched in the caller's directories, an unquoted path with a space runs "   \
      "C:\\Program.exe, a DLL or program in a user-writable folder is replaced: planting")         \
    X("loader.ui", "loader", "design", R, "-", "No UI from a callback",                            \
      "services and non-interactive callers have no desktop")                                      \
    X("loader.interactive", "loader", "doc", G, "-",                                               \
      "No UI in a call whose caller did not allow it (an add without CONNECT_INTERACTIVE, any "    \
      "cancel)",                                                                                   \
      "hwndOwner is valid, and a dialog allowed, only with CONNECT_INTERACTIVE [doc: "             \
      "NPAddConnection3]: a script, a service or a logon restore that clears it waits for a "      \
      "dialog no one answers")                                                                     \
    X("loader.identity", "loader", "doc", G, "-",                                                  \
      "Programs started for a caller that impersonates run as that caller",                        \
      "services map drives while impersonating their clients: a program started with "             \
      "CreateProcess gets the service's own token [doc: CreateProcess], and the client's "         \
      "request runs with the service's rights")                                                    \
    X("drive.processes", "processes", "design", G, "-",                                            \
      "A process loaded before another maps or unmaps a share answers as one loaded after",        \
      "every process of a user loads the notifier: a copy of the user's state per process, "       \
      "reloaded on a signal only one process takes (an auto-reset event), goes stale in the "      \
      "others, which allow what the policy refuses or refuse what it allows")                      \
    X("files.paths", "files", "design", G, "-", "Files opened by full path only",                  \
      "a relative path follows the host's current directory: files land in any folder")            \
    X("files.shared", "files", "design", R, "-",                                                   \
      "No file opened in a folder every user can write (TEMP, Public, ProgramData)",               \
      "a notifier runs in every process: another user can create or link the file first")          \
    X("files.injection", "files", "design", G, "-",                                                \
      "Names with CR, LF, '|', '\"' and tabs are escaped, and long names keep their records' "     \
      "line ends, in the files the notifier writes",                                               \
      "names are caller data: a raw line break or separator, or a record cut short without its "   \
      "line end, forges log records")                                                              \
    X("files.encoding", "files", "design", G, "-",                                                 \
      "A name beyond U+FFFF is written as UTF-8 or UTF-16, never as two encoded surrogates",       \
      "names are caller data: a hand-written UTF-8 encoder that takes each UTF-16 unit alone "     \
      "writes a surrogate pair as two 3-byte sequences (CESU-8), which UTF-8 forbids "             \
      "[RFC 3629]: a strict reader refuses the record or the log")                                 \
    X("drive.command", "files", "design", G, "-", "A caller's name never runs as a command",       \
      "a name handed to cmd /c, system() or PowerShell unquoted runs what follows '&', '|' or "    \
      "';' "                                                                                       \
      "('&' and ';' are legal in share names)")                                                    \
    X("files.traversal", "files", "design", G, "-",                                                \
      "Paths built from a name keep none of its '..' components",                                  \
      "names are caller data: '..' in a remote name walks a path built from it out of the "        \
      "notifier's folder, to create or overwrite files anywhere it may write")                     \
    X("files.truncated", "files", "design", G, "-",                                                \
      "A second process that loads it leaves the files it wrote whole",                            \
      "every process that maps a drive loads the notifier: a log opened with CREATE_ALWAYS or "    \
      "TRUNCATE_EXISTING empties what the other processes wrote")                                  \
    X("files.kept", "files", "design", G, "-",                                                     \
      "The record of every operation is in its files once the notifier is freed, none written "    \
      "over by the next",                                                                          \
      "the host may free the notifier or exit after any call, calls come within one clock tick, "  \
      "and one operation may start on a thread while another waits there: records batched in "     \
      "memory, files named by the time and renamed over each other, or a PRE's state kept per "    \
      "thread lose operations for good")                                                           \
    X("files.whole", "files", "design", G, "-",                                                    \
      "Each record is written whole: operations on threads at once leave no record torn",          \
      "a notifier is called on any thread at once: a record written in pieces (a head, the "       \
      "names, the line end) with no lock around them interleaves with another's, and a reader "    \
      "takes one operation's drive for another's share")                                           \
    X("files.numbers", "files", "design", G, "-",                                                  \
      "Records made on threads at once take record numbers of their own",                          \
      "a reader finds lost records by the gaps in their numbers and drops a number it has seen: "  \
      "a number read, then written back one more, with no lock around the two, is taken twice "    \
      "and a record is lost")                                                                      \
    X("files.objects", "files", "design", G, "-",                                                  \
      "Named objects it makes (sections, events, mutexes, semaphores) are not open to every user", \
      "the notifier runs in every user's processes: a named object with a NULL DACL or full "      \
      "access for Everyone lets any user write the shared memory or hold the lock of all")         \
    X("files.sharing", "files", "design", G, "-",                                                  \
      "Files it keeps open between calls let another process append",                              \
      "every process that maps a drive loads the notifier: a log it keeps open without "           \
      "FILE_SHARE_WRITE refuses the same notifier in the next process, whose records are lost")    \
    X("files.squatted", "squat", "design", G, "-",                                                 \
      "Its named objects, window classes and pipes made first by another process (a small "        \
      "section of 0x7F or of an ended peer's id, an event nobody sets, a window, a pipe server "   \
      "that answers late): no crash, no hang, no host handle given it, no late write into the "    \
      "caller's stack, no CPU burnt after",                                                        \
      "a name in Local\\ or Global\\, a window class or a pipe is anyone's: another program or "   \
      "user may make it first, and Create* then opens that object with its size, contents and "    \
      "state, FindWindow finds that program; an agent service answers when it can")                \
    X("faults.resources", "faults", "design", G, "-",                                              \
      "Files, registry, memory, threads, clocks that fail: no crash, hang, lock, heap damage or "  \
      "thread state left",                                                                         \
      "a notifier runs in every process of every machine: a log folder it may not write, a "       \
      "full disk, a registry value missing, of another type or longer than its buffer, an "        \
      "exhausted heap, a tick count that wraps after 49.7 days, a clock set back, the 366th day "  \
      "of a leap year, a peer process that died holding its named mutex, a lock file a killed "    \
      "process left, a process id stored in the registry that now names another program's "        \
      "process")                                                                                   \
    X("concurrency", "concurrency", "design", G, "-",                                              \
      "Threads calling in parallel: no crash, deadlock or corruption; each answer as alone",       \
      "MPR calls the notifier from every thread that maps a drive")                                \
    X("concurrency.locks", "concurrency", "doc", G, "-",                                           \
      "Locks used as their documents say: no critical section initialised twice or while in "      \
      "use, deleted while held or waited for, or used once deleted; no lock or mutex left or "     \
      "released by a thread that does not hold it",                                                \
      "MPR calls from every thread at once: a section set up again per call, or a lock released "  \
      "twice on an error path, lets two threads into what it guards or leaves the next caller "    \
      "waiting forever, however rarely a test meets the race")                                     \
    X("concurrency.handles", "squat", "doc", G, "-",                                               \
      "No handle used once another thread closed it, while its pipe peer restarts and the host's " \
      "threads open files",                                                                        \
      "a handle shared by threads and closed by one while another still uses it goes to no "       \
      "object, or to the next one the process opens (the host's document): its value is reused "   \
      "[doc: CloseHandle]; an agent service restarts and drops its clients at any time")           \
    X("concurrency.idle", "idle", "design", G, "-",                                                \
      "A call returns while an earlier caller thread lives on, idle and not pumping",              \
      "MPR calls from any thread; caller threads live on after their calls without a "             \
      "message loop")                                                                              \
    X("leaks.memory", "leaks", "design", G, "-",                                                   \
      "Cycles of every input shape and of distinct names, threads that end, two threads' "         \
      "operations crossed: no heap, committed or mapped growth, no reads that grow per call",      \
      "a notifier lives as long as its host process")                                              \
    X("leaks.handles", "leaks", "design", G, "-",                                                  \
      "Cycles of every input shape and of distinct names: no handle, atom, GDI or USER object "    \
      "or file growth, no thread of the notifier left",                                            \
      "a notifier lives as long as its host process")                                              \
    X("leaks.cpu", "leaks", "design", G, "-", "No CPU used while no call is made",                 \
      "a notifier lives in every process that maps a drive, most of them idle for hours: a "       \
      "thread that polls, or a wait re-armed on an object that stays signaled, burns a core in "   \
      "each")                                                                                      \
    X("leaks.answers", "leaks", "design", G, "-",                                                  \
      "Every input shape answered the same before and after the leak cycles; each kind of "        \
      "distinct name answered as its first names; a cancel with 100 connections live as one "      \
      "alone",                                                                                     \
      "a table, ring or counter that fills up with use refuses (or waves through) every later "    \
      "caller of a host that lives on; a refusal lost on a rare path (a log rotated) lets an add " \
      "through now and then")                                                                      \
    X("drive.contexts", "leaks", "doc", G, "-",                                                    \
      "The same operation repeated gets a context from PRE every time it got one",                 \
      "a PRE that leaves lpContext NULL gets no POST: a context counter that wraps to 0 loses "    \
      "that operation's POST and what the notifier kept for it")                                   \
    X("heap.frees", "heap", "design", G, "-",                                                      \
      "Every free, realloc and size query names a live block of its own heap",                     \
      "a double free, a block released to another heap or a freed pointer corrupts the "           \
      "host's heap silently; the crash comes later, elsewhere")                                    \
    X("heap.valid", "heap", "design", G, "-",                                                      \
      "Every process heap stays valid over 300+ calls of each input shape; the process heap "      \
      "always serialised",                                                                         \
      "a write outside a block or into a freed one, or unserialised access (HEAP_NO_SERIALIZE), "  \
      "corrupts the host's heap silently")                                                         \
    X("heap.handles", "heap", "design", G, "-",                                                    \
      "No handle call fails with ERROR_INVALID_HANDLE; no standard handle of the host closed",     \
      "a handle closed or overwritten (an index one past a table) loses work silently, "           \
      "e.g. a log that stops; a closed standard handle fails the host's writes")                   \
    X("mpr.stock.dispatch", "mpr", "wine", R, "-",                                                 \
      "Stock Wine mpr.dll: does it call the notifier?",                                            \
      "states Wine's known gap (todo: Wine 8.0 never reads Notifyees)")                            \
    X("mpr.patched.dispatch", "mpr", "doc", G, "-",                                                \
      "Patched mpr.dll calls the notifier for real WNet operations",                               \
      "the real PRE, provider, POST order through mpr.dll")                                        \
    X("mpr.patched.result", "mpr", "doc", G, "mpr.patched.dispatch",                               \
      "A WN_SUCCESS notifier leaves the caller result unchanged", "the caller's WNet result")      \
    X("mpr.patched.retry", "mpr", "w9x", R, "mpr.patched.dispatch",                                \
      "WN_RETRY and errors from the notifier through MPR",                                         \
      "what MPR does with a notifier's WN_RETRY or error")                                         \
    X("abi.registers", "state", "doc", G, "-",                                                     \
      "Non-volatile registers are preserved across each call (x64: RBX, RBP, RDI, RSI, R12-R15, "  \
      "XMM6-XMM15) and the direction flag is clear after it",                                      \
      "the x64 calling convention makes them callee-saved: MPR's caller keeps its values there "   \
      "across WNetAddConnection2, and its string copies run forward only with the direction "      \
      "flag clear")                                                                                \
    X("state.exceptions", "state", "design", G, "-",                                               \
      "A host thread's own exceptions reach its own handlers while the notifier runs",             \
      "a vectored exception handler is called for every exception of every thread of the "         \
      "process, before any frame's handler: one that takes an access violation it did not cause "  \
      "sends the host's thread into the notifier's code")                                          \
    X("state.heaplock", "state", "doc", G, "-",                                                    \
      "No wait while holding the lock of a heap of the host (HeapLock)",                           \
      "while a thread holds a heap's lock, every other thread that allocates from or frees to "    \
      "that heap waits: on the process heap that is every thread of the host, for as long as the " \
      "notifier waits")                                                                            \
    X("i686.stdcall", "stdcall", "doc", G, "-", "i686: stdcall exports keep the stack balanced",   \
      "a cdecl export unbalances MPR's stack on i686")

#define AS_CHECK(id, cs, tag, kind, dep, title, protects) { id, cs, tag, kind, dep, title, protects },
const struct check checks[] = { CHECK_LIST(AS_CHECK) };
const unsigned n_checks = sizeof checks / sizeof checks[0];

/* Run order; a factor of 3 for the volume cases. */
const struct case_info case_infos[] = {
    {"load", 1, "DllMain must stay trivial"},
    {"cycles", 1,
     "close timers, waits and pool objects and remove vectored handlers before "
     "unload; DllMain PROCESS_DETACH must not wait"},
    {"exit", 1,
     "at process exit (DllMain DLL_PROCESS_DETACH, lpReserved non-NULL) other threads are "
     "gone: wait for nothing, free nothing, return"},
    {"host", 1,
     "the host's image path, command line, current directory and environment have any length "
     "and script: size buffers from the length returned, use the W functions"},
    {"add", 1, "-"},
    {"cancel", 1, "NOTIFYCANCEL.lpProvider is defined only in a POST after success [doc]"},
    {"nulllocal", 1, "lpLocalName and lpProvider may be NULL [doc]"},
    {"names", 1, "-"},
    {"long", 1, "names may be 32767 units [doc]: a fixed-size buffer overflows"},
    {"pathnames", 1,
     "a name has any number of components: no fixed array of components, "
     "no recursion per component"},
    {"fmtnames", 1, "a name is data: pass it as an argument (\"%s\"), never as a format"},
    {"localnames", 1,
     "lpLocalName is any string: range-check a drive letter before indexing, "
     "size buffers in units (sizeof buf / sizeof buf[0])"},
    {"flags", 1, "fForce is a BOOL: any nonzero value asks for a forced cancel [doc]"},
    {"spelling", 1,
     "compare names case-insensitively (CompareStringOrdinal, bIgnoreCase TRUE) and treat "
     "RESOURCETYPE_ANY like DISK"},
    {"userpolicy", 1,
     "read the machine's policy from HKLM only; a per-user value in HKCU may add a preference, "
     "never replace or empty a machine setting"},
    {"preprovider", 1,
     "NOTIFYCANCEL.lpProvider is undefined in PRE and in the POST of a "
     "failed cancel; it names the provider only after success [doc]"},
    {"addfields", 1,
     "read only dwType, lpLocalName, lpRemoteName and lpProvider of NOTIFYADD.NetResource "
     "[doc]"},
    {"forged", 1, "-"},
    {"statuses", 1, "dwOperationStatus is whatever the provider returned: any DWORD [doc]"},
    {"retries", 1,
     "count only the adds let through against a rate, and keep the part of a token earned "
     "so far: a refused retry is no add"},
    {"info", 1, "NOTIFYINFO is 16 bytes on x86_64 and 12 on i686; lpContext is its only output"},
    {"lifetime", 1, "the caller frees every buffer when the operation returns: copy what you keep"},
    {"prepost", 1, "the PRE structures are valid only during the PRE call [doc]"},
    {"latency", 1, "-"},
    {"highaddr", 1, "pointers are 64-bit: never keep one in a DWORD or ULONG"},
    {"stack", 1, "callers may run on small stacks: keep large buffers off the stack"},
    {"state", 1, "restore what you change, or do not change process-wide state"},
    {"modules", 1,
     "FreeLibrary only what you loaded: a handle from GetModuleHandle carries no reference, "
     "take one with LoadLibrary or GetModuleHandleEx or do not free it [doc]"},
    {"reentry", 1, "-"},
    {"processes", 1,
     "keep state shared by a user's processes where each reads it (the registry, a section "
     "under a lock), or signal every process of a change (a manual-reset event per process, "
     "RegNotifyChangeKeyValue), not one"},
    {"loader", 1, "load DLLs by full path from the system directory or the notifier's own"},
    {"files", 1,
     "build file paths from a folder only administrators write and escape CR, LF "
     "and the separator in what you log"},
    {"returns", 1, "-"},
    {"squat", 2,
     "after Create* check GetLastError for ERROR_ALREADY_EXISTS, map no more than the section "
     "holds (VirtualQuery), validate what shared memory holds and wait for a peer with a "
     "timeout; give a peer found by name no handle with power over the host; a wait on a "
     "peer's process runs once (WT_EXECUTEONLYONCE)"},
    {"faults", 1,
     "check every result: an open, a registry read, an allocation or a thread creation can "
     "fail; after ERROR_MORE_DATA the buffer holds no string, a string read may lack its "
     "terminator and a value may have another type [doc]; a wait that returns WAIT_ABANDONED "
     "owns the mutex: release it too [doc]"},
    {"concurrency", 3,
     "keep each call's data on its stack or heap, never in a static buffer; guard what calls "
     "share with a lock"},
    {"idle", 1,
     "a call on another thread blocked while an earlier caller thread is alive "
     "and idle: a lock kept on some path, or a message sent to a thread that does not pump"},
    {"leaks", 3, "-"},
    {"heap", 3,
     "free each block once, to the heap it came from; keep handles out of "
     "arrays that can overrun"},
    {"stdcall", 1, "-"},
    {"mpr", 1, "-"},
};
const unsigned n_case_infos = sizeof case_infos / sizeof case_infos[0];

const struct check *check_find(const char *id)
{
    for (unsigned i = 0; i < n_checks; i++) {
        if (!strcmp(checks[i].id, id))
            return &checks[i];
    }
    return NULL;
}

void catalogue_print(void)
{
    printf("CATALOGUE\t2\n");
    for (unsigned i = 0; i < n_case_infos; i++) {
        const struct case_info *c = &case_infos[i];
        printf("CASE\t%s\t%u\t%s\n", c->name, c->timeout_factor, c->hint);
    }
    for (unsigned i = 0; i < n_checks; i++) {
        const struct check *c = &checks[i];
        printf("CHECK\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", c->id, c->casename, c->tag,
               c->kind == KIND_GATE ? "gate" : "report", c->depends, c->title, c->protects);
    }
    fflush(stdout);
}
