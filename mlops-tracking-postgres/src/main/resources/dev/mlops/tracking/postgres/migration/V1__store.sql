-- The tracking store on PostgreSQL, version 1. Flyway runs it in the schema the application names
-- (its search_path), so no name here is schema-qualified. Instants are nanoseconds since the epoch
-- (bigint): exact, as the file store keeps them, and ordered. Nothing here needs a superuser.

create table experiments (
    name        text primary key,
    description text not null,
    created_ns  bigint not null
);

create table experiment_tags (
    experiment text not null references experiments (name),
    key        text not null,
    value      text not null,
    primary key (experiment, key)
);

create table runs (
    id           text primary key,
    experiment   text not null references experiments (name),
    name         text not null,
    parent_id    text references runs (id),
    status       text not null,
    started_ns   bigint not null,
    ended_ns     bigint,
    environment  text not null,
    error        text,
    -- the owner refreshes it (database time) while the run is open, every heartbeat_every_ns; a
    -- running run whose heartbeat is three periods old is abandoned
    heartbeat_ns       bigint not null,
    heartbeat_every_ns bigint not null
);
create index runs_by_experiment on runs (experiment, started_ns desc, id);
create index runs_by_parent on runs (parent_id) where parent_id is not null;

create table run_params (
    run_id text not null references runs (id),
    key    text not null,
    value  text not null,
    primary key (run_id, key)
);

create table run_tags (
    run_id text not null references runs (id),
    key    text not null,
    value  text not null,
    primary key (run_id, key)
);

-- metric points in the batches they were logged in, in order (seq): one row per batch, its points
-- encoded compactly (PointBatches), so a million points are about a thousand rows; a batch is
-- written once whatever the retries (its id is the key)
create table metric_batches (
    batch_id uuid primary key,
    seq      bigint generated always as identity,
    run_id   text not null references runs (id),
    points   integer not null,
    payload  bytea not null
);
create index metric_batches_by_run on metric_batches (run_id, seq);

-- each metric's summary, kept with the points in the same transaction; searched and sorted on
create table run_metrics (
    run_id      text not null references runs (id),
    name        text not null,
    latest      double precision not null,
    latest_step bigint not null,
    min_value   double precision not null,
    max_value   double precision not null,
    count       bigint not null,
    primary key (run_id, name)
);
create index run_metrics_by_name on run_metrics (name, latest);

-- content-addressed bodies in chunks, checked against their SHA-256 on every read
create table blobs (
    sha256 text primary key,
    size   bigint not null,
    chunks integer not null
);

create table blob_chunks (
    sha256 text not null references blobs (sha256),
    chunk  integer not null,
    bytes  bytea not null,
    primary key (sha256, chunk)
);

create table run_artifacts (
    run_id text not null references runs (id),
    path   text not null,
    sha256 text not null,
    size   bigint not null,
    primary key (run_id, path)
);

-- a version's content is the frame as the api's FrameCodec writes it (CSV), a body named by its
-- SHA-256 (in blobs, or in a shared directory); equal content under one name is one version
create table datasets (
    name        text not null,
    version     integer not null,
    fingerprint text not null,
    schema      text not null,
    row_count   bigint not null,
    content     text not null,
    profile     text,
    source      text,
    created_ns  bigint not null,
    primary key (name, version),
    unique (name, fingerprint)
);

create table run_inputs (
    run_id   text not null references runs (id),
    position integer not null,
    dataset  text not null,
    version  integer not null,
    role     text not null,
    primary key (run_id, position),
    foreign key (dataset, version) references datasets (name, version)
);

create table models (
    name         text primary key,
    description  text not null,
    tags         text not null,
    last_version integer not null,
    created_ns   bigint not null
);

create table model_versions (
    model   text not null references models (name),
    version integer not null,
    body    text not null,
    deleted boolean not null default false,
    primary key (model, version)
);

create table model_aliases (
    model   text not null references models (name),
    alias   text not null,
    version integer not null,
    primary key (model, alias)
);

create table model_approvals (
    model text not null references models (name),
    alias text not null,
    primary key (model, alias)
);

create table audit_log (
    seq     bigint generated always as identity primary key,
    model   text not null,
    at_ns   bigint not null,
    actor   text not null,
    action  text not null,
    version integer not null,
    before  text,
    after   text
);
create index audit_log_by_model on audit_log (model, seq);

-- a queue's row is locked by every write to it; an item is its JSON, and once reviewed, the review's
create table review_queues (
    name text primary key
);

create table review_items (
    queue          text not null references review_queues (name),
    id             text not null,
    seq            bigint generated always as identity,
    item           text not null,
    reviewed       text,
    reviewed_order bigint,
    primary key (queue, id)
);
create index review_items_pending on review_items (queue, seq) where reviewed is null;
