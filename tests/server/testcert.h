#pragma once

#include <filesystem>

namespace rd::test {

/** Where writeSelfSignedCertificate put its files. */
struct CertificateFiles {
    std::filesystem::path certificate;
    std::filesystem::path privateKey;
};

/** The certificate's key: EC P-256 (ECDSA suites), or RSA 2048 (RSA suites, with and without ECDHE). */
enum class KeyType { EcP256, Rsa2048 };

/**
 * A throwaway self-signed certificate for 127.0.0.1 (valid for a day) and its key, made with the
 * OpenSSL C API and written as PEM into @p dir. Throws std::runtime_error.
 */
CertificateFiles writeSelfSignedCertificate(const std::filesystem::path &dir, KeyType type = KeyType::EcP256);

} // namespace rd::test
