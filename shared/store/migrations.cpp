#include "migrations.h"

#include "changeblocks.h"
#include "database.h"
#include "pgdialect.h"

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <vector>

#include <array>

namespace rd {

namespace {

// Conventions: every record has a 16-byte UUIDv7 id; `seq` is the store's change sequence,
// set anew by every write, indexed so that the sync reads changes in order; deletions leave a
// row in `tombstones` with their own seq. Enum columns hold the names from domain/enums.h and
// are checked here too, so a bad value cannot get in even by hand (as OR chains: SQLite builds a
// temporary table for every `IN (...)` check on every insert). Times are Unix milliseconds.
constexpr std::string_view kV1 = R"sql(
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE users (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    name          TEXT NOT NULL UNIQUE,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role = 'release-manager' OR role = 'build-developer' OR role = 'installer'),
    password_hash TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1),
    seq           INTEGER NOT NULL
);
CREATE INDEX users_seq ON users(seq);

CREATE TABLE sites (
    id                BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    name              TEXT NOT NULL UNIQUE,
    code              TEXT NOT NULL UNIQUE,
    asset_tag_pattern TEXT NOT NULL DEFAULT '',
    seq               INTEGER NOT NULL
);
CREATE INDEX sites_seq ON sites(seq);

CREATE TABLE rooms (
    id      BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    site_id BLOB NOT NULL REFERENCES sites(id),
    name    TEXT NOT NULL,
    seq     INTEGER NOT NULL,
    UNIQUE (site_id, name)
);
CREATE INDEX rooms_seq ON rooms(seq);

CREATE TABLE user_sites (
    user_id BLOB NOT NULL REFERENCES users(id),
    site_id BLOB NOT NULL REFERENCES sites(id),
    seq     INTEGER NOT NULL,
    PRIMARY KEY (user_id, site_id)
) WITHOUT ROWID;
CREATE INDEX user_sites_seq ON user_sites(seq);

CREATE TABLE services (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    name        TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL,
    seq         INTEGER NOT NULL
);
CREATE INDEX services_seq ON services(seq);

-- The Definitive Software Library: one row per software item and version.
CREATE TABLE dsl_items (
    id             BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    product        TEXT NOT NULL,
    version        TEXT NOT NULL,
    vendor         TEXT NOT NULL,
    media_kind     TEXT NOT NULL CHECK (media_kind = 'disc' OR media_kind = 'usb-drive' OR media_kind = 'download' OR media_kind = 'disk-image' OR media_kind = 'other'),
    media_location TEXT NOT NULL DEFAULT '',
    build_sha256   TEXT NOT NULL DEFAULT '' CHECK (build_sha256 = '' OR (length(build_sha256) = 64 AND build_sha256 NOT GLOB '*[^0-9a-f]*')),
    licence_type   TEXT NOT NULL CHECK (licence_type = 'per-seat' OR licence_type = 'site' OR licence_type = 'subscription' OR licence_type = 'oem' OR licence_type = 'free' OR licence_type = 'other'),
    seq            INTEGER NOT NULL,
    UNIQUE (product, version)
);
CREATE INDEX dsl_items_seq ON dsl_items(seq);

-- The in/out book of original media kept in the lockable cupboard.
CREATE TABLE media_loans (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    dsl_item_id BLOB NOT NULL REFERENCES dsl_items(id),
    taken_by    BLOB NOT NULL REFERENCES users(id),
    taken_at    INTEGER NOT NULL,
    purpose     TEXT NOT NULL DEFAULT '',
    returned_at INTEGER,
    seq         INTEGER NOT NULL
);
CREATE INDEX media_loans_item ON media_loans(dsl_item_id);
CREATE UNIQUE INDEX media_loans_one_out ON media_loans(dsl_item_id) WHERE returned_at IS NULL;
CREATE INDEX media_loans_seq ON media_loans(seq);

-- The licence log.
CREATE TABLE licences (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    dsl_item_id BLOB REFERENCES dsl_items(id),
    name        TEXT NOT NULL,
    entitlement TEXT NOT NULL,
    seats       INTEGER NOT NULL CHECK (seats >= 0),
    seq         INTEGER NOT NULL
);
CREATE INDEX licences_seq ON licences(seq);

