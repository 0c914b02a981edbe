#ifndef ROTOR_FETCH_H
#define ROTOR_FETCH_H

#include <stddef.h>

/// One HTTP response: status, body, and the Retry-After header (seconds, -1 when absent).
typedef struct {
  long status;
  char *body;
  size_t length;
  long retry_after;
} rotor_http_response;

/// Loads libcurl (libcurl.so.4) on first use. Returns 0 when it is available, else -1 with a
/// message in `error` (at most `error_size` bytes).
int rotor_http_available(char *error, size_t error_size);

/// GET `url` with a timeout in seconds. Returns 0 on a response (any status), else -1 with a
/// message in `error`. The body is malloc'd; free it with `rotor_http_free`.
int rotor_http_get(const char *url, long timeout_seconds, const char *user_agent,
                   rotor_http_response *response, char *error, size_t error_size);

/// Frees a response's body.
void rotor_http_free(rotor_http_response *response);

#endif
