#pragma once

#include "routing.h"

namespace rd::server {

/**
 * POST /api/v1/signin: refused at once during a wait after failed sign-ins (429) or when the
 * sign-in pool is full (503); otherwise the password is checked on the sign-in pool, the device
 * id registered as the account's, and tokens issued, all answered through @p finish. Every
 * refusal is counted in /metrics and logged with the name and the client address.
 */
void signin(const Call &call, Finish finish);

/** POST /api/v1/refresh: a new token pair for a refresh token (which is spent). */
[[nodiscard]] Response refresh(const Call &call);

} // namespace rd::server