CREATE TABLE assets (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    asset_tag     TEXT UNIQUE,
    serial        TEXT,
    serial_norm   TEXT,
    make          TEXT NOT NULL,
    make_key      TEXT NOT NULL,
    model         TEXT NOT NULL,
    category      TEXT NOT NULL,
    site_id       BLOB NOT NULL REFERENCES sites(id),
    room_id       BLOB REFERENCES rooms(id),
    assigned_user TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status = 'on-order' OR status = 'in-stock' OR status = 'installed' OR status = 'in-use' OR status = 'spare' OR status = 'retired' OR status = 'disposed'),
    seq           INTEGER NOT NULL
);
CREATE UNIQUE INDEX assets_serial ON assets(serial_norm, make_key) WHERE serial_norm IS NOT NULL;
-- Where things are: by site (the sync's scope), and by room within a site (the inventory screen).
CREATE INDEX assets_place ON assets(site_id, room_id);
CREATE INDEX assets_seq ON assets(seq);

CREATE TABLE licence_assignments (
    id              BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    licence_id      BLOB NOT NULL REFERENCES licences(id),
    asset_id        BLOB NOT NULL REFERENCES assets(id),
    assigned_by     BLOB NOT NULL REFERENCES users(id),
    assigned_at     INTEGER NOT NULL,
    override_reason TEXT,
    seq             INTEGER NOT NULL,
    UNIQUE (licence_id, asset_id)
);
CREATE INDEX licence_assignments_asset ON licence_assignments(asset_id);
CREATE INDEX licence_assignments_seq ON licence_assignments(seq);

-- A build procedure: one row per version of the build for a service.
CREATE TABLE build_procedures (
    id             BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    service_id     BLOB NOT NULL REFERENCES services(id),
    version        INTEGER NOT NULL CHECK (version >= 1),
    status         TEXT NOT NULL CHECK (status = 'draft' OR status = 'approved' OR status = 'retired'),
    hardware_model TEXT NOT NULL DEFAULT '',
    design_notes   TEXT NOT NULL DEFAULT '',
    back_out_plan  TEXT NOT NULL DEFAULT '',
    created_by     BLOB NOT NULL REFERENCES users(id),
    created_at     INTEGER NOT NULL,
    approved_by    BLOB REFERENCES users(id),
    approved_at    INTEGER,
    retired_at     INTEGER,
    seq            INTEGER NOT NULL,
    UNIQUE (service_id, version)
);
CREATE INDEX build_procedures_seq ON build_procedures(seq);

-- Design details: the DSL software items (with their versions) that make up the build.
CREATE TABLE build_items (
    build_id    BLOB NOT NULL REFERENCES build_procedures(id),
    dsl_item_id BLOB NOT NULL REFERENCES dsl_items(id),
    seq         INTEGER NOT NULL,
    PRIMARY KEY (build_id, dsl_item_id)
) WITHOUT ROWID;
CREATE INDEX build_items_seq ON build_items(seq);

-- The build install checklist, stability tests and acceptance tests, in order.
CREATE TABLE build_steps (
    id       BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    build_id BLOB NOT NULL REFERENCES build_procedures(id),
    part     TEXT NOT NULL CHECK (part = 'installation' OR part = 'stability' OR part = 'acceptance'),
    position INTEGER NOT NULL,
    title    TEXT NOT NULL,
    detail   TEXT NOT NULL DEFAULT '',
    required INTEGER NOT NULL DEFAULT 1 CHECK (required = 0 OR required = 1),
    seq      INTEGER NOT NULL,
    UNIQUE (build_id, part, position)
);
CREATE INDEX build_steps_seq ON build_steps(seq);

CREATE TABLE releases (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    number        TEXT NOT NULL UNIQUE,
    kind          TEXT NOT NULL CHECK (kind = 'single' OR kind = 'rollout'),
    units         INTEGER NOT NULL CHECK (units >= 1),
    trigger_kind  TEXT NOT NULL CHECK (trigger_kind = 'none' OR trigger_kind = 'request' OR trigger_kind = 'rfc'),
    trigger_ref   TEXT NOT NULL DEFAULT '',
    build_id      BLOB NOT NULL REFERENCES build_procedures(id),
    site_id       BLOB NOT NULL REFERENCES sites(id),
    planned_date  TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status = 'planned' OR status = 'in-progress' OR status = 'installed' OR status = 'accepted' OR status = 'closed' OR status = 'backed-out'),
    back_out_plan TEXT NOT NULL DEFAULT '',
    created_by    BLOB NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    seq           INTEGER NOT NULL,
    CHECK (kind = 'rollout' OR units = 1)
);
CREATE INDEX releases_site ON releases(site_id);
CREATE INDEX releases_seq ON releases(seq);

CREATE TABLE release_installers (
    release_id BLOB NOT NULL REFERENCES releases(id),
    user_id    BLOB NOT NULL REFERENCES users(id),
    seq        INTEGER NOT NULL,
    PRIMARY KEY (release_id, user_id)
) WITHOUT ROWID;
CREATE INDEX release_installers_user ON release_installers(user_id);
CREATE INDEX release_installers_seq ON release_installers(seq);

CREATE TABLE installations (
    id         BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    release_id BLOB NOT NULL REFERENCES releases(id),
    asset_id   BLOB NOT NULL REFERENCES assets(id),
    status     TEXT NOT NULL CHECK (status = 'in-progress' OR status = 'accepted' OR status = 'backed-out'),
    started_by BLOB NOT NULL REFERENCES users(id),
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    seq        INTEGER NOT NULL,
    UNIQUE (release_id, asset_id)
);
CREATE INDEX installations_release ON installations(release_id, status);
CREATE INDEX installations_asset ON installations(asset_id);
CREATE INDEX installations_seq ON installations(seq);

