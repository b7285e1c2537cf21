/* JSON text building for the resolver's results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonbuf.h"

static void jb_reserve(JsonBuf *b, size_t extra)
{
  if (b->len + extra + 1 <= b->cap)
    return;
  /* by half, not double: the buffer is kept for the next result, and a result just past a power of
   * two (a large transaction) would otherwise hold nearly twice its size of linear memory for good */
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + extra + 1)
    cap += cap / 2;
  b->data = realloc(b->data, cap);
  if (!b->data)
    abort();
  b->cap = cap;
}

void jb_reset(JsonBuf *b)
{
  jb_reserve(b, 0);
  b->len = 0;
  b->data[0] = 0;
}

void jb_rawn(JsonBuf *b, const char *s, size_t n)
{
  jb_reserve(b, n);
  memcpy(b->data + b->len, s, n);
  b->len += n;
  b->data[b->len] = 0;
}

void jb_raw(JsonBuf *b, const char *s)
{
  jb_rawn(b, s, strlen(s));
}

void jb_char(JsonBuf *b, char c)
{
  jb_rawn(b, &c, 1);
}

/* the bytes a JSON string may hold as they are */
static int plain_byte(unsigned char c)
{
  return c >= 0x20 && c != '"' && c != '\\';
}

void jb_str(JsonBuf *b, const char *s)
{
  const unsigned char *p = (const unsigned char *)(s ? s : "");
  const unsigned char *start = p;
  while (plain_byte(*p))
    p++;
  size_t n = (size_t)(p - start);
  /* most strings (names, versions, paths, checksums) need no escape: one reserve, one copy */
  jb_reserve(b, n + 2);
  b->data[b->len++] = '"';
  memcpy(b->data + b->len, start, n);
  b->len += n;
  while (*p)
    {
      const unsigned char *run = p;
      while (plain_byte(*p))
        p++;
      jb_rawn(b, (const char *)run, (size_t)(p - run));
      if (!*p)
        break;
      char esc[8];
      switch (*p)
        {
        case '"': jb_raw(b, "\\\""); break;
        case '\\': jb_raw(b, "\\\\"); break;
        case '\n': jb_raw(b, "\\n"); break;
        case '\t': jb_raw(b, "\\t"); break;
        case '\r': jb_raw(b, "\\r"); break;
        default:
          snprintf(esc, sizeof(esc), "\\u%04x", *p);
          jb_raw(b, esc);
        }
      p++;
    }
  jb_reserve(b, 1);
  b->data[b->len++] = '"';
  b->data[b->len] = 0;
}

void jb_int(JsonBuf *b, long long v)
{
  /* decimal digits by hand: snprintf's generic formatting took about 1 ms of a 1,500-package result */
  char num[24];
  char *end = num + sizeof(num);
  char *q = end;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do
    {
      *--q = (char)('0' + u % 10);
      u /= 10;
    }
  while (u);
  if (v < 0)
    *--q = '-';
  jb_rawn(b, q, (size_t)(end - q));
}

void jb_key(JsonBuf *b, const char *key, int first)
{
  /* keys are the glue's own constants, never in need of escapes */
  size_t n = strlen(key);
  jb_reserve(b, n + 4);
  if (!first)
    b->data[b->len++] = ',';
  b->data[b->len++] = '"';
  memcpy(b->data + b->len, key, n);
  b->len += n;
  b->data[b->len++] = '"';
  b->data[b->len++] = ':';
  b->data[b->len] = 0;
}

void jb_kstr(JsonBuf *b, const char *key, const char *value, int first)
{
  jb_key(b, key, first);
  jb_str(b, value);
}

void jb_kint(JsonBuf *b, const char *key, long long value, int first)
{
  jb_key(b, key, first);
  jb_int(b, value);
}
