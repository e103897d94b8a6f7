#include "testcert.h"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <cstdio>
#include <memory>
#include <stdexcept>

namespace rd::test {

namespace {

struct FreeKey {
    void operator()(EVP_PKEY *k) const noexcept { EVP_PKEY_free(k); }
};
struct FreeCert {
    void operator()(X509 *c) const noexcept { X509_free(c); }
};
struct CloseFile {
    void operator()(FILE *f) const noexcept { std::fclose(f); }
};

void require(bool ok, const char *what)
{
    if (!ok)
        throw std::runtime_error(std::string("making the test certificate: ") + what);
}

} // namespace

CertificateFiles writeSelfSignedCertificate(const std::filesystem::path &dir, KeyType type)
{
    std::unique_ptr<EVP_PKEY, FreeKey> key(type == KeyType::EcP256 ? EVP_EC_gen("P-256") : EVP_RSA_gen(2048));
    require(key != nullptr, "making the key");
    std::unique_ptr<X509, FreeCert> cert(X509_new());
    require(cert != nullptr, "X509_new");
    require(X509_set_version(cert.get(), 2) == 1, "X509_set_version");
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -60);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 24 * 60 * 60);
    require(X509_set_pubkey(cert.get(), key.get()) == 1, "X509_set_pubkey");
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char *>("127.0.0.1"), -1,
                               -1, 0);
    require(X509_set_issuer_name(cert.get(), name) == 1, "X509_set_issuer_name");
    require(X509_sign(cert.get(), key.get(), EVP_sha256()) > 0, "X509_sign");

    CertificateFiles files{dir / "server.crt", dir / "server.key"};
    {
        std::unique_ptr<FILE, CloseFile> f(std::fopen(files.certificate.c_str(), "wb"));
        require(f && PEM_write_X509(f.get(), cert.get()) == 1, "writing the certificate");
    }
    {
        std::unique_ptr<FILE, CloseFile> f(std::fopen(files.privateKey.c_str(), "wb"));
        require(f && PEM_write_PrivateKey(f.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr) == 1,
                "writing the key");
    }
    return files;
}

} // namespace rd::test