-- Append-only facts: a step may be recorded again (a retest); the latest result counts.
-- WITHOUT ROWID: the id is the key, so there is no second index for it on the largest table.
CREATE TABLE step_results (
    id              BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    installation_id BLOB NOT NULL REFERENCES installations(id),
    step_id         BLOB NOT NULL REFERENCES build_steps(id),
    outcome         TEXT NOT NULL CHECK (outcome = 'pass' OR outcome = 'fail' OR outcome = 'not-applicable'),
    note            TEXT,
    evidence        TEXT,
    recorded_by     BLOB NOT NULL REFERENCES users(id),
    recorded_at     INTEGER NOT NULL,
    seq             INTEGER NOT NULL
) WITHOUT ROWID;
-- Covers the checklist's question "what is the latest result of each step?", in time order.
CREATE INDEX step_results_installation ON step_results(installation_id, recorded_at, seq, step_id, outcome);
CREATE INDEX step_results_seq ON step_results(seq);

CREATE TABLE signoffs (
    id              BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    installation_id BLOB NOT NULL UNIQUE REFERENCES installations(id),
    user_name       TEXT NOT NULL,
    strokes         TEXT NOT NULL,
    signed_at       INTEGER NOT NULL,
    recorded_by     BLOB NOT NULL REFERENCES users(id),
    seq             INTEGER NOT NULL
);
CREATE INDEX signoffs_seq ON signoffs(seq);

CREATE TABLE backouts (
    id              BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    installation_id BLOB NOT NULL UNIQUE REFERENCES installations(id),
    reason          TEXT NOT NULL,
    performed_by    BLOB NOT NULL REFERENCES users(id),
    performed_at    INTEGER NOT NULL,
    seq             INTEGER NOT NULL
);
CREATE INDEX backouts_seq ON backouts(seq);

CREATE TABLE tombstones (
    seq        INTEGER PRIMARY KEY,
    table_name TEXT NOT NULL,
    row_key    BLOB NOT NULL
);
)sql";

// Version 2: the sync. On the server: devices and how far each one's mutations are applied,
// sign-in tokens, ids merged into others (the same asset registered on two tablets), refused
// mutations, and conflicts. On a tablet: the outbox of local mutations and the pull cursor.
constexpr std::string_view kV2 = R"sql(
-- A value that lost to another device's change of the same field, kept until someone resolves it.
CREATE TABLE conflicts (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    table_name    TEXT NOT NULL,
    record_id     BLOB NOT NULL,
    field         TEXT NOT NULL,
    kept_value    TEXT,
    lost_value    TEXT,
    base_value    TEXT,
    lost_device   BLOB NOT NULL,
    lost_by       BLOB NOT NULL REFERENCES users(id),
    created_at    INTEGER NOT NULL,
    resolved_by   BLOB REFERENCES users(id),
    resolved_at   INTEGER,
    resolution    TEXT,
    seq           INTEGER NOT NULL
);
CREATE INDEX conflicts_record ON conflicts(record_id);
CREATE INDEX conflicts_seq ON conflicts(seq);

-- Server: one row per tablet; last_seq is the last mutation applied from it (exactly once).
CREATE TABLE sync_devices (
    device_id  BLOB PRIMARY KEY NOT NULL CHECK (length(device_id) = 16),
    user_id    BLOB NOT NULL REFERENCES users(id),
    last_seq   INTEGER NOT NULL DEFAULT 0,
    last_seen  INTEGER NOT NULL
) WITHOUT ROWID;

-- Server: a record created on a device that turned out to be one the server already had.
CREATE TABLE id_aliases (
    alias_id     BLOB PRIMARY KEY NOT NULL CHECK (length(alias_id) = 16),
    table_name   TEXT NOT NULL,
    canonical_id BLOB NOT NULL,
    device_id    BLOB NOT NULL,
    mutation_seq INTEGER NOT NULL
) WITHOUT ROWID;

-- Server: mutations refused by a rule, kept with the reason for the release manager.
CREATE TABLE sync_rejections (
    device_id    BLOB NOT NULL,
    mutation_seq INTEGER NOT NULL,
    user_id      BLOB NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (device_id, mutation_seq)
) WITHOUT ROWID;

-- Server: bearer tokens, stored as SHA-256 hashes of the random token.
CREATE TABLE auth_tokens (
    token_hash BLOB PRIMARY KEY NOT NULL,
    kind       TEXT NOT NULL CHECK (kind = 'access' OR kind = 'refresh'),
    user_id    BLOB NOT NULL REFERENCES users(id),
    device_id  BLOB,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX auth_tokens_expiry ON auth_tokens(expires_at);

-- Tablet: local changes waiting to be pushed, in the order they were made.
CREATE TABLE outbox (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Tablet: mutations the server refused, with its reason, until the user has seen them.
CREATE TABLE local_rejections (
    mutation_seq INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           INTEGER NOT NULL
);
)sql";

// Version 3: overrides of refused scans (issue 5). Append-only facts like step results: a value a
// scan check refused for an asset's serial or asset tag, taken on the technician's word, with who,
// when, the check's reason and the technician's; tied to the asset and, when it was scanned during
// one, the installation.
constexpr std::string_view kV3 = R"sql(
CREATE TABLE scan_overrides (
    id              BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    asset_id        BLOB NOT NULL REFERENCES assets(id),
    installation_id BLOB REFERENCES installations(id),
    field           TEXT NOT NULL CHECK (field = 'serial' OR field = 'asset-tag'),
    value           TEXT NOT NULL CHECK (value <> ''),
    refusal         TEXT NOT NULL CHECK (refusal <> ''),
    reason          TEXT NOT NULL CHECK (reason <> ''),
    recorded_by     BLOB NOT NULL REFERENCES users(id),
    recorded_at     INTEGER NOT NULL,
    seq             INTEGER NOT NULL
);
CREATE INDEX scan_overrides_asset ON scan_overrides(asset_id, recorded_at);
CREATE INDEX scan_overrides_seq ON scan_overrides(seq);
)sql";

