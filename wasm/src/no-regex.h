/*
 * Forced into libsolv's repodata.c only. libsolv's datamatcher compiles a POSIX regex for
 * SEARCH_REGEX, which this resolver never asks for (selections use globs). Linking wasi-libc's
 * regex engine for it costs ~10 KB gzip of resolver.wasm, which every page downloads before its
 * first answer. With these macros a SEARCH_REGEX match reports a bad pattern (libsolv then marks
 * the matcher SEARCH_ERROR, so regexec and regfree are never reached).
 */
#ifndef AZL_NO_REGEX_H
#define AZL_NO_REGEX_H
#include <regex.h>
#define regcomp(preg, pattern, cflags) ((void)(preg), (void)(pattern), (void)(cflags), REG_BADPAT)
#define regexec(preg, string, nmatch, pmatch, eflags) ((void)(preg), (void)(string), REG_NOMATCH)
#define regfree(preg) ((void)(preg))
#endif
