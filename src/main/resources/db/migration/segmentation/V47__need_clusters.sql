-- Need clusters (docs/segmentation.md, "Clusters"): versioned k-means++ runs over the protection-need features of the
-- book. A run is RUNNING while it works (progress committed on the side), FINISHED when its clusters and members are
-- written in one transaction, FAILED when that transaction rolled back (then it has neither). The latest FINISHED run
-- is the current one.
create table need_cluster_run (
    id             bigint generated always as identity primary key,
    status         text not null check (status in ('RUNNING', 'FINISHED', 'FAILED')),
    phase          text not null check (phase in ('FEATURES', 'FIT', 'ASSIGN', 'PROFILE', 'DONE')),
    progress       smallint not null default 0 check (progress between 0 and 100),
    requested_k    smallint check (requested_k between 2 and 12),     -- null: k chosen by the silhouette criterion
    k              smallint check (k between 2 and 12),               -- the k of the clusters (set once known)
    seed           bigint not null,
    sample_size    integer not null check (sample_size > 0),         -- the most customers the fit may read
    customers      integer,                                           -- customers assigned
    sampled        integer,                                           -- customers the fit read
    features       text[] not null,                                   -- NeedFeature names, in centroid order
    feature_means  float8[],                                          -- book mean and standard deviation per feature
    feature_sds    float8[],
    silhouette     float8,                                            -- mean silhouette of the fit on its check sample
    k_scores       jsonb,                                             -- {k: silhouette} when k was chosen
    started_by     text not null,
    started_at     timestamptz not null,
    finished_at    timestamptz,
    error          text,
    constraint need_cluster_run_finished check ((status = 'FINISHED') = (finished_at is not null and k is not null
                                                                         and customers is not null))
);
-- one run at a time
create unique index need_cluster_run_one_running on need_cluster_run ((true)) where status = 'RUNNING';
create index need_cluster_run_finished_idx on need_cluster_run (id desc) where status = 'FINISHED';

create table need_cluster (
    run_id        bigint not null references need_cluster_run (id) on delete cascade,
    cluster_no    smallint not null check (cluster_no between 1 and 12), -- 1 = most of the fit sample
    customers     integer not null check (customers >= 0),
    holders       integer not null check (holders >= 0),                -- customers holding >= 1 active policy
    contracts     integer not null check (contracts >= 0),              -- active policies those customers hold
    centroid      float8[] not null,                                    -- standardised (z) centre of the fit
    profile       float8[] not null,                                    -- the members' mean per feature, in its unit
    z_profile     float8[] not null,                                    -- (profile - book mean) / book sd
    traits        jsonb not null,                                       -- [{feature, direction HIGH|LOW, z}], the name
    primary key (run_id, cluster_no)
);

-- customer -> cluster; kept for the current and the previous finished run (older runs keep their clusters only)
create table need_cluster_member (
    run_id       bigint not null,
    customer_id  bigint not null,
    cluster_no   smallint not null,
    primary key (run_id, customer_id),
    foreign key (run_id, cluster_no) references need_cluster (run_id, cluster_no) on delete cascade
);