// Version 4 (issue 9): devices belong to someone, and a server restored from a backup gets back
// what it lost. Tablet only: each person who signs in on a tablet syncs as a device of their own
// (device_id, UUID text) with its own numbering of changes from 1 without gaps (outbox_devices), so
// that their unsent work is sent as them; a change the server acknowledged stays 30 days
// (acked_at), to be sent again to a server restored from a backup; sync_accounts keeps who signed
// in here and how to renew their sign-in. The existing outbox becomes the tablet's own device's.
constexpr std::string_view kV4 = R"sql(
CREATE TABLE outbox_devices (
    device_id TEXT PRIMARY KEY NOT NULL,
    last_seq  INTEGER NOT NULL DEFAULT 0 CHECK (last_seq >= 0)
) WITHOUT ROWID;
INSERT INTO outbox_devices(device_id, last_seq)
    SELECT value, coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'outbox'), 0)
    FROM meta WHERE key = 'device_id';

CREATE TABLE outbox_v4 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    device_id  TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    payload    TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    acked_at   INTEGER,
    UNIQUE (device_id, seq)
);
INSERT INTO outbox_v4(id, device_id, seq, kind, payload, created_at)
    SELECT seq, (SELECT value FROM meta WHERE key = 'device_id'), seq, kind, payload, created_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_v4 RENAME TO outbox;
CREATE INDEX outbox_waiting ON outbox(acked_at, device_id, seq);

CREATE TABLE local_rejections_v4 (
    device_id    TEXT NOT NULL,
    mutation_seq INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    PRIMARY KEY (device_id, mutation_seq)
) WITHOUT ROWID;
INSERT INTO local_rejections_v4(device_id, mutation_seq, kind, payload, reason, at)
    SELECT (SELECT value FROM meta WHERE key = 'device_id'), mutation_seq, kind, payload, reason, at
    FROM local_rejections;
DROP TABLE local_rejections;
ALTER TABLE local_rejections_v4 RENAME TO local_rejections;

CREATE TABLE sync_accounts (
    device_id          TEXT PRIMARY KEY NOT NULL,
    user_name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    user_id            TEXT NOT NULL,
    display_name       TEXT NOT NULL DEFAULT '',
    refresh_token      TEXT NOT NULL DEFAULT '',
    refresh_expires_at INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
)sql";

// Version 5 (issue 10): the office. Services say what users get and who owns them, and retire;
// build procedures are submitted and approved or returned with a reason, a draft counts its edits
// (revision) so that no one's edit silently replaces another's, and each checklist line says what
// evidence it asks for; releases have a type, planned end, what users are told, the review note
// when they close, and may name particular assets or rooms; an installation keeps the build version
// it started with, and a unit backed out can be installed again in the same release. Who changed
// an office record last, and when, is kept on it. Tables are rebuilt where SQLite cannot alter a
// constraint (build_procedures' status, installations' one-per-asset rule).
constexpr std::string_view kV5 = R"sql(
ALTER TABLE services ADD COLUMN user_benefit TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN owner_id BLOB REFERENCES users(id);
ALTER TABLE services ADD COLUMN retired_at INTEGER;
ALTER TABLE services ADD COLUMN changed_by BLOB REFERENCES users(id);
ALTER TABLE services ADD COLUMN changed_at INTEGER;

CREATE TABLE build_procedures_v5 (
    id              BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    service_id      BLOB NOT NULL REFERENCES services(id),
    version         INTEGER NOT NULL CHECK (version >= 1),
    status          TEXT NOT NULL CHECK (status = 'draft' OR status = 'submitted' OR status = 'approved' OR status = 'retired'),
    hardware_model  TEXT NOT NULL DEFAULT '',
    design_notes    TEXT NOT NULL DEFAULT '',
    back_out_plan   TEXT NOT NULL DEFAULT '',
    created_by      BLOB NOT NULL REFERENCES users(id),
    created_at      INTEGER NOT NULL,
    approved_by     BLOB REFERENCES users(id),
    approved_at     INTEGER,
    retired_at      INTEGER,
    revision        INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1),
    submitted_by    BLOB REFERENCES users(id),
    submitted_at    INTEGER,
    returned_reason TEXT NOT NULL DEFAULT '',
    returned_by     BLOB REFERENCES users(id),
    returned_at     INTEGER,
    changed_by      BLOB REFERENCES users(id),
    changed_at      INTEGER,
    seq             INTEGER NOT NULL,
    UNIQUE (service_id, version)
);
INSERT INTO build_procedures_v5(id, service_id, version, status, hardware_model, design_notes, back_out_plan,
                                created_by, created_at, approved_by, approved_at, retired_at, seq)
    SELECT id, service_id, version, status, hardware_model, design_notes, back_out_plan, created_by, created_at,
           approved_by, approved_at, retired_at, seq FROM build_procedures;
