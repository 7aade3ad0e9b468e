-- Need clusters of the CoIL 2000 book (docs/importing.md, "The CoIL 2000 adapter"): versioned seeded k-means++ runs
-- over each customer's 21 product holdings and a few demographics. A run is RUNNING while it works (progress committed
-- on the side), FINISHED when its clusters and members are written in one transaction, UNCHANGED when the book, the
-- seed and the settings were those of the current run (nothing is rewritten: unchanged_from names the run whose
-- clusters stay current), FAILED when its work rolled back. The latest FINISHED run is the current one.
create table coil_cluster_run (
    id             bigint generated always as identity primary key,
    status         text not null check (status in ('RUNNING', 'FINISHED', 'UNCHANGED', 'FAILED')),
    phase          text not null check (phase in ('FEATURES', 'FIT', 'ASSIGN', 'PROFILE', 'DONE')),
    progress       smallint not null default 0 check (progress between 0 and 100),
    requested_k    smallint check (requested_k between 2 and 12),     -- null: k chosen by the silhouette criterion
    k              smallint check (k between 2 and 12),
    seed           bigint not null,
    features       text[] not null,                                   -- CoilNeedFeature names, in centroid order
    fingerprint    text,                                              -- md5 of the features of every customer + settings
    reason         text not null check (length(reason) between 1 and 500),
    customers      integer,                                           -- customers assigned
    feature_means  float8[],
    feature_sds    float8[],
    silhouette     float8,
    k_scores       jsonb,
    unchanged_from bigint references coil_cluster_run (id),
    started_by     text not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    error          text,
    constraint coil_cluster_run_finished check (status <> 'FINISHED' or (finished_at is not null and k is not null and customers is not null)),
    constraint coil_cluster_run_unchanged check ((status = 'UNCHANGED') = (unchanged_from is not null))
);
create unique index coil_cluster_run_one_running on coil_cluster_run ((true)) where status = 'RUNNING';

create table coil_cluster (
    run_id        bigint not null references coil_cluster_run (id) on delete cascade,
    cluster_no    smallint not null check (cluster_no between 1 and 12), -- 1 = most customers nearest at the fit
    centroid      float8[] not null,                                    -- in the clustered (scaled) space
    profile       float8[] not null,                                    -- the members' mean per feature, in its unit
    z_profile     float8[] not null,                                    -- (profile - book mean) / book sd
    traits        jsonb not null,                                       -- [{feature, z}], the name
    primary key (run_id, cluster_no)
);

-- customer -> cluster; kept for the current and the previous finished run
create table coil_cluster_member (
    run_id       bigint not null,
    source       text not null,
    row_number   integer not null,
    cluster_no   smallint not null,
    primary key (run_id, source, row_number),
    foreign key (run_id, cluster_no) references coil_cluster (run_id, cluster_no) on delete cascade,
    foreign key (source, row_number) references coil_customer (source, row_number) on delete cascade
);
create index coil_cluster_member_customer_idx on coil_cluster_member (source, row_number);
