#ifndef BERTH_COPENSSL_SHIM_H
#define BERTH_COPENSSL_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

// libcrypto is loaded with dlopen on the first digest instead of being linked. Linked, it
// brought about 3,400 of the 5,700 symbol relocations the dynamic loader resolved before
// main(), and no digest is needed until the first AWS request.
//
// NOTE: the table has internal linkage. Only Crypto.swift imports this module, and a second
// importer would get its own table that berth_crypto_load never filled.
typedef struct {
    unsigned char *(*sha256)(const unsigned char *data, size_t count, unsigned char *digest);
    unsigned char *(*sha1)(const unsigned char *data, size_t count, unsigned char *digest);
    const EVP_MD *(*evp_sha256)(void);
    unsigned char *(*hmac)(const EVP_MD *md, const void *key, int key_length, const unsigned char *data,
                           size_t count, unsigned char *digest, unsigned int *digest_length);
} berth_crypto_functions;

// A static local rather than a file-scope variable: Swift emits the bodies of inline C
// functions it calls, with their static locals, but not file-scope variables.
static inline berth_crypto_functions *berth_crypto(void) {
    static berth_crypto_functions table;
    return &table;
}

// Loads libcrypto and resolves the functions Berth calls; returns NULL on success or the reason
// it failed. Call it once, before any other function here.
static inline const char *berth_crypto_load(void) {
    void *library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        library = dlopen("libcrypto.so", RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) {
        return dlerror();
    }
    berth_crypto()->sha256 = (unsigned char *(*)(const unsigned char *, size_t, unsigned char *))dlsym(library, "SHA256");
    berth_crypto()->sha1 = (unsigned char *(*)(const unsigned char *, size_t, unsigned char *))dlsym(library, "SHA1");
    berth_crypto()->evp_sha256 = (const EVP_MD *(*)(void))dlsym(library, "EVP_sha256");
    berth_crypto()->hmac = (unsigned char *(*)(const EVP_MD *, const void *, int, const unsigned char *, size_t,
                                               unsigned char *, unsigned int *))dlsym(library, "HMAC");
    if (!berth_crypto()->sha256 || !berth_crypto()->sha1 || !berth_crypto()->evp_sha256 || !berth_crypto()->hmac) {
        return "libcrypto is missing one of the functions Berth calls";
    }
    return NULL;
}

static inline void berth_sha256(const unsigned char *data, size_t count, unsigned char *digest) {
    berth_crypto()->sha256(data, count, digest);
}

static inline void berth_sha1(const unsigned char *data, size_t count, unsigned char *digest) {
    berth_crypto()->sha1(data, count, digest);
}

static inline unsigned int berth_hmac_sha256(const void *key, int key_length, const unsigned char *data, size_t count,
                                             unsigned char *digest) {
    unsigned int length = 0;
    berth_crypto()->hmac(berth_crypto()->evp_sha256(), key, key_length, data, count, digest, &length);
    return length;
}

#endif