DROP TABLE build_procedures;
ALTER TABLE build_procedures_v5 RENAME TO build_procedures;
CREATE INDEX build_procedures_seq ON build_procedures(seq);

ALTER TABLE build_steps ADD COLUMN evidence TEXT NOT NULL DEFAULT 'none'
    CHECK (evidence = 'none' OR evidence = 'scan' OR evidence = 'note' OR evidence = 'photo');

ALTER TABLE releases ADD COLUMN release_type TEXT NOT NULL DEFAULT 'minor'
    CHECK (release_type = 'major' OR release_type = 'minor' OR release_type = 'emergency');
ALTER TABLE releases ADD COLUMN planned_end TEXT NOT NULL DEFAULT '';
ALTER TABLE releases ADD COLUMN user_notice TEXT NOT NULL DEFAULT '';
ALTER TABLE releases ADD COLUMN review_note TEXT NOT NULL DEFAULT '';
ALTER TABLE releases ADD COLUMN changed_by BLOB REFERENCES users(id);
ALTER TABLE releases ADD COLUMN changed_at INTEGER;

-- The particular assets or rooms a release's plan names (a rollout to "ICT Suite 2", say).
CREATE TABLE release_targets (
    release_id BLOB NOT NULL REFERENCES releases(id),
    target_id  BLOB NOT NULL CHECK (length(target_id) = 16),
    kind       TEXT NOT NULL CHECK (kind = 'asset' OR kind = 'room'),
    seq        INTEGER NOT NULL,
    PRIMARY KEY (release_id, target_id)
) WITHOUT ROWID;
CREATE INDEX release_targets_seq ON release_targets(seq);

CREATE TABLE installations_v5 (
    id         BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    release_id BLOB NOT NULL REFERENCES releases(id),
    asset_id   BLOB NOT NULL REFERENCES assets(id),
    status     TEXT NOT NULL CHECK (status = 'in-progress' OR status = 'accepted' OR status = 'backed-out'),
    started_by BLOB NOT NULL REFERENCES users(id),
    started_at INTEGER NOT NULL,
    ended_at   INTEGER,
    build_id   BLOB NOT NULL REFERENCES build_procedures(id),
    seq        INTEGER NOT NULL
);
INSERT INTO installations_v5(id, release_id, asset_id, status, started_by, started_at, ended_at, build_id, seq)
    SELECT i.id, i.release_id, i.asset_id, i.status, i.started_by, i.started_at, i.ended_at, r.build_id, i.seq
    FROM installations i JOIN releases r ON r.id = i.release_id;
DROP TABLE installations;
ALTER TABLE installations_v5 RENAME TO installations;
-- One unit of a release per asset, but for units backed out: those may be installed again.
CREATE UNIQUE INDEX installations_unit ON installations(release_id, asset_id) WHERE status <> 'backed-out';
CREATE INDEX installations_release ON installations(release_id, status);
CREATE INDEX installations_asset ON installations(asset_id);
CREATE INDEX installations_seq ON installations(seq);
)sql";

// Version 6 (issue 11): the Definitive Software Library says where the build software is, and the
// in/out book when media are expected back (overdue after) and who booked them in; the licence log
// has expiry, supplier and purchase reference, and a seat knows the sign-off that took it; a sign-off
// carries the reason for going past a licence's seats; assets keep their purchase date and notes
// (from an asset system's import); and the history of every change: one row per field changed, who,
// when, from what to what (append-only, synced).
constexpr std::string_view kV6 = R"sql(
ALTER TABLE dsl_items ADD COLUMN build_location TEXT NOT NULL DEFAULT '';
ALTER TABLE dsl_items ADD COLUMN changed_by BLOB REFERENCES users(id);
ALTER TABLE dsl_items ADD COLUMN changed_at INTEGER;
ALTER TABLE media_loans ADD COLUMN expected_back INTEGER;
ALTER TABLE media_loans ADD COLUMN returned_by BLOB REFERENCES users(id);
ALTER TABLE licences ADD COLUMN expires_on TEXT NOT NULL DEFAULT '';
ALTER TABLE licences ADD COLUMN supplier TEXT NOT NULL DEFAULT '';
ALTER TABLE licences ADD COLUMN purchase_ref TEXT NOT NULL DEFAULT '';
ALTER TABLE licences ADD COLUMN changed_by BLOB REFERENCES users(id);
ALTER TABLE licences ADD COLUMN changed_at INTEGER;
ALTER TABLE licence_assignments ADD COLUMN installation_id BLOB REFERENCES installations(id);
ALTER TABLE signoffs ADD COLUMN seat_override_reason TEXT;
ALTER TABLE assets ADD COLUMN purchase_date TEXT NOT NULL DEFAULT '';
ALTER TABLE assets ADD COLUMN notes TEXT NOT NULL DEFAULT '';

