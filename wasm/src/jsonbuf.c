/* JSON text building for the resolver's results. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonbuf.h"

static void jb_reserve(JsonBuf *b, size_t extra)
{
  if (b->len + extra + 1 <= b->cap)
    return;
  size_t cap = b->cap ? b->cap : 4096;
  while (cap < b->len + extra + 1)
    cap *= 2;
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

void jb_str(JsonBuf *b, const char *s)
{
  jb_char(b, '"');
  if (s)
    {
      const unsigned char *p = (const unsigned char *)s;
      const unsigned char *run = p;
      for (; *p; p++)
        {
          if (*p >= 0x20 && *p != '"' && *p != '\\')
            continue;
          jb_rawn(b, (const char *)run, p - run);
          run = p + 1;
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
        }
      jb_rawn(b, (const char *)run, p - run);
    }
  jb_char(b, '"');
}

void jb_int(JsonBuf *b, long long v)
{
  char num[32];
  snprintf(num, sizeof(num), "%lld", v);
  jb_raw(b, num);
}

void jb_key(JsonBuf *b, const char *key, int first)
{
  if (!first)
    jb_char(b, ',');
  jb_str(b, key);
  jb_char(b, ':');
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
