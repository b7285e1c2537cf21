/* The part of expat's API that libsolv's solv_xmlparser calls, over a small reader of the XML this
 * app writes itself (the overlay shadow repository's primary.xml, lib/project/build/primary-xml.ts).
 * Linked into resolver.wasm only, in place of expat, so the first answer does not download an XML
 * parser: every file from a repository or the user goes to rpmmd.wasm, which links expat itself.
 *
 * It reads elements, attributes in single or double quotes, text, the five predefined entities and
 * character references, an XML declaration and processing instructions; it refuses comments,
 * CDATA sections and DOCTYPE (which primary-xml.ts never writes). Line ends and attribute
 * whitespace are normalised as expat normalises them, so libsolv sees the same callbacks and the
 * .solv is byte for byte rpmmd.wasm's (test/unit/resolve/own-xml.test.ts). */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

struct XML_ParserStruct {
  void *user;
  XML_StartElementHandler start;
  XML_EndElementHandler end;
  XML_CharacterDataHandler text;
  char *in;          /* everything XML_Parse was given so far; parsed once the last block arrives */
  size_t len, cap;
  size_t pos;        /* where the reader is, for the line number */
  size_t line_pos;   /* the line number below counts line ends before this offset */
  XML_Size line;
  enum XML_Error error;
};

XML_Parser XML_ParserCreate(const XML_Char *encoding)
{
  (void)encoding;
  XML_Parser p = calloc(1, sizeof(*p));
  if (p)
    p->line = 1;
  return p;
}

void XML_ParserFree(XML_Parser p)
{
  if (!p)
    return;
  free(p->in);
  free(p);
}

void XML_SetUserData(XML_Parser p, void *user)
{
  p->user = user;
}

void XML_SetElementHandler(XML_Parser p, XML_StartElementHandler start, XML_EndElementHandler end)
{
  p->start = start;
  p->end = end;
}

void XML_SetCharacterDataHandler(XML_Parser p, XML_CharacterDataHandler text)
{
  p->text = text;
}

XML_Size XML_GetCurrentLineNumber(XML_Parser p)
{
  for (; p->line_pos < p->pos && p->line_pos < p->len; p->line_pos++)
    if (p->in[p->line_pos] == '\n')
      p->line++;
  return p->line;
}

XML_Size XML_GetCurrentColumnNumber(XML_Parser p)
{
  size_t start = p->pos < p->len ? p->pos : p->len;
  XML_Size col = 0;
  while (start > 0 && p->in[start - 1] != '\n')
    start--, col++;
  return col;
}

enum XML_Error XML_GetErrorCode(XML_Parser p)
{
  return p->error;
}

const XML_LChar *XML_ErrorString(enum XML_Error code)
{
  switch (code)
    {
    case XML_ERROR_NONE: return 0;
    case XML_ERROR_NO_MEMORY: return "out of memory";
    case XML_ERROR_NO_ELEMENTS: return "no element found";
    case XML_ERROR_INVALID_TOKEN: return "not well-formed (invalid token)";
    case XML_ERROR_UNCLOSED_TOKEN: return "unclosed token";
    case XML_ERROR_TAG_MISMATCH: return "mismatched tag";
    case XML_ERROR_JUNK_AFTER_DOC_ELEMENT: return "junk after document element";
    case XML_ERROR_UNDEFINED_ENTITY: return "undefined entity";
    case XML_ERROR_BAD_CHAR_REF: return "reference to invalid character number";
    case XML_ERROR_FEATURE_REQUIRES_XML_DTD: return "markup this reader does not take (comment, CDATA or DOCTYPE)";
    default: return "not well-formed";
    }
}

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_name_char(char c)
{
  return c && !is_space(c) && !strchr("<>/=\"'&?!", c);
}

