/* A growable text buffer with JSON helpers: how results leave the module through linear memory. */
#ifndef AZL_JSONBUF_H
#define AZL_JSONBUF_H

#include <stddef.h>

typedef struct {
  char *data;
  size_t len;
  size_t cap;
} JsonBuf;

void jb_reset(JsonBuf *b);
void jb_raw(JsonBuf *b, const char *s);
void jb_rawn(JsonBuf *b, const char *s, size_t n);
void jb_char(JsonBuf *b, char c);
/* a JSON string literal; NULL becomes "" */
void jb_str(JsonBuf *b, const char *s);
void jb_int(JsonBuf *b, long long v);
/* "key": (with a leading comma unless first) */
void jb_key(JsonBuf *b, const char *key, int first);
void jb_kstr(JsonBuf *b, const char *key, const char *value, int first);
void jb_kint(JsonBuf *b, const char *key, long long value, int first);

#endif
