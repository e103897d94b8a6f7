#pragma once

#include "routing.h"

namespace rd::server {

/**
 * POST /api/v1/password {"user_id", "password"}: a release manager sets a person's password, online
 * only (a password never travels in a tablet's outbox, and is never kept on a device). The hash is
 * made on the sign-in pool and answered through @p finish; the person's tokens end, so every device
 * of theirs signs in again with the new password.
 */
void setPassword(const Call &call, Finish finish);

} // namespace rd::server
