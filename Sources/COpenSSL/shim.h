#ifndef BERTH_COPENSSL_SHIM_H
#define BERTH_COPENSSL_SHIM_H

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#endif