/* Appends code point CP to OUT as UTF-8; 0 when XML cannot carry it. */
static int put_utf8(unsigned long cp, char **out)
{
  if (cp == 0 || (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
    return 0;
  char *o = *out;
  if (cp < 0x80)
    *o++ = (char)cp;
  else if (cp < 0x800)
    *o++ = (char)(0xc0 | (cp >> 6)), *o++ = (char)(0x80 | (cp & 0x3f));
  else if (cp < 0x10000)
    *o++ = (char)(0xe0 | (cp >> 12)), *o++ = (char)(0x80 | ((cp >> 6) & 0x3f)), *o++ = (char)(0x80 | (cp & 0x3f));
  else
    *o++ = (char)(0xf0 | (cp >> 18)), *o++ = (char)(0x80 | ((cp >> 12) & 0x3f)), *o++ = (char)(0x80 | ((cp >> 6) & 0x3f)), *o++ = (char)(0x80 | (cp & 0x3f));
  *out = o;
  return 1;
}

/* Decodes [S, E) in place (line ends as expat: CR LF and CR become LF; in attributes every
 * whitespace character becomes a space, character references excepted) and NUL-terminates it;
 * the decoded text is never longer. Returns its length, or -1 with P->error set. */
static long decode(XML_Parser p, char *s, char *e, int attribute)
{
  char *o = s;
  for (char *c = s; c < e; c++)
    {
      if (*c == '\r')
        {
          if (c + 1 < e && c[1] == '\n')
            c++;
          *o++ = attribute ? ' ' : '\n';
        }
      else if (attribute && is_space(*c))
        *o++ = ' ';
      else if (*c == '<')
        return p->error = XML_ERROR_INVALID_TOKEN, -1;
      else if (*c != '&')
        *o++ = *c;
      else
        {
          char *semi = memchr(c, ';', (size_t)(e - c));
          if (!semi)
            return p->error = XML_ERROR_INVALID_TOKEN, -1;
          size_t n = (size_t)(semi - c - 1);
          const char *name = c + 1;
          if (n == 3 && !memcmp(name, "amp", 3)) *o++ = '&';
          else if (n == 2 && !memcmp(name, "lt", 2)) *o++ = '<';
          else if (n == 2 && !memcmp(name, "gt", 2)) *o++ = '>';
          else if (n == 4 && !memcmp(name, "quot", 4)) *o++ = '"';
          else if (n == 4 && !memcmp(name, "apos", 4)) *o++ = '\'';
          else if (n >= 2 && name[0] == '#')
            {
              int hex = name[1] == 'x';
              unsigned long cp = 0;
              size_t i = hex ? 2 : 1;
              if (i == n || n > 10)
                return p->error = XML_ERROR_BAD_CHAR_REF, -1;
              for (; i < n; i++)
                {
                  char d = name[i];
                  int v = d >= '0' && d <= '9' ? d - '0' : hex && d >= 'a' && d <= 'f' ? d - 'a' + 10 : hex && d >= 'A' && d <= 'F' ? d - 'A' + 10 : -1;
                  if (v < 0)
                    return p->error = XML_ERROR_BAD_CHAR_REF, -1;
                  cp = cp * (hex ? 16 : 10) + (unsigned long)v;
                }
              if (!put_utf8(cp, &o))
                return p->error = XML_ERROR_BAD_CHAR_REF, -1;
            }
          else
            return p->error = XML_ERROR_UNDEFINED_ENTITY, -1;
          c = semi;
        }
    }
  *o = 0;
  return o - s;
}

/* Reads one start tag at P->in + P->pos (just past '<'); calls the handlers. 1: an empty element. */
static int start_tag(XML_Parser p, char **stack, int *depth, int max_depth)
{
  char *in = p->in, *end = in + p->len, *c = in + p->pos;
  char *name = c;
  while (c < end && is_name_char(*c))
    c++;
  if (c == name)
    return p->error = XML_ERROR_INVALID_TOKEN, -1;
  char *name_end = c;
  const char *atts[2 * 64 + 1];
  int natts = 0, empty = 0;
  for (;;)
    {
      while (c < end && is_space(*c))
        c++;
      if (c >= end)
        return p->error = XML_ERROR_UNCLOSED_TOKEN, -1;
      if (*c == '>')
        break;
      if (*c == '/')
        {
          if (c + 1 >= end || c[1] != '>')
            return p->error = XML_ERROR_INVALID_TOKEN, -1;
          empty = 1;
          c++;
          break;
        }
      if (c == name_end || natts == 64)
        return p->error = XML_ERROR_INVALID_TOKEN, -1;
      char *an = c;
      while (c < end && is_name_char(*c))
        c++;
      char *an_end = c;
      while (c < end && is_space(*c))
        c++;
      if (an == an_end || c >= end || *c != '=')
        return p->error = XML_ERROR_INVALID_TOKEN, -1;
      c++;
      while (c < end && is_space(*c))
        c++;
      if (c >= end || (*c != '"' && *c != '\''))
        return p->error = XML_ERROR_INVALID_TOKEN, -1;
      char quote = *c++;
      char *v = c;
      while (c < end && *c != quote)
        c++;
      if (c >= end)
        return p->error = XML_ERROR_UNCLOSED_TOKEN, -1;
      *an_end = 0;
      if (decode(p, v, c, 1) < 0)
        return -1;
      atts[natts++] = an;
      atts[natts++] = v;
      c++; /* past the quote; the next attribute must be separated by whitespace */
      if (c < end && !is_space(*c) && *c != '>' && *c != '/')
        return p->error = XML_ERROR_INVALID_TOKEN, -1;
    }
  *name_end = 0;
  atts[natts] = 0;
  p->pos = (size_t)(c + 1 - in);
  if (*depth == max_depth)
    return p->error = XML_ERROR_NO_MEMORY, -1;
  stack[(*depth)++] = name;
  if (p->start)
    p->start(p->user, name, atts);
  if (empty)
    {
      (*depth)--;
      if (p->end)
        p->end(p->user, name);
    }
  return empty;
}

/* Reads the whole document in P->in. */
static int parse_all(XML_Parser p)
{
  enum { MAX_DEPTH = 64 };
  char *stack[MAX_DEPTH];
  int depth = 0, seen_root = 0;
  char *in = p->in;
  while (p->pos < p->len)
    {
      char *c = in + p->pos, *end = in + p->len;
      if (*c != '<')
        {
          char *lt = memchr(c, '<', (size_t)(end - c));
          char *stop = lt ? lt : end;
          if (!depth)
            {
              for (char *w = c; w < stop; w++)
                if (!is_space(*w))
                  return p->error = seen_root ? XML_ERROR_JUNK_AFTER_DOC_ELEMENT : XML_ERROR_INVALID_TOKEN, -1;
            }
          else
            {
              char saved = *stop == '<' ? '<' : 0;
              long n = decode(p, c, stop, 0);
              if (n < 0)
                return -1;
              if (n && p->text)
                p->text(p->user, c, (int)n);
              if (saved)
                *stop = saved;
            }
          p->pos = (size_t)(stop - in);
          continue;
        }
      p->pos++;
      if (c + 1 < end && c[1] == '?')
        {
          char *q = c + 2;
          while (q + 1 < end && !(q[0] == '?' && q[1] == '>'))
            q++;
          if (q + 1 >= end)
            return p->error = XML_ERROR_UNCLOSED_TOKEN, -1;
          p->pos = (size_t)(q + 2 - in);
        }
      else if (c + 1 < end && c[1] == '!')
        return p->error = XML_ERROR_FEATURE_REQUIRES_XML_DTD, -1;
      else if (c + 1 < end && c[1] == '/')
        {
          char *name = c + 2, *e = name;
          while (e < end && is_name_char(*e))
            e++;
          char *gt = e;
          while (gt < end && is_space(*gt))
            gt++;
          if (gt >= end || *gt != '>')
            return p->error = XML_ERROR_UNCLOSED_TOKEN, -1;
          *e = 0;
          if (!depth || strcmp(stack[depth - 1], name))
            return p->error = XML_ERROR_TAG_MISMATCH, -1;
          depth--;
          p->pos = (size_t)(gt + 1 - in);
          if (p->end)
            p->end(p->user, name);
        }
      else
        {
          if (!depth && seen_root)
            return p->error = XML_ERROR_JUNK_AFTER_DOC_ELEMENT, -1;
          seen_root = 1;
          if (start_tag(p, stack, &depth, MAX_DEPTH) < 0)
            return -1;
        }
    }
  if (!seen_root)
    return p->error = XML_ERROR_NO_ELEMENTS, -1;
  if (depth)
    return p->error = XML_ERROR_NO_ELEMENTS, -1;
  return 0;
}

enum XML_Status XML_Parse(XML_Parser p, const char *s, int len, int is_final)
{
  if (p->error)
    return XML_STATUS_ERROR;
  if (len > 0)
    {
      if (p->len + (size_t)len + 1 > p->cap)
        {
          size_t cap = p->cap ? p->cap : 65536;
          while (cap < p->len + (size_t)len + 1)
            cap *= 2;
          char *grown = realloc(p->in, cap);
          if (!grown)
            return p->error = XML_ERROR_NO_MEMORY, XML_STATUS_ERROR;
          p->in = grown;
          p->cap = cap;
        }
      memcpy(p->in + p->len, s, (size_t)len);
      p->len += (size_t)len;
    }
  if (!is_final)
    return XML_STATUS_OK;
  if (!p->in)
    return p->error = XML_ERROR_NO_ELEMENTS, XML_STATUS_ERROR;
  p->in[p->len] = 0;
  return parse_all(p) ? XML_STATUS_ERROR : XML_STATUS_OK;
}