CREATE TABLE record_changes (
    id         BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    table_name TEXT NOT NULL,
    record_id  BLOB NOT NULL,
    field      TEXT NOT NULL,
    old_value  TEXT,
    new_value  TEXT,
    changed_by BLOB NOT NULL REFERENCES users(id),
    changed_at INTEGER NOT NULL,
    seq        INTEGER NOT NULL
);
CREATE INDEX record_changes_record ON record_changes(record_id, changed_at);
CREATE INDEX record_changes_seq ON record_changes(seq);
)sql";

// Version 7 (issue 11): the monthly report reads by time. Installations by status and end (accepted or
// backed out in a period; open at a period's end) and by start (not signed off within 7 days), both
// covering what the counts read, so that a 12-month series is a few index ranges; failed checklist
// lines by when they were recorded, in a partial index that only fails enter (step_results is the
// largest table and most of it passes: a full index would cost every tap a second write; the outcome
// in it makes it covering, as SQLite does not take a partial index's condition as read); scan
// overrides by when. services and build_procedures are small and read whole.
constexpr std::string_view kV7 = R"sql(
CREATE INDEX installations_ended ON installations(status, ended_at, started_at);
CREATE INDEX installations_started ON installations(started_at, ended_at, status);
CREATE INDEX step_results_failed ON step_results(recorded_at, outcome) WHERE outcome = 'fail';
CREATE INDEX scan_overrides_recorded ON scan_overrides(recorded_at);
)sql";

// Photo evidence (issue 12): a checklist line's photo travels as an attachment beside its step
// result, whose evidence says "photo:sha256:<hex>". The server finds the step results (and so the
// sites) that refer to a photo before it hands the photo out: a partial index holds only those
// lines (most lines have no photo). photo_uploads is the tablet's own list of the photos it keeps
// and whether the server has each (never synced: the photos themselves travel as attachments).
constexpr std::string_view kV8 = R"sql(
CREATE INDEX step_results_photo ON step_results(evidence) WHERE evidence LIKE 'photo:%';
CREATE TABLE photo_uploads (
    sha256      TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
    bytes       INTEGER NOT NULL CHECK (bytes > 0),
    taken_at    INTEGER NOT NULL,
    uploaded_at INTEGER,
    refused     TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
)sql";

// Version 9 (issue 12): room audits. An asset not found where it is registered may be marked
// `missing` (assets is rebuilt, as SQLite cannot alter its status check); an audit is who, when,
// which room and the counts, its lines each asset expected or scanned there with what the audit
// made of it (found, missing, elsewhere, unknown). A line's asset has no foreign key: an asset
// scanned there may be another site's, which a tablet does not hold.
constexpr std::string_view kV9 = R"sql(
CREATE TABLE assets_v8 (
    id            BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    asset_tag     TEXT UNIQUE,
    serial        TEXT,
    serial_norm   TEXT,
    make          TEXT NOT NULL,
    make_key      TEXT NOT NULL,
    model         TEXT NOT NULL,
    category      TEXT NOT NULL,
    site_id       BLOB NOT NULL REFERENCES sites(id),
    room_id       BLOB REFERENCES rooms(id),
    assigned_user TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL CHECK (status = 'on-order' OR status = 'in-stock' OR status = 'installed' OR status = 'in-use' OR status = 'spare' OR status = 'retired' OR status = 'disposed' OR status = 'missing'),
    seq           INTEGER NOT NULL,
    purchase_date TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT ''
);
INSERT INTO assets_v8(id, asset_tag, serial, serial_norm, make, make_key, model, category, site_id, room_id,
                      assigned_user, status, seq, purchase_date, notes)
    SELECT id, asset_tag, serial, serial_norm, make, make_key, model, category, site_id, room_id,
           assigned_user, status, seq, purchase_date, notes FROM assets;
DROP TABLE assets;
ALTER TABLE assets_v8 RENAME TO assets;
CREATE UNIQUE INDEX assets_serial ON assets(serial_norm, make_key) WHERE serial_norm IS NOT NULL;
CREATE INDEX assets_place ON assets(site_id, room_id);
CREATE INDEX assets_seq ON assets(seq);

CREATE TABLE room_audits (
    id          BLOB PRIMARY KEY NOT NULL CHECK (length(id) = 16),
    site_id     BLOB NOT NULL REFERENCES sites(id),
    room_id     BLOB NOT NULL REFERENCES rooms(id),
    audited_by  BLOB NOT NULL REFERENCES users(id),
    started_at  INTEGER NOT NULL,
    finished_at INTEGER NOT NULL,
    expected    INTEGER NOT NULL CHECK (expected >= 0),
    found       INTEGER NOT NULL CHECK (found >= 0),
    missing     INTEGER NOT NULL CHECK (missing >= 0),
    unexpected  INTEGER NOT NULL CHECK (unexpected >= 0),
    seq         INTEGER NOT NULL
);
-- A room's last audit (the office's Sites and rooms page).
CREATE INDEX room_audits_room ON room_audits(room_id, finished_at);
CREATE INDEX room_audits_seq ON room_audits(seq);

