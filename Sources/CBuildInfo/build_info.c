// The build's git commit (see include/build_info.h). scripts/package.sh writes
// dtr_build_commit.h (`#define DTR_GIT_COMMIT "…"`) into a folder it passes with -Xcc -I, so a
// new commit recompiles only this file; every other build has no such header and says "unknown".
#include "build_info.h"
#if defined(__has_include)
#if __has_include("dtr_build_commit.h")
#include "dtr_build_commit.h"
#endif
#endif
#ifndef DTR_GIT_COMMIT
#define DTR_GIT_COMMIT "unknown"
#endif
const char *dtr_build_commit(void) { return DTR_GIT_COMMIT; }
