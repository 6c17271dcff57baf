// Typed, non-variadic wrappers around libcurl's variadic setters (Swift cannot call C variadics),
// and the Linux headers the curl engine's own event loop needs (Glibc does not export them).
#ifndef PORTVAKT_CCURLSHIM_H
#define PORTVAKT_CCURLSHIM_H

#include <curl/curl.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/types.h>
#include <unistd.h>

// MARK: - easy handle options

static inline CURLcode pv_easy_setopt_long(CURL *easy, CURLoption option, long value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode pv_easy_setopt_off(CURL *easy, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode pv_easy_setopt_string(CURL *easy, CURLoption option, const char *value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode pv_easy_setopt_pointer(CURL *easy, CURLoption option, void *value) {
    return curl_easy_setopt(easy, option, value);
}

static inline CURLcode pv_easy_setopt_slist(CURL *easy, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(easy, option, value);
}

/// Body and header callbacks share this shape (CURLOPT_WRITEFUNCTION, CURLOPT_HEADERFUNCTION, CURLOPT_READFUNCTION).
typedef size_t (*pv_data_callback)(char *buffer, size_t size, size_t nitems, void *userdata);

static inline CURLcode pv_easy_setopt_data_callback(CURL *easy, CURLoption option, pv_data_callback callback) {
    return curl_easy_setopt(easy, option, callback);
}

/// CURLOPT_CLOSESOCKETFUNCTION: curl closes its sockets through this, so the engine learns when a descriptor dies.
typedef int (*pv_close_socket_callback)(void *clientp, curl_socket_t item);

static inline CURLcode pv_easy_setopt_close_socket_callback(CURL *easy, pv_close_socket_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_CLOSESOCKETFUNCTION, callback);
}

/// CURLOPT_OPENSOCKETFUNCTION: the engine creates curl's sockets, so a reused descriptor number is never mistaken
/// for the closed socket that had it before.
typedef curl_socket_t (*pv_open_socket_callback)(void *clientp, curlsocktype purpose, struct curl_sockaddr *address);

static inline CURLcode pv_easy_setopt_open_socket_callback(CURL *easy, pv_open_socket_callback callback) {
    return curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, callback);
}

// MARK: - multi handle options

typedef int (*pv_socket_callback)(CURL *easy, curl_socket_t socket, int what, void *userp, void *socketp);
typedef int (*pv_timer_callback)(CURLM *multi, long timeout_ms, void *userp);

static inline CURLMcode pv_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLMcode pv_multi_setopt_pointer(CURLM *multi, CURLMoption option, void *value) {
    return curl_multi_setopt(multi, option, value);
}

static inline CURLMcode pv_multi_setopt_socket_callback(CURLM *multi, pv_socket_callback callback) {
    return curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, callback);
}

static inline CURLMcode pv_multi_setopt_timer_callback(CURLM *multi, pv_timer_callback callback) {
    return curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, callback);
}

// MARK: - info

static inline CURLcode pv_easy_getinfo_long(CURL *easy, CURLINFO info, long *value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLcode pv_easy_getinfo_off(CURL *easy, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(easy, info, value);
}

static inline CURLcode pv_easy_getinfo_pointer(CURL *easy, CURLINFO info, void **value) {
    return curl_easy_getinfo(easy, info, value);
}

/// `CURLMsg.data` is a union; Swift sees it awkwardly, so read the result here.
static inline CURLcode pv_msg_result(const CURLMsg *message) {
    return message->data.result;
}

#endif