CREATE TABLE room_audit_lines (
    audit_id BLOB NOT NULL REFERENCES room_audits(id),
    position INTEGER NOT NULL CHECK (position >= 1),
    asset_id BLOB CHECK (asset_id IS NULL OR length(asset_id) = 16),
    scanned  TEXT NOT NULL DEFAULT '',
    outcome  TEXT NOT NULL CHECK (outcome = 'found' OR outcome = 'missing' OR outcome = 'elsewhere' OR outcome = 'unknown'),
    seq      INTEGER NOT NULL,
    PRIMARY KEY (audit_id, position)
) WITHOUT ROWID;
-- An asset's history.
CREATE INDEX room_audit_lines_asset ON room_audit_lines(asset_id) WHERE asset_id IS NOT NULL;
CREATE INDEX room_audit_lines_seq ON room_audit_lines(seq);
)sql";

// Version 10 (issue 13): several writers at once on PostgreSQL. Nothing changes on SQLite; on
// PostgreSQL change numbers come in blocks (changeblocks.h) and step_results keeps only its
// installation as a foreign key (postgresStep). The number itself keeps a program from before,
// which numbers changes from meta's last_seq and takes no writers' lock, off such a database.
constexpr std::string_view kV10 = ""; // PostgreSQL only: see postgresStep

constexpr std::array kMigrations{
    Migration{1, kV1},
    Migration{2, kV2},
    Migration{3, kV3},
    Migration{4, kV4},
    Migration{5, kV5, Migration::Rebuilds::Tables},
    Migration{6, kV6},
    Migration{7, kV7},
    Migration{8, kV8},
    Migration{9, kV9, Migration::Rebuilds::Tables},
    Migration{10, kV10},
};

} // namespace

std::span<const Migration> migrations() noexcept
{
    return kMigrations;
}

int schemaVersion() noexcept
{
    return kMigrations.back().version;
}

