#pragma once
// Internal to the store: the unit of work every write method opens.

#include "store.h"

namespace rd {

/**
 * One write method's unit of work: the transaction when none is open (reading the change
 * sequence at its start and saving it at commit), a savepoint inside one. Rolls back unless
 * committed, so a failed write leaves nothing behind even inside a Batch.
 */
class Store::Write {
public:
    /**
     * Whether the method writes one row or several. A single INSERT or UPDATE is atomic by
     * itself, so inside a Batch it needs no savepoint (whose journal copies every page touched).
     * SeveralAfterChecks: several rows, but every refusal the method makes comes before its first
     * write. Under OptimisticWrites, where any failure of the database fails the whole batch, it
     * then needs no savepoint either; otherwise it takes one, as Several does.
     */
    enum class Rows { One, Several, SeveralAfterChecks };
    explicit Write(Store &s, Rows rows = Rows::Several);
    ~Write();
    Write(const Write &) = delete;
    Write &operator=(const Write &) = delete;
    void commit();

private:
    Store &m_s;
    bool m_outer;
    bool m_savepoint;
    bool m_done = false;
};

} // namespace rd
