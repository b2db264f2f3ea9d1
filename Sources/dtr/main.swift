// dtr — the command-line front end: argument parsing and wiring only.
//
//   dtr                  REPL (wired by the REPL layer)
//   dtr FILE.dtr         run a script (only explicit print output appears)
//   dtr eval 'PROGRAM'   run statements and display the last expression's value
//   dtr check FILE       parse only; every syntax error; exit 2 if any
//   dtr help NAME        help for a builtin
//
// Exit codes: 0 ok, 1 runtime error, 2 usage or syntax error, 3 timeout, 130 interrupted,
// 141 standard output closed (SIGPIPE is ignored; see BrokenPipe).
import ArgumentParser
import Language

#if canImport(Glibc)
import Glibc
#endif

BrokenPipe.ignoreSignal()
let arguments = Array(CommandLine.arguments.dropFirst())
let status = CLI.dispatch(arguments)
if fflush(nil) != 0 && errno == EPIPE { BrokenPipe.exit() }  // `print` output into a closed pipe
exit(status)