namespace {

/**
 * The schema at schemaVersion() in PostgreSQL's words, from the one description there is: the
 * migrations above, run on an in-memory SQLite database, whose tables and indexes are then said
 * in PostgreSQL's dialect (pgdialect.h). Tables come before the tables that refer to them.
 */
std::vector<std::string> postgresSchema()
{
    sql::Database model(":memory:");
    migrate(model);
    struct Entry {
        std::string name, sql;
        std::set<std::string> refers;
    };
    std::vector<Entry> tables;
    std::vector<std::string> indexes;
    auto q = model.query("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' "
                         "ORDER BY rowid");
    static const std::regex references(R"re(REFERENCES\s+"?(\w+)"?)re", std::regex::icase);
    while (q->step()) {
        if (q->text(0) == "table") {
            Entry e{q->text(1), q->text(2), {}};
            for (std::sregex_iterator it(e.sql.begin(), e.sql.end(), references), end; it != end; ++it) {
                if ((*it)[1] != e.name)
                    e.refers.insert((*it)[1]);
            }
            tables.push_back(std::move(e));
        } else if (q->text(0) == "index") {
            indexes.push_back(q->text(2));
        }
    }
    std::vector<std::string> out{
        // SQLite's NOCASE for a column: equal whatever the case (ICU's secondary strength).
        "CREATE COLLATION IF NOT EXISTS rd_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)"};
    std::set<std::string> made;
    while (made.size() < tables.size()) {
        const auto before = made.size();
        for (const auto &t : tables) {
            if (made.count(t.name))
                continue;
            if (std::all_of(t.refers.begin(), t.refers.end(), [&](const auto &r) { return made.count(r) > 0; })) {
                out.push_back(sql::postgresDefinition(t.sql));
                made.insert(t.name);
            }
        }
        if (made.size() == before)
            throw StoreError("the schema's tables refer to each other in a circle", 0);
    }
    for (const auto &i : indexes)
        out.push_back(sql::postgresDefinition(i));
    return out;
}

/** The schema version of the first PostgreSQL databases; a later one is upgraded in place. */
constexpr int kFirstPostgresVersion = 9;

/** PostgreSQL's own part of schema version @p version, run after its shared SQL. */
void postgresStep(sql::Database &db, int version)
{
    if (version == 10) {
        sql::makeChangeBlocks(db);
        // step_results, the table written by the hundred thousand: PostgreSQL checks a foreign
        // key row by row, locking the row referred to, and with pushes applied at once those
        // checks were a third of a burst's work. Its installation stays a foreign key. Its step
        // and the user who recorded it are checked by Store::recordStepResult, in the same
        // transaction, under the installation's lock; neither row is ever deleted (an approved
        // build's steps never change, and users are switched off, not removed). See
        // docs/architecture.md, "Foreign keys (PostgreSQL)".
        db.exec("ALTER TABLE step_results DROP CONSTRAINT IF EXISTS step_results_step_id_fkey, "
                "DROP CONSTRAINT IF EXISTS step_results_recorded_by_fkey");
    }
}

/**
 * PostgreSQL: the version is meta's 'schema_version'. A new database gets the whole schema at
 * once (it starts at schemaVersion(); version 9 is the first PostgreSQL knows, and a database of a
 * later one is brought up in place, each version's shared SQL then its own part); an advisory lock
 * keeps two servers starting together from both making it.
 */
void migratePostgres(sql::Database &db)
{
    sql::Transaction tx(db);
    db.exec("SELECT pg_advisory_xact_lock(72620191)");
    const bool exists = db.scalar("SELECT count(*) FROM information_schema.tables WHERE table_schema = "
                                  "current_schema() AND table_name = 'meta'") > 0;
    int current = 0;
    if (exists) {
        auto q = db.query("SELECT value FROM meta WHERE key = 'schema_version'");
        current = q->step() ? std::stoi(q->text(0)) : 0;
    }
    if (current > schemaVersion())
        throw StoreError("database " + db.path() + " has schema version " + std::to_string(current) +
                             " but this program knows only up to version " + std::to_string(schemaVersion()) +
                             ": it was written by a newer Release Desk; upgrade this program "
                             "(the database was not changed)",
                         0);
    if (current == schemaVersion())
        return;
    if (exists && current >= kFirstPostgresVersion) {
        // An older PostgreSQL database: each later version's shared SQL, then its own part.
        for (const auto &m : kMigrations) {
            if (m.version <= current)
                continue;
            if (!m.sql.empty())
                db.exec(m.sql);
            postgresStep(db, m.version);
        }
        db.query("UPDATE meta SET value = ?1 WHERE key = 'schema_version'")
            ->bindAll(std::to_string(schemaVersion()))
            .run();
        tx.commit();
        return;
    }
    if (exists)
        throw StoreError("database " + db.path() + " has tables but no schema version Release Desk knows; "
                         "it was not changed",
                         0);
    try {
        for (const auto &statement : postgresSchema())
            db.exec(statement);
    } catch (const std::invalid_argument &e) {
        throw StoreError(std::string("the schema has no PostgreSQL form: ") + e.what(), 0);
    }
    // last_seq: where the first block of change numbers starts after (changeblocks.h).
    db.query("INSERT INTO meta(key, value) VALUES ('schema_version', ?1), ('last_seq', '0')")
        ->bindAll(std::to_string(schemaVersion()))
        .run();
    for (const auto &m : kMigrations) {
        if (m.version > kFirstPostgresVersion)
            postgresStep(db, m.version);
    }
    tx.commit();
}

} // namespace

int schemaVersionOf(sql::Database &db)
{
    if (!db.isPostgres())
        return static_cast<int>(db.scalar("PRAGMA user_version"));
    auto q = db.query("SELECT value FROM meta WHERE key = 'schema_version'");
    return q->step() ? std::stoi(q->text(0)) : 0;
}

void migrate(sql::Database &db, int upTo)
{
    if (db.isPostgres()) {
        if (upTo >= 0 && upTo != schemaVersion())
            throw StoreError("a PostgreSQL database is made at schema version " + std::to_string(schemaVersion()) +
                                 " only",
                             0);
        migratePostgres(db);
        return;
    }
    const int target = upTo < 0 ? schemaVersion() : upTo;
    const auto current = static_cast<int>(db.scalar("PRAGMA user_version"));
    if (current > schemaVersion())
        throw StoreError("database " + db.path() + " has schema version " + std::to_string(current) +
                             " but this program knows only up to version " + std::to_string(schemaVersion()) +
                             ": it was written by a newer Release Desk; upgrade this program "
                             "(the database was not changed)",
                         0);
    for (const auto &m : kMigrations) {
        if (m.version <= current || m.version > target)
            continue;
        // A table rebuilt (made anew, copied, the old one dropped) is briefly missing from its
        // children's foreign keys: checks are off for that, outside the transaction as SQLite
        // requires, and the whole database is checked before the step commits.
        const bool rebuilds = m.rebuilds == Migration::Rebuilds::Tables;
        if (rebuilds)
            db.exec("PRAGMA foreign_keys = OFF");
        try {
            sql::Transaction tx(db);
            db.exec(m.sql);
            if (rebuilds && db.scalar("SELECT count(*) FROM pragma_foreign_key_check") != 0)
                throw StoreError("database " + db.path() + " has rows whose references are broken; schema version " +
                                     std::to_string(m.version) + " was not applied",
                                 0);
            db.exec("PRAGMA user_version = " + std::to_string(m.version));
            tx.commit();
        } catch (...) {
            if (rebuilds)
                db.exec("PRAGMA foreign_keys = ON");
            throw;
        }
        if (rebuilds)
            db.exec("PRAGMA foreign_keys = ON");
    }
}

} // namespace rd
