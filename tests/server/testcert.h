#pragma once

#include <filesystem>

namespace rd::test {

/** Where writeSelfSignedCertificate put its files. */
struct CertificateFiles {
    std::filesystem::path certificate;
    std::filesystem::path privateKey;
};

/**
 * A throwaway self-signed certificate for 127.0.0.1 (EC P-256, valid for a day) and its key,
 * made with the OpenSSL C API and written as PEM into @p dir. Throws std::runtime_error.
 */
CertificateFiles writeSelfSignedCertificate(const std::filesystem::path &dir);

} // namespace rd::test
