#ifndef BERTH_CCURL_SHIM_H
#define BERTH_CCURL_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <curl/curl.h>

// libcurl is loaded with dlopen on the first request instead of being linked, because its
// thirty-odd dependent libraries would otherwise load before main() and delay the wizard's
// first frame. curl_easy_setopt and curl_easy_getinfo are variadic, which Swift cannot call,
// so the typed wrappers below make those calls from C.
//
// NOTE: the table has internal linkage. Only CurlTransport.swift imports this module, and a
// second importer would get its own table that berth_curl_load never filled.
typedef struct {
    CURLcode (*global_init)(long flags);
    CURL *(*easy_init)(void);
    CURLcode (*easy_perform)(CURL *handle);
    void (*easy_cleanup)(CURL *handle);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *text);
    void (*slist_free_all)(struct curl_slist *list);
    const char *(*easy_strerror)(CURLcode code);
    CURLcode (*easy_setopt)(CURL *handle, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *handle, CURLINFO info, ...);
} berth_curl_functions;

// A static local rather than a file-scope variable: Swift emits the bodies of inline C
// functions it calls, with their static locals, but not file-scope variables.
static inline berth_curl_functions *berth_curl(void) {
    static berth_curl_functions table;
    return &table;
}

// Loads libcurl and resolves the functions Berth calls; returns NULL on success or the reason
// it failed. Call it once, before any other function here.
static inline const char *berth_curl_load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        library = dlopen("libcurl.so", RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) {
        return dlerror();
    }
    berth_curl()->global_init = (CURLcode (*)(long))dlsym(library, "curl_global_init");
    berth_curl()->easy_init = (CURL * (*)(void))dlsym(library, "curl_easy_init");
    berth_curl()->easy_perform = (CURLcode (*)(CURL *))dlsym(library, "curl_easy_perform");
    berth_curl()->easy_cleanup = (void (*)(CURL *))dlsym(library, "curl_easy_cleanup");
    berth_curl()->slist_append = (struct curl_slist * (*)(struct curl_slist *, const char *))dlsym(library, "curl_slist_append");
    berth_curl()->slist_free_all = (void (*)(struct curl_slist *))dlsym(library, "curl_slist_free_all");
    berth_curl()->easy_strerror = (const char *(*)(CURLcode))dlsym(library, "curl_easy_strerror");
    berth_curl()->easy_setopt = (CURLcode (*)(CURL *, CURLoption, ...))dlsym(library, "curl_easy_setopt");
    berth_curl()->easy_getinfo = (CURLcode (*)(CURL *, CURLINFO, ...))dlsym(library, "curl_easy_getinfo");
    if (!berth_curl()->global_init || !berth_curl()->easy_init || !berth_curl()->easy_perform
        || !berth_curl()->easy_cleanup || !berth_curl()->slist_append || !berth_curl()->slist_free_all
        || !berth_curl()->easy_strerror || !berth_curl()->easy_setopt || !berth_curl()->easy_getinfo) {
        return "libcurl is missing one of the functions Berth calls";
    }
    berth_curl()->global_init(CURL_GLOBAL_DEFAULT);
    return NULL;
}

static inline CURL *berth_curl_easy_init(void) { return berth_curl()->easy_init(); }
static inline CURLcode berth_curl_easy_perform(CURL *handle) { return berth_curl()->easy_perform(handle); }
static inline void berth_curl_easy_cleanup(CURL *handle) { berth_curl()->easy_cleanup(handle); }
static inline struct curl_slist *berth_curl_slist_append(struct curl_slist *list, const char *text) {
    return berth_curl()->slist_append(list, text);
}
static inline void berth_curl_slist_free_all(struct curl_slist *list) { berth_curl()->slist_free_all(list); }
static inline const char *berth_curl_easy_strerror(CURLcode code) { return berth_curl()->easy_strerror(code); }

static inline CURLcode berth_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return berth_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode berth_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return berth_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode berth_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return berth_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode berth_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return berth_curl()->easy_setopt(handle, option, value);
}

static inline CURLcode berth_curl_setopt_off(CURL *handle, CURLoption option, curl_off_t value) {
    return berth_curl()->easy_setopt(handle, option, value);
}

typedef size_t (*berth_curl_data_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode berth_curl_setopt_write_function(CURL *handle, berth_curl_data_callback callback) {
    return berth_curl()->easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode berth_curl_setopt_header_function(CURL *handle, berth_curl_data_callback callback) {
    return berth_curl()->easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

static inline CURLcode berth_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return berth_curl()->easy_getinfo(handle, info, value);
}

static inline CURLcode berth_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return berth_curl()->easy_getinfo(handle, info, value);
}

#endif
