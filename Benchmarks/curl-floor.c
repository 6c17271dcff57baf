// Benchmarks/curl-floor.c — what libcurl alone costs per request, as a client with no proxy around it.
//
// CONNECTIONS keep-alive transfers stay in flight on one multi handle, driven through the socket API and epoll the
// way Portvakt's curl engine drives it; each easy handle keeps its options and is added again as its transfer ends.
// Any proxy that forwards through this libcurl spends at least this much CPU per request on its upstream side, so
// load.sh runs it in the same rounds as nginx and Portvakt and prints it beside them.
//
// Usage: curl-floor URL CONNECTIONS WARMUP_SECONDS SECONDS [HEADER...]
// Prints one line: requests req/s CPU-µs-per-request non-2xx (counted over SECONDS, after the warm-up).
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <time.h>

static int epoll_descriptor;
static long timer_milliseconds = -1;

static size_t discard(char *bytes, size_t size, size_t count, void *context) {
    (void)bytes;
    (void)context;
    return size * count;
}

static int watch_socket(CURL *easy, curl_socket_t socket, int what, void *context, void *socket_context) {
    (void)easy;
    (void)context;
    (void)socket_context;
    if (what == CURL_POLL_REMOVE) {
        epoll_ctl(epoll_descriptor, EPOLL_CTL_DEL, socket, NULL);
        return 0;
    }
    struct epoll_event event = {0};
    event.data.fd = socket;
    event.events = (what & CURL_POLL_IN ? EPOLLIN : 0) | (what & CURL_POLL_OUT ? EPOLLOUT : 0);
    if (epoll_ctl(epoll_descriptor, EPOLL_CTL_MOD, socket, &event) != 0 && errno == ENOENT) {
        epoll_ctl(epoll_descriptor, EPOLL_CTL_ADD, socket, &event);
    }
    return 0;
}

static int set_timer(CURLM *multi, long milliseconds, void *context) {
    (void)multi;
    (void)context;
    timer_milliseconds = milliseconds;
    return 0;
}

static double seconds_of(struct timespec time) { return (double)time.tv_sec + (double)time.tv_nsec / 1e9; }

static double monotonic_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return seconds_of(now);
}

static double cpu_seconds(void) {
    struct timespec used;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &used);
    return seconds_of(used);
}

int main(int argc, char **argv) {
    if (argc < 5) {
        fprintf(stderr, "usage: curl-floor URL CONNECTIONS WARMUP_SECONDS SECONDS [HEADER...]\n");
        return 2;
    }
    const char *url = argv[1];
    int connections = atoi(argv[2]);
    double warmup = atof(argv[3]), duration = atof(argv[4]);
    if (connections < 1 || warmup < 0 || duration <= 0) {
        fprintf(stderr, "curl-floor: CONNECTIONS must be positive, the seconds a positive number\n");
        return 2;
    }
    struct curl_slist *headers = NULL;
    for (int i = 5; i < argc; i++) headers = curl_slist_append(headers, argv[i]);

    curl_global_init(CURL_GLOBAL_DEFAULT);
    epoll_descriptor = epoll_create1(0);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, watch_socket);
    curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, set_timer);
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, (long)connections);
    for (int i = 0; i < connections; i++) {
        CURL *easy = curl_easy_init();
        curl_easy_setopt(easy, CURLOPT_URL, url);
        curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
        curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discard);
        curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, discard);
        // As Portvakt does: no proxy, and no reading of no_proxy from the environment for every transfer.
        curl_easy_setopt(easy, CURLOPT_PROXY, "");
        curl_easy_setopt(easy, CURLOPT_NOPROXY, "");
        curl_multi_add_handle(multi, easy);
    }

    int running = 0;
    curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
    double started = monotonic_seconds(), measuring_from = started + warmup, cpu_at_start = 0;
    long requests = 0, non_2xx = 0;
    int measuring = 0;
    struct epoll_event events[64];
    for (;;) {
        double now = monotonic_seconds();
        if (!measuring && now >= measuring_from) {
            measuring = 1;
            cpu_at_start = cpu_seconds();
            requests = 0;
            non_2xx = 0;
        }
        if (measuring && now >= measuring_from + duration) break;
        int ready = epoll_wait(epoll_descriptor, events, 64, timer_milliseconds < 0 ? 100 : (int)timer_milliseconds);
        if (ready < 0 && errno != EINTR) {
            perror("curl-floor: epoll_wait");
            return 1;
        }
        if (ready <= 0) curl_multi_socket_action(multi, CURL_SOCKET_TIMEOUT, 0, &running);
        for (int i = 0; i < ready; i++) {
            int flags = (events[i].events & EPOLLIN ? CURL_CSELECT_IN : 0) |
                        (events[i].events & EPOLLOUT ? CURL_CSELECT_OUT : 0) |
                        (events[i].events & (EPOLLERR | EPOLLHUP) ? CURL_CSELECT_ERR : 0);
            curl_multi_socket_action(multi, events[i].data.fd, flags, &running);
        }
        CURLMsg *message;
        int queued;
        while ((message = curl_multi_info_read(multi, &queued))) {
            if (message->msg != CURLMSG_DONE) continue;
            CURL *easy = message->easy_handle;
            if (message->data.result != CURLE_OK) {
                fprintf(stderr, "curl-floor: %s: %s\n", url, curl_easy_strerror(message->data.result));
                return 1;
            }
            long status = 0;
            curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
            requests += 1;
            if (status < 200 || status > 299) non_2xx += 1;
            curl_multi_remove_handle(multi, easy);
            curl_multi_add_handle(multi, easy);
        }
    }
    double cpu = cpu_seconds() - cpu_at_start, elapsed = monotonic_seconds() - measuring_from;
    if (requests == 0) {
        fprintf(stderr, "curl-floor: no request finished in %.0f s\n", duration);
        return 1;
    }
    printf("%ld %.2f %.1f %ld\n", requests, (double)requests / elapsed, cpu * 1e6 / (double)requests, non_2xx);
    return 0;
}
