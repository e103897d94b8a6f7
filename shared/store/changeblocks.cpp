#include "changeblocks.h"

#include "database.h"

#include <string>

namespace rd::sql {

namespace {

// Advisory lock keys (bigint form), in the space of the schema that holds rd_change_block (its
// oid in the high 32 bits), so that several databases of Release Desk, each in a schema of one
// PostgreSQL database, never see each other's: low 32 bits 0, the writers' lock; 1 to 2^31 − 1,
// the open blocks; 2^32 − 1, the gate.
constexpr const char *kSpace = "  space oid := (SELECT relnamespace FROM pg_class WHERE oid = CAST('rd_change_block' AS regclass));\n"
                               "  writers bigint := CAST(space AS bigint) << 32;\n"
                               "  gate bigint := writers | 4294967295;\n";

} // namespace

void makeChangeBlocks(Database &db)
{
    const std::string block = std::to_string(kChangeBlock);
    db.exec("CREATE SEQUENCE rd_change_block MINVALUE 1 MAXVALUE 2147483647 NO CYCLE");
    // The first block follows every number handed out before (one at a time, in meta).
    db.exec("SELECT setval('rd_change_block', GREATEST(1, (CAST((SELECT value FROM meta WHERE key = "
            "'last_seq') AS BIGINT) + " + block + ") / " + block + "), false)");
    // The writers' lock: shared by transactions that only take the row locks their rules read
    // under (Store::ConcurrentWrites), held alone by every other. Then the block, taken and
    // registered under the gate, which a pull holds alone while it reads the open blocks, so it
    // never sees a block taken but not yet registered. The gate is a session-level lock, held
    // only for these statements and let go on any error, a cancel included (WHEN OTHERS alone
    // does not catch a cancel); let go twice, it only warns.
    db.exec(std::string("CREATE FUNCTION rd_begin_write(beside_others boolean) RETURNS bigint "
                        "LANGUAGE plpgsql AS $$\n"
                        "DECLARE\n") + kSpace +
            "  block bigint;\n"
            "BEGIN\n"
            "  IF beside_others THEN\n"
            "    PERFORM pg_advisory_xact_lock_shared(writers);\n"
            "  ELSE\n"
            "    PERFORM pg_advisory_xact_lock(writers);\n"
            "  END IF;\n"
            "  BEGIN\n"
            "    PERFORM pg_advisory_lock_shared(gate);\n"
            "    block := nextval('rd_change_block');\n"
            "    PERFORM pg_advisory_xact_lock_shared(writers | block);\n"
            "    PERFORM pg_advisory_unlock_shared(gate);\n"
            "  EXCEPTION WHEN OTHERS OR query_canceled THEN\n"
            "    PERFORM pg_advisory_unlock_shared(gate);\n"
            "    RAISE;\n"
            "  END;\n"
            "  RETURN block;\n"
            "END $$");
    // The horizon: the last number of the last block handed out, or below the oldest block still
    // open. A writer that commits lets go of its block's lock only once its changes are visible.
    db.exec(std::string("CREATE FUNCTION rd_pull_horizon() RETURNS bigint "
                        "LANGUAGE plpgsql AS $$\n"
                        "DECLARE\n") + kSpace +
            "  handed bigint;\n  called boolean;\n  oldest bigint;\n"
            "BEGIN\n"
            "  BEGIN\n"
            "    PERFORM pg_advisory_lock(gate);\n"
            "    SELECT last_value, is_called INTO handed, called FROM rd_change_block;\n"
            "    SELECT min(CAST(objid AS bigint)) INTO oldest FROM pg_locks WHERE locktype = 'advisory' "
            "AND objsubid = 1 AND classid = space AND CAST(objid AS bigint) BETWEEN 1 AND 2147483647 "
            "AND database = (SELECT oid FROM pg_database WHERE datname = current_database());\n"
            "    PERFORM pg_advisory_unlock(gate);\n"
            "  EXCEPTION WHEN OTHERS OR query_canceled THEN\n"
            "    PERFORM pg_advisory_unlock(gate);\n"
            "    RAISE;\n"
            "  END;\n"
            "  IF NOT called THEN\n    handed := handed - 1;\n  END IF;\n"
            "  RETURN LEAST((handed + 1) * " + block + " - 1, coalesce(oldest * " + block + " - 1, (handed + 1) * " +
            block + " - 1));\n"
            "END $$");
}

} // namespace rd::sql
