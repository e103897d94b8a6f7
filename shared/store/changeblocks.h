#pragma once
// PostgreSQL: change numbers for several writers at once, and how far a pull may read.

#include <cstdint>

namespace rd::sql {

class Database;

/**
 * Change numbers on PostgreSQL come in blocks of this many: block k holds k × kChangeBlock up to
 * (k + 1) × kChangeBlock − 1. A write transaction takes one block when it begins (rd_begin_write)
 * and registers it, with an advisory lock keyed by k, as open until it commits or rolls back. A
 * pull reads only below the oldest block still open (rd_pull_horizon), taken before its snapshot,
 * so a change numbered below the horizon has always committed and is in the snapshot: a cursor
 * never passes a change that can still commit, whatever order writers commit in.
 *
 * 2^22 numbers a block: one transaction never needs a second in practice (nextSeq takes one if it
 * does), and the 2^31 − 1 blocks an advisory lock's key can name end at 2^53 − 1, the largest
 * number the protocol carries: two thousand million write transactions.
 */
inline constexpr std::int64_t kChangeBlock = std::int64_t{1} << 22;

/**
 * Schema version 10's own part on PostgreSQL, inside the migration's transaction: the block
 * sequence (its first block after meta's last_seq, the counter of the versions before),
 * rd_begin_write(beside_others) and rd_pull_horizon().
 */
void makeChangeBlocks(Database &db);

} // namespace rd::sql
