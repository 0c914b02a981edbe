// HTTP GET through libcurl, loaded with dlopen only when `rotor update` runs, so the rotor
// binary does not link a network library and its start is not slowed (docs/data.md).
#include "rotor_fetch.h"

#include <ctype.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef void CURL;
typedef int CURLcode;

// The few constants of curl/curl.h that this file uses (stable ABI since libcurl 7).
enum {
  OPT_WRITEDATA = 10001,
  OPT_URL = 10002,
  OPT_ERRORBUFFER = 10010,
  OPT_USERAGENT = 10018,
  OPT_HEADERDATA = 10029,
  OPT_TIMEOUT = 13,
  OPT_FOLLOWLOCATION = 52,
  OPT_NOSIGNAL = 99,
  OPT_WRITEFUNCTION = 20011,
  OPT_HEADERFUNCTION = 20079,
  OPT_ACCEPT_ENCODING = 10102,
  INFO_RESPONSE_CODE = 0x200002,
  CURL_ERROR_SIZE = 256,
};

static CURL *(*easy_init)(void);
static CURLcode (*easy_setopt)(CURL *, int, ...);
static CURLcode (*easy_perform)(CURL *);
static CURLcode (*easy_getinfo)(CURL *, int, ...);
static void (*easy_cleanup)(CURL *);
static const char *(*easy_strerror)(CURLcode);
static int loaded = 0;

int rotor_http_available(char *error, size_t error_size) {
  if (loaded) return 0;
  const char *names[] = {"libcurl.so.4", "libcurl.so", "libcurl.4.dylib", "libcurl.dylib"};
  void *lib = NULL;
  for (size_t k = 0; k < sizeof names / sizeof names[0] && !lib; k++) lib = dlopen(names[k], RTLD_NOW);
  if (!lib) {
    snprintf(error, error_size, "cannot load libcurl (libcurl.so.4): install libcurl4");
    return -1;
  }
  easy_init = (CURL * (*)(void)) dlsym(lib, "curl_easy_init");
  easy_setopt = (CURLcode(*)(CURL *, int, ...))dlsym(lib, "curl_easy_setopt");
  easy_perform = (CURLcode(*)(CURL *))dlsym(lib, "curl_easy_perform");
  easy_getinfo = (CURLcode(*)(CURL *, int, ...))dlsym(lib, "curl_easy_getinfo");
  easy_cleanup = (void (*)(CURL *))dlsym(lib, "curl_easy_cleanup");
  easy_strerror = (const char *(*)(CURLcode))dlsym(lib, "curl_easy_strerror");
  if (!easy_init || !easy_setopt || !easy_perform || !easy_getinfo || !easy_cleanup || !easy_strerror) {
    snprintf(error, error_size, "libcurl lacks curl_easy_* functions");
    return -1;
  }
  loaded = 1;
  return 0;
}

typedef struct {
  char *data;
  size_t length;
  size_t capacity;
  int failed;
} buffer;

static size_t on_body(char *chunk, size_t size, size_t count, void *user) {
  buffer *b = user;
  size_t n = size * count;
  if (b->length + n + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 65536;
    while (capacity < b->length + n + 1) capacity *= 2;
    char *grown = realloc(b->data, capacity);
    if (!grown) {
      b->failed = 1;
      return 0;
    }
    b->data = grown;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, chunk, n);
  b->length += n;
  b->data[b->length] = 0;
  return n;
}

static size_t on_header(char *line, size_t size, size_t count, void *user) {
  long *retry_after = user;
  size_t n = size * count;
  const char *name = "retry-after:";
  size_t m = strlen(name);
  if (n > m && strncasecmp(line, name, m) == 0) {
    const char *p = line + m;
    while (*p == ' ' || *p == '\t') p++;
    if (isdigit((unsigned char)*p)) *retry_after = strtol(p, NULL, 10);
  }
  return n;
}

int rotor_http_get(const char *url, long timeout_seconds, const char *user_agent,
                   rotor_http_response *response, char *error, size_t error_size) {
  memset(response, 0, sizeof *response);
  response->retry_after = -1;
  if (rotor_http_available(error, error_size) != 0) return -1;
  CURL *curl = easy_init();
  if (!curl) {
    snprintf(error, error_size, "curl_easy_init failed");
    return -1;
  }
  buffer body = {0};
  char curl_error[CURL_ERROR_SIZE] = {0};
  easy_setopt(curl, OPT_URL, url);
  easy_setopt(curl, OPT_WRITEFUNCTION, on_body);
  easy_setopt(curl, OPT_WRITEDATA, &body);
  easy_setopt(curl, OPT_HEADERFUNCTION, on_header);
  easy_setopt(curl, OPT_HEADERDATA, &response->retry_after);
  easy_setopt(curl, OPT_ERRORBUFFER, curl_error);
  easy_setopt(curl, OPT_TIMEOUT, timeout_seconds);
  easy_setopt(curl, OPT_FOLLOWLOCATION, 1L);
  easy_setopt(curl, OPT_NOSIGNAL, 1L);
  easy_setopt(curl, OPT_ACCEPT_ENCODING, "");
  easy_setopt(curl, OPT_USERAGENT, user_agent);
  CURLcode code = easy_perform(curl);
  if (code != 0 || body.failed) {
    snprintf(error, error_size, "%s", curl_error[0] ? curl_error : (body.failed ? "out of memory" : easy_strerror(code)));
    easy_cleanup(curl);
    free(body.data);
    return -1;
  }
  long status = 0;
  easy_getinfo(curl, INFO_RESPONSE_CODE, &status);
  easy_cleanup(curl);
  response->status = status;
  response->body = body.data;
  response->length = body.length;
  return 0;
}

void rotor_http_free(rotor_http_response *response) {
  free(response->body);
  response->body = NULL;
  response->length = 0;
}
