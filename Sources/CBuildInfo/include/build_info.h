#ifndef DTR_BUILD_INFO_H
#define DTR_BUILD_INFO_H
/// The git commit dtr was built from: scripts/package.sh provides it in a generated header
/// (build_info.c); any other build says "unknown", so ordinary builds (and the test suite)
/// do not depend on the repository's state.
const char *dtr_build_commit(void);
#endif
